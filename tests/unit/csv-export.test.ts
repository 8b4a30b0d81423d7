import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvField, renderCsvExport } from "@/lib/core/export/csv";
import { buildExportModel } from "@/lib/core/export/model";
import {
  claimOn,
  demoDoc,
  demoModel,
  edgeModels,
  exportSource,
  hostileModel,
  PAYLOAD,
} from "../helpers/export-models";

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i += 2;
    } else {
      if (c === '"' || c === "\r" || c === "\n")
        throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("last record without CRLF");
  return rows;
}

function records(csv: string): Record<string, string>[] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual([...CSV_COLUMNS]);
  return rows.map((r) => {
    expect(r).toHaveLength(CSV_COLUMNS.length);
    return Object.fromEntries(CSV_COLUMNS.map((k, i) => [k, r[i] as string]));
  });
}

describe("CSV export", () => {
  it("has a byte order mark, a header and one CRLF record per claim", () => {
    const model = demoModel();
    const rows = records(renderCsvExport(model));
    expect(rows).toHaveLength(model.claims.length);
    const first = model.claims[0];
    expect(rows[0]).toEqual({
      // The note is the claim's number (claim 2 comes first in reading order).
      note: "2",
      claim: "2",
      quote: "one of the new treatments of kidney",
      status: "Resolved",
      verdict: "Misleading",
      rating: "3",
      verdict_stale: "no",
      severity: "High",
      evidence_count: "1",
      best_cebm_level: "1",
      grade_certainty: "",
      reviewer: "Rev Iewer",
      anchor_state: "exact",
      start: String(first?.position?.start),
      end: String(first?.position?.end),
      created: "2026-10-31T10:00:00.000Z",
      updated: "2026-10-31T11:00:00.000Z",
    });
    const orphan = rows.find((r) => r.anchor_state === "orphaned");
    expect(orphan).toMatchObject({ start: "", end: "" });
    for (const row of rows) expect(row.note).toBe(row.claim);
    const pending = rows.find((r) => r.status === "In progress");
    expect(pending).toMatchObject({ verdict: "", rating: "" });
  });

  it("quotes commas, quotes and line breaks, and reads back the same text", () => {
    const tricky = 'He said "no, never",\nthen: ok';
    const doc = demoDoc([{ type: "paragraph", content: [{ type: "text", text: tricky }] }]);
    const model = buildExportModel(
      exportSource(doc, [claimOn(doc, "no toxicity"), claimOn(doc, 'He said "no, never",')]),
    );
    const csv = renderCsvExport(model);
    expect(csv).toContain('"He said ""no, never"","');
    expect(records(csv).map((r) => r.quote)).toEqual(["no toxicity", 'He said "no, never",']);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const [value, cell] of [
      ["=1+1", "'=1+1"],
      ["+SUM(A1)", "'+SUM(A1)"],
      ["-2+3", "'-2+3"],
      ["@cmd", "'@cmd"],
      ["\t=1", "'\t=1"],
      ["\r=1", '"\'\r=1"'],
      ['=HYPERLINK("https://evil.example","x")', '"\'=HYPERLINK(""https://evil.example"",""x"")"'],
      ["a=1", "a=1"],
    ] as const) {
      expect(csvField(value), value).toBe(cell);
    }
    expect(csvField(-2)).toBe("-2");

    const doc = demoDoc([
      { type: "paragraph", content: [{ type: "text", text: "=cmd|' /C calc'!A0 is a classic." }] },
    ]);
    const model = buildExportModel(
      exportSource(doc, [claimOn(doc, "=cmd|' /C calc'!A0", { reviewer: "@admin" })]),
    );
    const [row] = records(renderCsvExport(model));
    expect(row).toMatchObject({ quote: "'=cmd|' /C calc'!A0", reviewer: "'@admin" });
  });

  it("keeps hostile text as text, and renders every edge case", () => {
    const rows = records(renderCsvExport(hostileModel()));
    expect(rows[0]?.reviewer).toBe(`Rev ${PAYLOAD}`);
    for (const [name, model] of Object.entries(edgeModels())) {
      expect(records(renderCsvExport(model)), name).toHaveLength(model.claims.length);
    }
    const [unicode] = records(renderCsvExport(edgeModels()["non-ASCII"] ?? demoModel()));
    expect(unicode?.quote).toBe("völlig ungefährlich 😀");
  });
});
