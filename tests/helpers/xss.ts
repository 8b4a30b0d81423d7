/**
 * The XSS corpus (`tests/fixtures/xss/payloads.json`) and the checks every HTML output must
 * pass, shared by the unit test (tests/unit/xss-corpus.test.ts) and the browser test
 * (tests/e2e/xss.spec.ts). Each payload carries the marker `xss-<id>`; those that could run
 * call `alert('xss-<id>')` or set `window.__xss`, so a browser test can see execution.
 *
 * The HTML check parses with htmlparser2 (entities decoded as a browser decodes them) and works
 * from allow-lists: every element and attribute our renderers write is listed, so a payload
 * that turns into markup shows up as an element or attribute off the list, whatever its name.
 */
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "htmlparser2";
import JSZip from "jszip";
import MarkdownIt from "markdown-it";
import { z } from "zod";
import { parseCsv } from "./csv";

const payloadSchema = z.array(
  z.object({
    id: z.number().int().positive(),
    kind: z.string().min(1),
    payload: z.string().min(1),
    note: z.string().optional(),
    /**
     * Leaves open an element whose content the import drops (`<svg>`, `<style>`) or a comment,
     * so that on import the markup after it is lost too.
     */
    unclosed: z.boolean().optional(),
  }),
);

export type XssPayload = z.infer<typeof payloadSchema>[number];

const CORPUS = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "../fixtures/xss/payloads.json",
);

/** Every payload of the corpus, in file order. */
export const XSS_PAYLOADS: XssPayload[] = payloadSchema.parse(
  JSON.parse(fs.readFileSync(CORPUS, "utf8")),
);

/** The marker a payload carries in its text. */
export const marker = (p: XssPayload) => `xss-${p.id}`;

/** Elements the renderers (exports, the public page, rationale markdown) write. */
const ELEMENTS = new Set(
  "html head meta title style script body header footer nav section article div p span h1 h2 h3 h4 h5 h6 a strong em s code pre br hr ul ol li blockquote mark sup table thead tbody tr th td".split(
    " ",
  ),
);

/** Attributes they write; anything else (an `on…` handler above all) came from user text. */
const ATTRIBUTES = new Set(
  "lang charset name content http-equiv type href rel target download class id title role start style aria-label aria-labelledby aria-current data-testid data-retracted value".split(
    " ",
  ),
);

/** Attributes a browser follows as a URL (the parser's checks and the browser's share them). */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "poster",
  "background",
  "ping",
  "srcset",
  "cite",
]);

/**
 * Links we write: web, mail, a fragment or a site path. Checked after removing what browsers
 * skip inside a scheme (white space and control characters), so `java\tscript:` is caught.
 */
const SAFE_URL = /^(https?:\/\/|mailto:|#|\/(?!\/))/i;

const META = new Set(["charset", "viewport", "generator", "http-equiv"]);

type Node = ReturnType<typeof parseDocument>["children"][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;
const isElement = (node: Node): node is Element => "attribs" in node;

function elements(nodes: Node[], into: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    into.push(node);
    elements(node.children, into);
  }
  return into;
}

function textOf(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (isElement(n)) return n.name === "script" || n.name === "style" ? "" : textOf(n.children);
      return "data" in n && n.type === "text" ? n.data : "";
    })
    .join("");
}

/** The raw text of an element's children (a script's source is never entity-decoded). */
const rawText = (el: Element) => el.children.map((n) => ("data" in n ? n.data : "")).join("");

export interface HtmlCheckOptions {
  /**
   * A whole page: one `<style>` in the head (the renderer's own, with no marker in it), a
   * `<meta>` only for charset, viewport, generator or the CSP. Fragments may have neither.
   */
  page?: boolean;
}

/**
 * What in `html` could run script or load and style something a payload chose: elements and
 * attributes off the allow-lists, `on…` handlers, URLs that are not web, mail or site links,
 * scripts other than JSON-LD data blocks, JSON-LD that could close its element, extra styles.
 * Empty when the HTML is inert.
 */
