/**
 * Export models for the renderers' tests, built with the real `buildExportModel`: a demo-like
 * article (headings, marks, a link, lists, a quote, a hard break; claims of every kind) and the
 * edge cases every format must survive.
 */
import type { DocBlock, DocInline, DocRoot, DocText } from "../../lib/core/document/schema";
import { docToPlainText } from "../../lib/core/document/text-map";
import {
  buildExportModel,
  type ClaimSource,
  type ExportModel,
  type ExportSource,
} from "../../lib/core/export/model";

/** Script and markup that must come out of every export as inert text. */
export const XSS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg onload=alert(1)>",
  "javascript:alert(1)",
  "</script><script>alert(1)</script>",
  "</style><script>alert(1)</script>",
  "<a href='javascript:alert(1)'>x</a>",
  "<iframe srcdoc='<script>alert(1)</script>'>",
  "[click](javascript:alert(1)) ![img](https://evil.example/x.png)",
  '=HYPERLINK("https://evil.example","x")',
  "]]><w:r><w:t>injected</w:t></w:r>",
];
export const PAYLOAD = XSS.join(" ");

export const QUOTE = "no toxicity and rejection reaction";

const text = (t: string): DocText => ({ type: "text", text: t });
const paragraph = (...content: DocInline[]): DocBlock => ({ type: "paragraph", content });

/** The example article, with one of each node and mark of the editor's schema. */
export function demoDoc(extra: DocBlock[] = []): DocRoot {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [text("Stem cells and kidney failure")] },
      paragraph(
        text("Stem cell therapy is "),
        { type: "text", text: "one of the new treatments", marks: [{ type: "bold" }] },
        text(" of kidney failure, "),
        {
          type: "text",
          text: "according to the clinic",
          marks: [{ type: "link", attrs: { href: "https://clinic.example/about" } }],
        },
        text("."),
      ),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("It repairs damaged kidney cells."))] },
          {
            type: "listItem",
            content: [
              paragraph({ type: "text", text: "It is painless.", marks: [{ type: "italic" }] }),
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: [{ type: "listItem", content: [paragraph(text("Third step: injection."))] }],
      },
      {
        type: "blockquote",
        content: [
          paragraph(
            text("Even though stem cell therapy has no toxicity and rejection reaction,"),
            { type: "hardBreak" },
            text("it still has some side effects or risks."),
          ),
        ],
      },
      ...extra,
    ],
  };
}

export function exportSource(
  doc: DocRoot,
  claims: ClaimSource[],
  overrides: Partial<ExportSource> = {},
): ExportSource {
  return {
    organization: { name: "Health Desk", url: "https://desk.example" },
    publicBaseUrl: "https://desk.example",
    article: {
      slug: "stem-cells",
      title: "How does Stem Cell Therapy Treat Kidney Failure",
      sourceUrl: "https://clinic.example/post",
      originalAuthor: "Kidney Service China",
      originalPublishedAt: "2016-04-02",
    },
    revision: {
      number: 3,
      doc,
      plainText: docToPlainText(doc),
      approvedAt: new Date("2026-11-01T10:00:00Z"),
      approvedBy: "Man Aging",
      createdAt: new Date("2026-10-30T10:00:00Z"),
    },
    claims,
    now: new Date("2026-11-02T10:00:00Z"),
    ...overrides,
  };
}

let nextNumber = 1;

/**
 * Claims are numbered 1, 2, 3… from here on, as in a fresh article: each model below starts
 * afresh, so its note numbers (= claim numbers) do not depend on what ran before.
 */
export function restartClaimNumbers(): void {
  nextNumber = 1;
}

/** A claim on the first occurrence of `quote` in `doc` (orphaned if `quote` is not there). */
export function claimOn(
  doc: DocRoot,
  quote: string,
  extra: Partial<ClaimSource> = {},
): ClaimSource {
  return claimAt(quote, docToPlainText(doc).indexOf(quote), extra);
}

