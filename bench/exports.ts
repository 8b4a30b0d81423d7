/**
 * `npm run bench -- exports`: each export renderer on a large in-memory model (a long article
 * with 1,000 claims and 3,000 evidence items), median of 5 runs after a warm-up. Prints figures
 * only. Targets: HTML < 300 ms, W3C JSON-LD < 200 ms, docx < 2 s.
 */
import { performance } from "node:perf_hooks";
import { textToDoc } from "../lib/core/document/from-text";
import { docToPlainText } from "../lib/core/document/text-map";
import { EXPORT_FORMAT_IDS, renderExport } from "../lib/core/export/formats";
import { buildExportModel, type ClaimSource } from "../lib/core/export/model";
// The renderers' test models, so that bench and tests build claims the same way.
import { claimAt, exportSource } from "../tests/helpers/export-models";
import {
  CLAIMS,
  EVIDENCE_PER_CLAIM,
  LARGE_ARTICLE_TEXT,
  QUOTE,
  sampleEvidence,
} from "./_large-article";

const RUNS = 5;

const doc = textToDoc(LARGE_ARTICLE_TEXT);
const plainText = docToPlainText(doc);

const claims: ClaimSource[] = [];
let from = 0;
for (let n = 1; n <= CLAIMS; n++) {
  const start = plainText.indexOf(QUOTE, from);
  from = start + QUOTE.length;
  claims.push(
    claimAt(QUOTE, start, {
      number: n,
      verdict: n % 2 ? "inaccurate" : "misleading",
      rationale: "Immune rejection and tumour formation are documented in the trials below.",
      suggestedCorrection: "The procedure carries risks, including immune rejection.",
      editorNote: n % 10 === 0 ? "We publish this with our correction." : null,
      evidence: Array.from({ length: EVIDENCE_PER_CLAIM }, (_, e) => ({
        ...sampleEvidence(n - 1, e),
        stance: "contradicts" as const,
      })),
    }),
  );
}

const model = buildExportModel(
  exportSource(doc, claims, {
    publicBaseUrl: null,
    article: {
      slug: "long-article",
      title: "A long article",
      sourceUrl: "https://clinic.example/post",
      originalAuthor: "Kidney Service China",
      originalPublishedAt: "2016-04-02",
    },
    now: new Date(),
  }),
);

const words = plainText.split(/\s+/).length;
console.log(
  `model: ${words.toLocaleString("en")} words, ${model.claims.length.toLocaleString("en")} claims, ` +
    `${model.claims.reduce((n, c) => n + c.evidence.length, 0).toLocaleString("en")} evidence items`,
);
for (const format of EXPORT_FORMAT_IDS) {
  await renderExport(model, format); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = (await renderExport(model, format)).byteLength;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] as number;
  console.log(
    `${format.padEnd(12)} median ${median.toFixed(0).padStart(5)} ms  (min ${(times[0] as number).toFixed(0)}, max ${(times[RUNS - 1] as number).toFixed(0)})  ${(bytes / 1024).toFixed(0)} KiB`,
  );
}
