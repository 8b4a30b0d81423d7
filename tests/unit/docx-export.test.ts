import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderDocxExport, xmlSafe } from "@/lib/core/export/docx";
import { buildExportModel, type ExportModel } from "@/lib/core/export/model";
import {
  claimOn,
  demoDoc,
  demoModel,
  edgeModels,
  exportSource,
  hostileModel,
  PAYLOAD,
  QUOTE,
} from "../helpers/export-models";

const decode = (xml: string) =>
  xml.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e] as string,
  );

async function unzip(model: ExportModel) {
  const zip = await JSZip.loadAsync(await renderDocxExport(model));
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is missing`);
    return file.async("string");
  };
  return {
    zip,
    document: await read("word/document.xml"),
    comments: await read("word/comments.xml"),
  };
}

/**
 * The text each comment range covers in document.xml, read as Word reads it: the `<w:t>` runs
 * and line breaks between `commentRangeStart` and `commentRangeEnd` of the same id.
 */
function commentedText(xml: string): Map<number, string> {
  const open = new Map<number, string>();
  const done = new Map<number, string>();
  const token =
    /<w:commentRangeStart w:id="(\d+)"\/>|<w:commentRangeEnd w:id="(\d+)"\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g;
  for (const m of xml.matchAll(token)) {
    if (m[1]) open.set(Number(m[1]), "");
    else if (m[2]) {
      const id = Number(m[2]);
      done.set(id, open.get(id) ?? "<never opened>");
      open.delete(id);
    } else {
      const text = m[3] !== undefined ? decode(m[3]) : "\n";
      for (const [id, t] of open) open.set(id, t + text);
    }
  }
  expect([...open.keys()]).toEqual([]);
  return done;
}

/** Each comment's text, its paragraphs joined by newlines. */
function commentTexts(xml: string): Map<number, { author: string; text: string }> {
  const out = new Map<number, { author: string; text: string }>();
  for (const m of xml.matchAll(/<w:comment ([^>]*)>([\s\S]*?)<\/w:comment>/g)) {
    const attrs = m[1] as string;
    const id = Number(/w:id="(\d+)"/.exec(attrs)?.[1]);
    const author = decode(/w:author="([^"]*)"/.exec(attrs)?.[1] ?? "");
    const text = (m[2] as string)
      .split(/<\/w:p>/)
      .map((p) =>
        [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
          .map((t) => decode(t[1] as string))
          .join(""),
      )
      .filter(Boolean)
      .join("\n");
    out.set(id, { author, text });
  }
  return out;
}

describe("Word export", () => {
  it("puts a comment range around exactly each claimed passage", async () => {
    const model = demoModel();
    const { document } = await unzip(model);
    const ranges = commentedText(document);
    for (const claim of model.claims) {
      const expected = claim.position ? claim.quote.exact : `“${claim.quote.exact}”`;
      expect(ranges.get(claim.note), claim.quote.exact).toBe(expected);
    }
    // The reference mark that shows the comment follows each range's end.
    for (const claim of model.claims) {
      expect(document).toMatch(
        new RegExp(
          `<w:commentRangeEnd w:id="${claim.note}"/><w:r>(<w:rPr>.*?</w:rPr>)?<w:commentReference w:id="${claim.note}"/>`,
        ),
      );
    }
  });

  it("gives each comment the verdict, rationale, editor's note and graded evidence", async () => {
    const model = demoModel();
    const { comments } = await unzip(model);
    const byId = commentTexts(comments);
    expect(byId.size).toBe(model.claims.length);
    const note = model.claims.find((c) => c.quote.exact === QUOTE)?.note ?? 0;
    const comment = byId.get(note);
    expect(comment?.author).toBe("Rev Iewer");
    expect(comment?.text).toBe(
      [
        `Note ${note}: Inaccurate (1 of 5)`,
        "Immune rejection is documented.",
        "See the review below.",
        "Editor’s note: We publish this with our correction.",
        "Evidence",
        "• Adverse events of stem cell therapy: a systematic review. Smith J, Chen L. BMJ. 2021" +
          "Contradicts · Systematic review of RCTs · CEBM level 1 · GRADE certainty: Moderate (rated down for imprecision)" +
          "https://bmj.example/review · https://doi.org/10.1000/xyz · PMID 31978945",
        "“Rejection occurred in 12% of recipients.”",
      ].join("\n"),
    );
    const orphan = model.claims.find((c) => c.position === null);
    expect(byId.get(orphan?.note ?? 0)?.text).toContain("This passage is no longer in the text.");
  });

  it("keeps hostile text as text in the document and the comments", async () => {
    const model = hostileModel();
    const { document, comments } = await unzip(model);
    for (const xml of [document, comments]) {
      expect(xml).not.toMatch(/<script|<img|<svg|<iframe|<w:t>injected/);
    }
    expect([...commentTexts(comments).values()][0]?.author).toBe(`Rev ${PAYLOAD}`);
    expect([...commentTexts(comments).values()][0]?.text).toContain(`Note ${PAYLOAD}`);
    expect(commentedText(document).get(2)).toBe("<script>alert(1)</script>");
    const body = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => decode(m[1] as string))
      .join("");
    expect(body).toContain(`Intro ${PAYLOAD}`);
  });

  it("drops characters XML cannot hold instead of writing a file Word refuses", async () => {
    expect(xmlSafe("a\u0000b\u0007c\u000Bd\tx\ny 😀 \uD800z")).toBe("abcd\tx\ny 😀 z");
    const text = "Bell\u0007 and null\u0000 in the text.";
    const doc = demoDoc([{ type: "paragraph", content: [{ type: "text", text }] }]);
    const model = buildExportModel(exportSource(doc, [claimOn(doc, "null\u0000 in")]));
    const { document } = await unzip(model);
    expect([document.includes("\u0000"), document.includes("\u0007")]).toEqual([false, false]);
    // Comments are named by note, which is the claim's number.
    expect(commentedText(document).get(model.claims[0]?.note ?? 0)).toBe("null in");
  });

  it("renders every edge case, with one comment per claim", async () => {
    for (const [name, model] of Object.entries(edgeModels())) {
      const zip = await JSZip.loadAsync(await renderDocxExport(model));
      const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
      expect(commentTexts(comments).size, name).toBe(model.claims.length);
    }
    const { document } = await unzip(edgeModels()["non-ASCII"] ?? demoModel());
    expect(commentedText(document).get(1)).toBe("völlig ungefährlich 😀");
  });
});