/**
 * A resolved, evidenced claim on `quote` found at `start` of the plain text (orphaned when
 * `start` is -1), numbered next; `extra` overrides any field. The benchmark's claims too.
 */
export function claimAt(
  quote: string,
  start: number,
  extra: Partial<ClaimSource> = {},
): ClaimSource {
  return {
    number: nextNumber++,
    status: "resolved",
    verdict: "inaccurate",
    verdictStale: false,
    rationale: "Immune rejection is documented.\n\nSee the review below.",
    suggestedCorrection: "",
    severity: "high",
    editorNote: null,
    reviewer: "Rev Iewer",
    createdAt: new Date("2026-10-31T10:00:00Z"),
    updatedAt: new Date("2026-10-31T11:00:00Z"),
    anchor: {
      exact: quote,
      prefix: "",
      suffix: "",
      start: start >= 0 ? start : null,
      end: start >= 0 ? start + quote.length : null,
      state: start >= 0 ? "exact" : "orphaned",
    },
    evidence: [
      {
        title: "Adverse events of stem cell therapy: a systematic review",
        authors: "Smith J, Chen L",
        publisher: "BMJ",
        year: 2021,
        url: "https://bmj.example/review",
        doi: "10.1000/xyz",
        pmid: "31978945",
        excerpt: "Rejection occurred in 12% of recipients.",
        stance: "contradicts",
        studyDesign: "systematic_review_rct",
        gradeCertainty: "moderate",
        gradeDowngradeReasons: ["imprecision"],
      },
    ],
    ...extra,
  };
}

/** The demo-like model: claims of every kind, across marks, a link, a hard break and lists. */
export function demoModel(overrides: Partial<ExportSource> = {}): ExportModel {
  restartClaimNumbers();
  const doc = demoDoc();
  return buildExportModel(
    exportSource(
      doc,
      [
        claimOn(doc, QUOTE, { editorNote: "We publish this with our correction." }),
        claimOn(doc, "one of the new treatments of kidney", { verdict: "misleading" }),
        claimOn(doc, "according to the clinic", { verdict: "unsupported", evidence: [] }),
        claimOn(doc, "It is painless.", { status: "in_review", verdict: null, rationale: "" }),
        claimOn(doc, "reaction,\nit still has", { verdict: "mostly_accurate" }),
        claimOn(doc, "It repairs damaged kidney cells.", { status: "dismissed", verdict: null }),
        claimOn(doc, "A sentence that was removed in revision 2.", { verdict: "accurate" }),
      ],
      overrides,
    ),
  );
}

/** Builds a model with claim numbers restarted at 1. */
function fresh(build: () => ExportModel): ExportModel {
  restartClaimNumbers();
  return build();
}

