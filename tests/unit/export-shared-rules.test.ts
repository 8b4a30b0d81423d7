/**
 * The rules every export and the workspace share, said once in the core: the words of an
 * evidence citation line (with GRADE's reasons for rating down) and a claim's label (its
 * verdict only once resolved).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { claimLabel, ratingText } from "@/lib/core/claims/label";
import { evidenceFacts, evidenceLine } from "@/lib/core/export/citation";
import { renderDocxExport } from "@/lib/core/export/docx";
import { renderHtmlExport } from "@/lib/core/export/html";
import { renderMarkdownExport } from "@/lib/core/export/markdown";
import { buildExportModel } from "@/lib/core/export/model";
import {
  claimOn,
  demoDoc,
  exportSource,
  QUOTE,
  restartClaimNumbers,
} from "../helpers/export-models";

describe("the evidence citation line", () => {
  const item = {
    authors: " Smith J, et al. ",
    publisher: "Kidney Int",
    year: 2019,
    doi: "10.1000/xyz",
    pmid: "31978945",
    stance: "contradicts" as const,
    studyDesign: "rct" as const,
    gradeCertainty: "low" as const,
    gradeDowngradeReasons: ["risk_of_bias" as const, "imprecision" as const],
  };

  it("gives the source as parts and as sentences, with no doubled full stop", () => {
    const line = evidenceLine(item);
    expect(line.sourceParts).toEqual(["Smith J, et al.", "Kidney Int", "2019"]);
    expect(line.source).toBe("Smith J, et al. Kidney Int. 2019");
  });

  it("names the GRADE certainty with its reasons for rating down", () => {
    const line = evidenceLine(item);
    expect(line.grade).toBe("Low (rated down for risk of bias, imprecision)");
    expect(evidenceFacts(line)).toEqual([
      "Contradicts",
      "Randomised controlled trial",
      "CEBM level 2",
      "GRADE certainty: Low (rated down for risk of bias, imprecision)",
    ]);
    expect(evidenceLine({ ...item, gradeCertainty: null, gradeDowngradeReasons: [] }).grade).toBe(
      null,
    );
  });

  it("lists the identifiers with the addresses they resolve at", () => {
    expect(evidenceLine(item).ids).toEqual([
      { kind: "doi", label: "DOI", id: "10.1000/xyz", url: "https://doi.org/10.1000/xyz" },
      {
        kind: "pmid",
        label: "PMID",
        id: "31978945",
        url: "https://pubmed.ncbi.nlm.nih.gov/31978945/",
      },
    ]);
  });

  it("is whole in the HTML export too, reasons for rating down included", () => {
    restartClaimNumbers();
    const html = renderHtmlExport(
      buildExportModel(exportSource(demoDoc(), [claimOn(demoDoc(), QUOTE)])),
    );
    expect(html).toContain(
      "Contradicts · Systematic review of RCTs · CEBM level 1 · GRADE certainty: Moderate (rated down for imprecision)",
    );
  });
});

describe("the claim label", () => {
  it("is the verdict once resolved, else the status", () => {
    const resolved = claimLabel({ status: "resolved", verdict: "inaccurate" });
    expect(resolved).toMatchObject({ label: "Inaccurate", className: "verdict-inaccurate" });
    expect(ratingText(resolved)).toBe("1 of 5");
    const reopened = claimLabel({ status: "in_review", verdict: "unsupported" });
    expect(reopened).toMatchObject({ label: "In progress", className: "status-in_review" });
    expect(ratingText(reopened)).toBe(null);
  });

  it("is the same in every annotated export for a verdict that is being re-checked", async () => {
    restartClaimNumbers();
    const doc = demoDoc();
    const model = buildExportModel(
      exportSource(doc, [
        claimOn(doc, QUOTE, { status: "in_review", verdict: "inaccurate", verdictStale: true }),
      ]),
    );
    const html = renderHtmlExport(model);
    expect(html).toContain(
      '<mark class="claim status-in_review" id="claim-1" title="Note 1: In progress">',
    );
    expect(html).not.toContain("(1 of 5)");
    const md = renderMarkdownExport(model);
    expect(md).toContain(
      "[^1]: **In progress** · the text changed since this verdict; it is being re-checked:",
    );
    const zip = await JSZip.loadAsync(await renderDocxExport(model));
    const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
    expect(comments).toContain("Note 1: In progress");
    expect(comments).toContain("The text changed since this verdict; it is being re-checked.");
    expect(comments).not.toContain("Inaccurate");
  });
});
