/**
 * Untrusted HTML (a pasted page, an uploaded .html file, or what markdown-it and mammoth
 * produce) cut down to the article schema with sanitize-html, an allow-list sanitizer
 * (ASVS 1.3.1). What survives is only structure the editor can hold: paragraphs, headings,
 * lists, blockquotes, preformatted text, line breaks, bold, italic and links, with `href` on
 * links and `start` on ordered lists as the only attributes. Links keep http(s) and mailto
 * URLs only (ASVS 1.2.2); html-to-doc.ts checks them again against the document schema.
 *
 * Elements outside the list are unwrapped, keeping their text, except those whose text is not
 * article text at all (scripts, styles, the page title, frames, forms' options, SVG…), which go
 * with their content. Layout containers and table cells are renamed to `div`/`p` first, so
 * that text from two cells or two sections never runs together.
 */
import sanitizeHtml from "sanitize-html";
import { ImportError } from "./import-error";
import { MAX_HTML_NESTING } from "./limits";
import { nestsDeeperThan } from "./nesting";

const TO_DIV = [
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "figure",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "dl",
  "address",
  "center",
  "details",
  "form",
  "fieldset",
];
const TO_P = ["td", "th", "dt", "dd", "figcaption", "caption", "summary", "legend"];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "br",
    "hr",
    "a",
    "strong",
    "em",
    "div",
  ],
  allowedAttributes: { a: ["href"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Deeper elements are unwrapped (their text kept), which bounds the recursion of
  // html-to-doc.ts well within the stack. Real pages and Word documents stay far below this.
  nestingLimit: 200,
  nonTextTags: [
    "script",
    "style",
    "template",
    "noscript",
    "title",
    "head",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "textarea",
    "select",
    "option",
    "button",
    "nav",
  ],
  transformTags: {
    b: "strong",
    i: "em",
    h4: "h3",
    h5: "h3",
    h6: "h3",
    ...Object.fromEntries(TO_DIV.map((tag) => [tag, "div"])),
    ...Object.fromEntries(TO_P.map((tag) => [tag, "p"])),
  },
};

/**
 * HTML reduced to the tags and attributes the article schema can represent. Throws ImportError
 * for HTML nested more than MAX_HTML_NESTING levels, which would take minutes to parse.
 */
export function sanitizeArticleHtml(html: string): string {
  if (nestsDeeperThan(html, MAX_HTML_NESTING)) {
    throw new ImportError(
      `This HTML nests elements more than ${MAX_HTML_NESTING.toLocaleString("en")} levels deep, ` +
        "which no article needs. Save the page again or paste its text.",
    );
  }
  return sanitizeHtml(html, OPTIONS);
}
