/**
 * A linear pre-check of how deeply HTML nests, run before it is parsed. htmlparser2 (under
 * sanitize-html and html-to-doc.ts) keeps its open elements in an array it grows at the front,
 * so parsing slows down with the square of the depth: 2 MB of nested tags costs minutes of
 * CPU, while real pages and Word documents nest a few dozen levels. This scan mirrors the
 * parser's stack closely enough to bound that cost: elements that never nest (void elements,
 * and those the next sibling closes, such as `<p>` or `<li>`) are not counted, a closing tag
 * closes what it matches and is ignored otherwise, and comments and raw-text elements (script,
 * style…) are skipped. It scans each character a bounded number of times.
 */

const VOID = new Set(
  "area base br col embed hr img input link meta param source track wbr keygen".split(" "),
);
const CLOSED_BY_SIBLING = new Set(
  "p li dt dd tr td th option optgroup thead tbody tfoot rb rt rp".split(" "),
);
const RAW_TEXT = new Set("script style textarea title xmp iframe noembed noframes".split(" "));

/** A tag from `<`: stops at the next `<` or `>`, so a tag without its `>` costs one scan. */
const TAG = /<(\/?)([a-z][^\s/<>]*)[^<>]*>/y;

/** Whether `html` opens more than `max` nested elements at some point. */
export function nestsDeeperThan(source: string, max: number): boolean {
  // Lower-cased once: tag names compare as lower case, and every search runs on this copy.
  const html = source.toLowerCase();
  const stack: string[] = [];
  const open = new Map<string, number>();
  let i = html.indexOf("<");
  while (i !== -1) {
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      if (end < 0) return false;
      i = html.indexOf("<", end + 3);
      continue;
    }
    TAG.lastIndex = i;
    const match = TAG.exec(html);
    if (!match) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    const next = i + match[0].length;
    const name = match[2] as string;
    if (match[1]) {
      // A closing tag closes the innermost open element of its name and all inside it.
      if (open.get(name)) {
        for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
          open.set(top, (open.get(top) ?? 1) - 1);
          if (top === name) break;
        }
      }
      i = html.indexOf("<", next);
    } else if (RAW_TEXT.has(name)) {
      const end = html.indexOf(`</${name}`, next);
      if (end < 0) return false;
      i = end;
    } else {
      if (!VOID.has(name) && !CLOSED_BY_SIBLING.has(name)) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
        if (stack.length > max) return true;
      }
      i = html.indexOf("<", next);
    }
  }
  return false;
}
