/**
 * The text content of an HTML page's body, without a DOM library: what `document.body
 * .textContent` gives minus scripts and styles, which is the text browser annotation tools
 * (Hypothesis) quote from. The method: keep what is between `<body …>` and `</body>`, drop
 * comments, `<script>`/`<style>` elements and then every tag, and decode character
 * references (numeric ones, and the named ones in ENTITIES; an unknown name is left as written
 * and counted). Good enough for a well-formed saved page; not a general HTML parser.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  hellip: "\u2026",
  laquo: "\u00ab",
  raquo: "\u00bb",
  rarr: "\u2192",
  larr: "\u2190",
  aacute: "\u00e1",
  eacute: "\u00e9",
  iacute: "\u00ed",
  oacute: "\u00f3",
  uacute: "\u00fa",
  ntilde: "\u00f1",
  copy: "\u00a9",
};

/** The body's text, and the named references that were left undecoded. */
export function htmlBodyText(html: string): { text: string; unknownEntities: string[] } {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.search(/<\/body\s*>/i);
  const body = open ? html.slice(open.index + open[0].length, close < 0 ? undefined : close) : html;
  const unknownEntities: string[] = [];
  const text = body
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
      if (ref[0] === "#") {
        const code =
          ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return String.fromCodePoint(code);
      }
      const named = ENTITIES[ref];
      if (named === undefined) unknownEntities.push(whole);
      return named ?? whole;
    });
  return { text, unknownEntities };
}