export function htmlProblems(html: string, options: HtmlCheckOptions = {}): string[] {
  const problems: string[] = [];
  const dom = parseDocument(html);
  const all = elements(dom.children);
  let styles = 0;
  let jsonLdBlocks = 0;
  for (const el of all) {
    const where = `<${el.name}>`;
    if (!ELEMENTS.has(el.name)) problems.push(`element ${where}`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) problems.push(`handler ${name} on ${where}`);
      else if (!ATTRIBUTES.has(name) && !name.startsWith("aria-")) {
        problems.push(`attribute ${name} on ${where}`);
      }
      if (URL_ATTRIBUTES.has(name)) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in a scheme
        const url = value.replace(/[\u0000-\u0020]/g, "");
        if (!SAFE_URL.test(url)) problems.push(`${name}="${value}" on ${where}`);
      }
      if (name === "style" && !/^text-align:(left|right|center)$/.test(value)) {
        problems.push(`style="${value}" on ${where}`);
      }
    }
    if (el.name === "script") {
      const source = rawText(el);
      if (el.attribs.type !== "application/ld+json") problems.push(`script ${source}`);
      else {
        jsonLdBlocks++;
        if (/<\/|<!--/.test(source)) problems.push(`JSON-LD that can close its element`);
        try {
          JSON.parse(source);
        } catch {
          problems.push("JSON-LD that is not JSON");
        }
      }
    }
    if (el.name === "style") {
      styles++;
      const inHead = el.parent && isElement(el.parent) && el.parent.name === "head";
      if (!options.page || !inHead || /xss-\d/.test(rawText(el)))
        problems.push("a <style> of user text");
    }
    if (el.name === "meta") {
      const kind = Object.keys(el.attribs).find((a) => META.has(a) || a === "name");
      const known =
        kind === "charset" ||
        (kind === "name" && META.has(el.attribs.name ?? "")) ||
        (kind === "http-equiv" && el.attribs["http-equiv"] === "Content-Security-Policy");
      if (!options.page || !known) problems.push(`meta ${JSON.stringify(el.attribs)}`);
    }
  }
  if (options.page && styles !== 1) problems.push(`${styles} <style> elements`);
  // Independent of the parser: every `<script` in the source is one of the data blocks found.
  const scriptTags = html.match(/<script/gi)?.length ?? 0;
  if (scriptTags !== jsonLdBlocks) problems.push(`${scriptTags} <script> tags in the source`);
  return problems;
}

/** The text a reader sees in `html` (scripts and styles left out). */
export function visibleText(html: string): string {
  return textOf(parseDocument(html).children);
}

/** The JSON-LD data blocks of a page, parsed. */
export function jsonLdBlocks(html: string): unknown[] {
  return elements(parseDocument(html).children)
    .filter((el) => el.name === "script" && el.attribs.type === "application/ld+json")
    .map((el) => JSON.parse(rawText(el)));
}

/**
 * Text compared without its white space, which renderers may fold or turn into `<br>`, and
 * with NUL read as U+FFFD, as HTML parsers read it.
 */
export const squash = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character meant
  text.replace(/\s+/g, "").replace(/\u0000/g, "\uFFFD");

/** All string values of a JSON value. */
export function jsonStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(jsonStrings);
  return [];
}

/**
 * The most permissive Markdown reader: raw HTML on, autolinks on, and every link scheme
 * accepted (markdown-it would drop `javascript:` itself, hiding what an export wrote).
 */
const permissiveMarkdown = new MarkdownIt({ html: true, linkify: true });
permissiveMarkdown.validateLink = () => true;

/** A Markdown file as HTML, read by the most permissive reader. */
export const markdownAsHtml = (markdown: string) => permissiveMarkdown.render(markdown);

/** Cells of a CSV file a spreadsheet would run as a formula (the file must be RFC 4180). */
export function csvFormulaCells(csv: string): string[] {
  return parseCsv(csv.replace(/^\uFEFF/, ""))
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

/** Keys whose values a JSON-LD consumer follows as links. */
const JSON_URL_KEYS = new Set(["id", "source", "homepage", "url"]);

/** Link values of a JSON-LD document that are neither web addresses nor URNs. */
export function jsonUrlProblems(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonUrlProblems);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    JSON_URL_KEYS.has(k) && typeof v === "string"
      ? /^(https?:\/\/|urn:)/.test(v)
        ? []
        : [`${k}: ${v}`]
      : jsonUrlProblems(v),
  );
}

/** The parts of a .docx that people's text lands in. */
const DOCX_TEXT_PARTS = ["word/document.xml", "word/comments.xml", "docProps/core.xml"];

/**
 * A .docx read as Word reads it: what in it is not Word's own markup (an element without a
 * namespace, a DOCTYPE, entity or CDATA section, a second XML declaration, an external link
 * that is not web or mail), and the text of its runs (and title), one string per run.
 */
export async function readDocx(bytes: Uint8Array): Promise<{ problems: string[]; runs: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const problems: string[] = [];
  const runs: string[] = [];
  for (const name of DOCX_TEXT_PARTS) {
    const xml = await part(name);
    if (xml === "") problems.push(`${name} is missing`);
    if (/<!DOCTYPE|<!ENTITY|<!\[CDATA\[/i.test(xml))
      problems.push(`${name}: DOCTYPE, ENTITY or CDATA`);
    if ((xml.match(/<\?xml/g)?.length ?? 0) !== 1) problems.push(`${name}: XML declarations`);
    for (const el of elements(parseDocument(xml, { xmlMode: true }).children)) {
      if (!el.name.includes(":")) problems.push(`${name}: element <${el.name}>`);
      if (el.name === "w:t" || el.name === "dc:title") runs.push(rawText(el));
    }
  }
  const rels = parseDocument(await part("word/_rels/document.xml.rels"), { xmlMode: true });
  for (const rel of elements(rels.children)) {
    const target = rel.attribs.Target ?? "";
    if (rel.attribs.TargetMode === "External" && !/^(https?:|mailto:)/i.test(target)) {
      problems.push(`external link ${target}`);
    }
  }
  return { problems, runs };
}