/** The edge cases, by name. */
export function edgeModels(): Record<string, ExportModel> {
  const doc = demoDoc();
  const unicodeDoc: DocRoot = {
    type: "doc",
    content: [
      paragraph(text("Ärzte sagen: Stammzelltherapie ist völlig ungefährlich 😀 — 100 % sicher.")),
      paragraph(text("干细胞疗法没有毒性和排斥反应。")),
    ],
  };
  const hostileDoc = demoDoc([paragraph(text(`Intro ${PAYLOAD}`))]);
  return {
    "demo-like": demoModel(),
    "no claims": fresh(() => buildExportModel(exportSource(doc, []))),
    "orphaned claim": fresh(() =>
      buildExportModel(
        exportSource(doc, [claimOn(doc, "Text that is gone.", { verdict: "accurate" })]),
      ),
    ),
    "claim without verdict": fresh(() =>
      buildExportModel(
        exportSource(doc, [claimOn(doc, QUOTE, { status: "open", verdict: null, evidence: [] })]),
      ),
    ),
    "non-ASCII": fresh(() =>
      buildExportModel(
        exportSource(
          unicodeDoc,
          [
            claimOn(unicodeDoc, "völlig ungefährlich 😀", {
              rationale: "Nicht belegt: „Risiken“.",
            }),
            claimOn(unicodeDoc, "没有毒性和排斥反应", { verdict: "inaccurate" }),
          ],
          {
            organization: {
              name: "Gesundheitsredaktion Köln",
              url: "https://köln.example/prüfung",
            },
            publicBaseUrl: "https://köln.example/prüfung",
            article: {
              slug: "stammzellen",
              title: "Stammzellen: völlig ungefährlich?",
              sourceUrl: null,
              originalAuthor: "Dr. Müller",
              originalPublishedAt: "2. April 2016",
            },
          },
        ),
      ),
    ),
    "no organization URL, unapproved": fresh(() =>
      buildExportModel(
        exportSource(doc, [claimOn(doc, QUOTE)], {
          organization: { name: "Health Desk", url: null },
          publicBaseUrl: null,
          revision: {
            number: 1,
            doc,
            plainText: docToPlainText(doc),
            approvedAt: null,
            approvedBy: null,
            createdAt: new Date("2026-10-30T10:00:00Z"),
          },
        }),
      ),
    ),
    hostile: fresh(() => hostileModel(hostileDoc)),
    "GRADE summary of findings": fresh(() => gradedModel()),
  };
}

/** XSS payloads in the article text, a rationale, an evidence title and an editor's note. */
export function hostileModel(doc = demoDoc([paragraph(text(`Intro ${PAYLOAD}`))])): ExportModel {
  restartClaimNumbers();
  const base = claimOn(doc, QUOTE);
  return buildExportModel(
    exportSource(
      doc,
      [
        {
          ...base,
          rationale: `Wrong.\n\n${PAYLOAD}`,
          suggestedCorrection: PAYLOAD,
          editorNote: `Note ${PAYLOAD}`,
          reviewer: `Rev ${PAYLOAD}`,
          grade: { domains: { risk_of_bias: { level: "serious", reason: PAYLOAD } }, upgrades: {} },
          evidence: base.evidence.map((e) => ({
            ...e,
            title: `Trial ${PAYLOAD}`,
            authors: PAYLOAD,
            url: "javascript:alert(1)",
            excerpt: PAYLOAD,
          })),
        },
        claimOn(doc, XSS[0] as string, { rationale: PAYLOAD }),
      ],
      {
        organization: { name: `Desk ${PAYLOAD}`, url: "https://desk.example" },
        article: {
          slug: "stem-cells",
          title: `Title ${PAYLOAD}`,
          sourceUrl: "https://clinic.example/post",
          originalAuthor: `Dr ${PAYLOAD}`,
          originalPublishedAt: PAYLOAD,
        },
      },
    ),
  );
}

/**
 * A claim with a GRADE assessment of two evidence items, a trial and a cohort study: risk of
 * bias serious, imprecision very serious (High −1 −2 = Very low).
 */
export function gradedModel(): ExportModel {
  restartClaimNumbers();
  const doc = demoDoc();
  const base = claimOn(doc, QUOTE);
  const trial = base.evidence[0];
  if (!trial) throw new Error("the base claim has evidence");
  return buildExportModel(
    exportSource(doc, [
      {
        ...base,
        evidence: [
          { ...trial, title: "A randomised trial of stem cells", studyDesign: "rct" },
          {
            ...trial,
            title: "A cohort of 12 patients",
            studyDesign: "cohort",
            stance: "mixed",
            gradeCertainty: null,
            gradeDowngradeReasons: [],
          },
        ],
        grade: {
          domains: {
            risk_of_bias: { level: "serious", reason: "Outcome assessors were not blinded." },
            imprecision: { level: "very_serious", reason: "Twelve patients | wide interval." },
          },
          upgrades: {},
        },
      },
    ]),
  );
}
