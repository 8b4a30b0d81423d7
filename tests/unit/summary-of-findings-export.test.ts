/** The GRADE Summary of findings in every export, and older snapshots without it. */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderCsvExport } from "@/lib/core/export/csv";
import { renderDocxExport } from "@/lib/core/export/docx";
import { renderHtmlExport } from "@/lib/core/export/html";
import { renderMarkdownExport } from "@/lib/core/export/markdown";
import type { ExportModel } from "@/lib/core/export/model";
import { demoModel, gradedModel } from "../helpers/export-models";

const EXPLANATION =
  "Started High (randomised evidence); −1 risk of bias (serious); −2 imprecision (very serious) = Very low";

describe("Summary of findings", () => {
  const model = gradedModel();

  it("is in the model: the certainty, how it was reached and each judgement's reason", () => {
    expect(model.claims[0]?.grade).toEqual({
      certainty: "very_low",
      explanation: EXPLANATION,
      steps: [
        {
          label: "risk of bias (serious)",
          change: -1,
          reason: "Outcome assessors were not blinded.",
        },
        {
          label: "imprecision (very serious)",
          change: -2,
          reason: "Twelve patients | wide interval.",
        },
      ],
      notes: [],
    });
    // A claim nobody assessed carries none.
    expect(demoModel().claims.every((c) => c.grade === null)).toBe(true);
  });

  it("is a table of the evidence in the HTML note, then the certainty", () => {
    const html = renderHtmlExport(model);
    const sof = /<div class="sof"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
    expect(sof).toContain("<caption>Summary of findings</caption>");
    expect(sof).toContain(
      "<tr><td>A randomised trial of stem cells. Smith J, Chen L. BMJ. 2021</td><td>Randomised controlled trial</td><td>2</td><td>Contradicts</td><td>Moderate (rated down for imprecision)</td></tr>",
    );
    expect(sof).toContain("<td>Cohort study</td><td>3</td><td>Mixed</td><td>Not rated</td>");
    expect(sof).toContain(
      `<strong>GRADE certainty of the body of evidence: Very low.</strong> ${EXPLANATION}.`,
    );
    expect(sof).toContain(
      "<li>−1 risk of bias (serious): Outcome assessors were not blinded.</li>",
    );
  });

  it("is a GFM table in the Markdown footnote, pipes escaped", () => {
    const md = renderMarkdownExport(model);
    expect(md).toContain("    | Evidence | Design | CEBM level | Stance | Certainty |");
    expect(md).toContain("    | --- | --- | --- | --- | --- |");
    expect(md).toContain(
      "    | A randomised trial of stem cells. Smith J, Chen L. BMJ. 2021 | Randomised controlled trial | 2 | Contradicts | Moderate (rated down for imprecision) |",
    );
    expect(md).toContain("**GRADE certainty of the body of evidence: Very low.**");
    expect(md).toContain("- −2 imprecision (very serious): Twelve patients \\| wide interval.");
  });

  it("is the CSV's grade_certainty column, empty when not assessed", () => {
    const [header, row] = renderCsvExport(model)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    const i = header?.split(",").indexOf("grade_certainty") ?? -1;
    expect(i).toBeGreaterThan(0);
    expect(row?.split(",")[i]).toBe("Very low");
  });

  it("is in the Word comment", async () => {
    const zip = await JSZip.loadAsync(await renderDocxExport(model));
    const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
    expect(comments).toContain("GRADE certainty of the body of evidence: Very low.");
    expect(comments).toContain("−1 risk of bias (serious): Outcome assessors were not blinded.");
  });

  it("leaves an older snapshot, frozen without GRADE, as it was", () => {
    const old = demoModel();
    const frozen = JSON.parse(JSON.stringify(old)) as ExportModel;
    for (const c of frozen.claims) delete c.grade;
    expect(renderHtmlExport(frozen)).toBe(renderHtmlExport(old));
    expect(renderMarkdownExport(frozen)).toBe(renderMarkdownExport(old));
    expect(renderHtmlExport(frozen)).not.toContain("Summary of findings");
  });
});
