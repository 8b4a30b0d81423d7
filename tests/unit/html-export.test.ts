import { describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/core/document/from-text";
import { exportFilename } from "@/lib/core/export/formats";
import { renderHtmlExport } from "@/lib/core/export/html";
import { buildExportModel, type ClaimSource, type ExportSource } from "@/lib/core/export/model";
import { claimAt, exportSource } from "../helpers/export-models";

const XSS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg onload=alert(1)>",
  "javascript:alert(1)",
  "</style><script>alert(1)</script>",
  "<a href='javascript:alert(1)'>x</a>",
  "<iframe srcdoc='<script>alert(1)</script>'>",
];
const payload = XSS.join(" ");

/** The helper's source, with script in everything people wrote and no public base URL. */
function source(overrides: Partial<ExportSource> = {}, claims: ClaimSource[] = []): ExportSource {
  const text = `Intro ${payload}\n\nEven though stem cell therapy has no toxicity and rejection reaction, it has risks.`;
  const base = exportSource(textToDoc(text), claims, {
    organization: { name: `Desk ${payload}`, url: "javascript:alert(1)" },
    publicBaseUrl: null,
  });
  return {
    ...base,
    article: { ...base.article, title: `Title ${payload}`, originalAuthor: `Dr ${payload}` },
    revision: { ...base.revision, approvedBy: `Ed ${payload}` },
    ...overrides,
  };
}

function claim(plainText: string, quote: string, extra: Partial<ClaimSource> = {}): ClaimSource {
  const base = claimAt(quote, plainText.indexOf(quote));
  return {
    ...base,
    number: 7,
    rationale: `Wrong.\n\n${payload}`,
    suggestedCorrection: payload,
    editorNote: `Note ${payload}`,
    reviewer: `Rev ${payload}`,
    evidence: [
      {
        ...(base.evidence[0] as ClaimSource["evidence"][number]),
        title: `Trial ${payload}`,
        authors: payload,
        url: "javascript:alert(1)",
        excerpt: payload,
      },
    ],
    ...extra,
  };
}

const QUOTE = "no toxicity and rejection reaction";

/**
 * Every element and attribute of a document, as a browser-free check for live markup. The
 * ClaimReview JSON-LD block is data that is never run (its text holds no `<`, so it ends at its
 * own closing tag; claimreview-export.test.ts checks that): it is set aside first.
 */
function liveMarkup(document: string) {
  const html = document.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, "");
  return {
    scripts: html.match(/<script\b/gi) ?? [],
    handlers: html.match(/<[^>]+\son\w+\s*=/gi) ?? [],
    jsUrls: html.match(/(href|src)\s*=\s*["']?\s*javascript:/gi) ?? [],
    tags: [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => (m[1] as string).toLowerCase()),
  };
}

describe("HTML export", () => {
  const base = source();
  const model = buildExportModel(source({}, [claim(base.revision.plainText, QUOTE)]));
  const html = renderHtmlExport(model);

  it("highlights the claimed text with its verdict and links it to its note", () => {
    expect(html).toContain(
      // Claim 7 is note 7: the number the workspace shows.
      `<mark class="claim verdict-inaccurate" id="claim-7" title="Note 7: Inaccurate">${QUOTE}</mark><sup class="note-ref"><a href="#note-7">7</a></sup>`,
    );
    expect(html).toContain('<li id="note-7" value="7">');
    expect(html).toContain("(1 of 5)");
  });

  it("lists graded evidence with DOI and PubMed links", () => {
    expect(html).toContain('href="https://doi.org/10.1000/xyz"');
    expect(html).toContain('href="https://pubmed.ncbi.nlm.nih.gov/31978945/"');
    expect(html).toContain("Contradicts · Systematic review of RCTs · CEBM level 1");
    expect(html).toContain("GRADE certainty: Moderate");
  });

  it("leaves no script, event handler or javascript: URL from user-written text", () => {
    const live = liveMarkup(html);
    expect(live.scripts).toEqual([]);
    expect(live.handlers).toEqual([]);
    expect(live.jsUrls).toEqual([]);
    expect(new Set(live.tags)).not.toContain("iframe");
    expect(new Set(live.tags)).not.toContain("svg");
    expect(new Set(live.tags)).not.toContain("img");
    // The payloads are shown as text.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("forbids scripts in the file itself (CSP) and needs none", () => {
    expect(html).toContain("default-src 'none'; style-src 'unsafe-inline'");
  });

  it("says when the revision is not yet approved", () => {
    const draft = renderHtmlExport(
      buildExportModel(
        source({ revision: { ...base.revision, approvedAt: null, approvedBy: null } }),
      ),
    );
    expect(draft).toContain("Not yet approved.");
    expect(draft).toContain("No claims were checked in this revision.");
  });

  it("leaves dismissed claims out and notes the rest by claim number in reading order", () => {
    const text = base.revision.plainText;
    const m = buildExportModel(
      source({}, [
        claim(text, "it has risks", { number: 1 }),
        claim(text, "stem cell therapy", { number: 2, status: "dismissed" }),
        claim(text, QUOTE, { number: 3, status: "in_review", verdict: null }),
      ]),
    );
    // Note numbers are claim numbers ("Claim 3" is note 3), listed in reading order.
    expect(m.claims.map((c) => [c.number, c.note])).toEqual([
      [3, 3],
      [1, 1],
    ]);
    const out = renderHtmlExport(m);
    expect(out).toContain(
      `<mark class="claim status-in_review" id="claim-3" title="Note 3: In progress">`,
    );
    expect(out.indexOf('<li id="note-3" value="3">')).toBeLessThan(
      out.indexOf('<li id="note-1" value="1">'),
    );
  });

  it("names the file after the article and revision", () => {
    expect(exportFilename(model, "html")).toBe("stem-cells-r3.html");
  });
});
