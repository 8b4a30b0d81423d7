/**
 * XSS payloads in the article text, a rationale, an evidence title, an editor's note (and the
 * reviewer, title, author, organization) through every format: nothing runs in the HTML, and
 * every other format carries the payloads as the same inert text. Each renderer's own test
 * goes deeper (Markdown parsed by markdown-it, CSV by an RFC 4180 reader, docx unzipped).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { type ExportFormatId, renderExport } from "@/lib/core/export/formats";
import { buildW3cAnnotationPage } from "@/lib/core/export/w3c";
import { hostileModel, PAYLOAD } from "../helpers/export-models";

const model = hostileModel();
const text = async (format: ExportFormatId) =>
  new TextDecoder().decode(await renderExport(model, format));

/** All string values of a JSON document. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("hostile text in every export", () => {
  it("runs nothing in the HTML: no script, handler or javascript: URL", async () => {
    const html = await text("html");
    const [jsonLd, ...more] = [...html.matchAll(/<script\b[^>]*>([^<]*)<\/script>/gi)];
    expect(more).toEqual([]);
    expect(jsonLd?.[0]).toMatch(/^<script type="application\/ld\+json">/);
    const markup = html.replace(jsonLd?.[0] ?? "", "");
    expect(markup).not.toMatch(/<script\b/i);
    expect(markup).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(markup).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    expect(markup).not.toMatch(/<(img|svg|iframe)\b/i);
    expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps the payloads as exact JSON strings in W3C and ClaimReview", async () => {
    const w3c = strings(JSON.parse(await text("w3c")));
    expect(w3c).toContain(`Wrong.\n\n${PAYLOAD}`);
    expect(w3c).toContain(`Note ${PAYLOAD}`);
    expect(w3c).toContain(`Rev ${PAYLOAD}`);
    expect(w3c).toContain("<script>alert(1)</script>"); // the second claim's quote
    expect(buildW3cAnnotationPage(model).items.map((a) => a.target.source)).toEqual(
      Array(3).fill("https://desk.example/p/stem-cells"),
    );
    const claimReview = strings(JSON.parse(await text("claimreview")));
    expect(claimReview).toContain(`Wrong.\n\n${PAYLOAD}`);
    expect(claimReview).toContain(`Dr ${PAYLOAD}`);
  });

  it("escapes them in Markdown, quotes them in CSV and writes them as XML text in Word", async () => {
    const md = await text("md");
    // Every `<` and `](` of the payloads is escaped with a backslash.
    expect(md).not.toMatch(/(?<!\\)<(script|img|svg|iframe|a )|(?<!\\)\]\(javascript/i);
    // Only what Markdown needs: `<` opens a tag, `>` and `( )` outside a link do nothing.
    expect(md).toContain("\\<script>alert(1)\\</script>");

    const csv = await text("csv");
    expect(csv).toContain(`"Rev ${PAYLOAD.replace(/"/g, '""')}"`);

    const zip = await JSZip.loadAsync(await renderExport(model, "docx"));
    for (const part of ["word/document.xml", "word/comments.xml"]) {
      const xml = (await zip.file(part)?.async("string")) ?? "";
      expect(xml, part).not.toMatch(/<script|<img|<w:t>injected/);
      expect(xml, part).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });
});
