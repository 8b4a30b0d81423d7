import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildClaimReviews,
  isoDate,
  renderClaimReviewExport,
  shortenClaim,
} from "@/lib/core/export/claimreview";
import { renderHtmlExport } from "@/lib/core/export/html";
import { buildExportModel } from "@/lib/core/export/model";
import {
  claimOn,
  demoDoc,
  demoModel,
  edgeModels,
  exportSource,
  QUOTE,
  XSS,
} from "../helpers/export-models";

const shared = path.resolve(import.meta.dirname, "../../../shared/claimreview");
type TypeVocab = {
  properties: string[];
  byDefiningType: Record<string, string[]>;
  superseded: Record<string, string[]>;
};
const vocab = JSON.parse(
  fs.readFileSync(path.join(shared, "claimreview-vocab.json"), "utf8"),
) as Record<"ClaimReview" | "Claim" | "Rating", TypeVocab>;
const google = JSON.parse(
  fs.readFileSync(path.join(shared, "google-factcheck-requirements.json"), "utf8"),
) as Record<"ClaimReview" | "Rating", { required: Record<string, string> }>;

/**
 * The properties schema.org allows on each type we write. The vocabulary file covers
 * ClaimReview, Claim and Rating; the nested Person, Organization and CreativeWork objects are
 * checked against what it lists as defined by Thing and CreativeWork (all we use of them).
 */
const allowed: Record<string, Set<string>> = {
  ClaimReview: new Set(vocab.ClaimReview.properties),
  Claim: new Set(vocab.Claim.properties),
  Rating: new Set(vocab.Rating.properties),
  CreativeWork: new Set([
    ...(vocab.Claim.byDefiningType.CreativeWork ?? []),
    ...(vocab.Claim.byDefiningType.Thing ?? []),
  ]),
  Person: new Set(vocab.Rating.byDefiningType.Thing),
  Organization: new Set(vocab.Rating.byDefiningType.Thing),
};
const superseded = new Set(Object.keys(vocab.ClaimReview.superseded));

/** Every property of every typed object in `value` that schema.org does not define there. */
function unknownProperties(value: unknown, where = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownProperties(v, `${where}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const object = value as Record<string, unknown>;
  const type = object["@type"];
  const problems: string[] = [];
  if (typeof type !== "string" || !allowed[type]) problems.push(`${where}: @type ${String(type)}`);
  for (const [key, child] of Object.entries(object)) {
    if (key.startsWith("@")) continue;
    if (typeof type === "string" && !allowed[type]?.has(key)) problems.push(`${where}.${key}`);
    if (superseded.has(key)) problems.push(`${where}.${key} (superseded)`);
    problems.push(...unknownProperties(child, `${where}.${key}`));
  }
  return problems;
}

describe("ClaimReview export", () => {
  for (const [name, model] of Object.entries(edgeModels())) {
    it(`uses only schema.org properties and has Google's required fields: ${name}`, () => {
      const reviews = JSON.parse(renderClaimReviewExport(model)) as Record<string, unknown>[];
      expect(unknownProperties(reviews)).toEqual([]);
      for (const review of reviews) {
        expect(review["@context"]).toBe("https://schema.org");
        for (const key of Object.keys(google.ClaimReview.required))
          expect(review).toHaveProperty(key);
        for (const key of Object.keys(google.Rating.required)) {
          expect(review.reviewRating).toHaveProperty(key);
        }
        // The whole claim: the visible page shows it whole, and a cut one misstates it.
        expect(String(review.claimReviewed)).not.toMatch(/…$/);
      }
    });
  }

  const model = demoModel();
  const reviews = buildClaimReviews(model);

  it("reviews resolved claims with a verdict on text still in the article, one each", () => {
    // Not: the claim in progress, the dismissed one, the one whose text was removed.
    expect(reviews.map((r) => r.reviewRating.alternateName).sort()).toEqual(
      ["Inaccurate", "Misleading", "Mostly accurate", "Unsupported"].sort(),
    );
    const stale = buildExportModel(
      exportSource(demoDoc(), [claimOn(demoDoc(), QUOTE, { verdictStale: true })]),
    );
    expect(buildClaimReviews(stale)).toEqual([]);
  });

  it("rates on the verdict scale, links the claim's anchor and names both sides", () => {
    const note = model.claims.find((c) => c.quote.exact === QUOTE)?.note;
    const review = reviews.find((r) => r.itemReviewed.text === QUOTE);
    expect(review).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `https://desk.example/p/stem-cells#claim-${note}`,
      claimReviewed: QUOTE,
      reviewRating: {
        "@type": "Rating",
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: "Inaccurate",
      },
      reviewBody: "Immune rejection is documented.\n\nSee the review below.",
      author: { "@type": "Organization", name: "Health Desk", url: "https://desk.example" },
      // The editor who approved the revision.
      editor: { "@type": "Person", name: "Man Aging" },
      datePublished: "2026-11-01T10:00:00.000Z",
      itemReviewed: {
        "@type": "Claim",
        text: QUOTE,
        author: { "@type": "Organization", name: "Kidney Service China" },
        datePublished: "2016-04-02",
        appearance: {
          "@type": "CreativeWork",
          url: "https://clinic.example/post",
          headline: "How does Stem Cell Therapy Treat Kidney Failure",
        },
        firstAppearance: {
          "@type": "CreativeWork",
          url: "https://clinic.example/post",
          headline: "How does Stem Cell Therapy Treat Kidney Failure",
        },
      },
    });
  });

  it("names the reviewer who gave the verdict beside the organization, with credentials", () => {
    const doc = demoDoc();
    const named = buildExportModel(
      exportSource(
        doc,
        [
          claimOn(doc, QUOTE, {
            verdictBy: {
              name: "Rita Reviewer",
              credentials: "MD, nephrologist",
              at: new Date("2026-10-31T12:00:00Z"),
            },
          }),
        ],
        {
          revision: {
            ...exportSource(doc, []).revision,
            approverCredentials: "Managing editor",
          },
        },
      ),
    );
    const [review] = buildClaimReviews(named);
    expect(review?.author).toEqual([
      { "@type": "Organization", name: "Health Desk", url: "https://desk.example" },
      { "@type": "Person", name: "Rita Reviewer", description: "MD, nephrologist" },
    ]);
    expect(review?.editor).toEqual({
      "@type": "Person",
      name: "Man Aging",
      description: "Managing editor",
    });
    expect(unknownProperties([review])).toEqual([]);
  });

  it("reviews the whole claim, never a shortened one", () => {
    const long =
      "Stem cell therapy has no toxicity and rejection reaction, and it cures chronic kidney failure in every patient";
    const doc = demoDoc([{ type: "paragraph", content: [{ type: "text", text: long }] }]);
    const [review] = buildClaimReviews(buildExportModel(exportSource(doc, [claimOn(doc, long)])));
    expect(review?.claimReviewed).toBe(long);
    expect(review?.claimReviewed).not.toContain("…");
  });

  it("dates an unapproved export by its generation and leaves out what is unknown", () => {
    const draft = edgeModels()["no organization URL, unapproved"];
    if (!draft) throw new Error("missing edge model");
    const [review] = buildClaimReviews(draft);
    expect(review?.datePublished).toBe("2026-11-02T10:00:00.000Z");
    expect(review?.author).toEqual({ "@type": "Organization", name: "Health Desk" });
    expect(review?.url).toBe("/p/stem-cells#claim-1");
    const unicode = edgeModels()["non-ASCII"];
    if (!unicode) throw new Error("missing edge model");
    const [first] = buildClaimReviews(unicode);
    expect(first?.itemReviewed).toEqual({
      "@type": "Claim",
      text: "völlig ungefährlich 😀",
      author: { "@type": "Person", name: "Dr. Müller" },
      datePublished: "2016-04-02",
    });
  });

  it("shortens a long claim at a word boundary with an ellipsis", () => {
    const long =
      "Stem cell therapy has no toxicity and rejection reaction, and it cures chronic kidney failure in every patient";
    const short = shortenClaim(long);
    expect(short).toBe("Stem cell therapy has no toxicity and rejection reaction, and it cures…");
    expect(Array.from(short).length).toBeLessThanOrEqual(75);
    expect(shortenClaim("x".repeat(100))).toBe(`${"x".repeat(74)}…`);
    expect(shortenClaim("  two\n\nlines  ")).toBe("two lines");
    expect(Array.from(shortenClaim("😀 ".repeat(60))).length).toBeLessThanOrEqual(75);
  });

  it("reads the original date only when it is plainly a date", () => {
    expect(isoDate("2016")).toBe("2016");
    expect(isoDate("2016-04")).toBe("2016-04");
    expect(isoDate("2016/04/02")).toBe("2016-04-02");
    expect(isoDate("2 April 2016")).toBe("2016-04-02");
    expect(isoDate("April 2, 2016")).toBe("2016-04-02");
    expect(isoDate("Sept 2016")).toBe("2016-09");
    expect(isoDate("Spring 2016")).toBeUndefined();
    expect(isoDate("16/04/2016")).toBeUndefined();
    expect(isoDate("2016-13-01")).toBeUndefined();
    expect(isoDate(null)).toBeUndefined();
  });
});

describe("ClaimReview in the HTML export's head", () => {
  /** The JSON-LD blocks of a page, as a browser's parser delimits them (up to `</script`). */
  const jsonLdBlocks = (html: string) =>
    [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script/gi)].map(
      (m) => m[1] as string,
    );

  it("embeds the reviews in the head", () => {
    const html = renderHtmlExport(demoModel());
    const head = html.slice(0, html.indexOf("</head>"));
    const blocks = jsonLdBlocks(head);
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0] as string)).toEqual(buildClaimReviews(demoModel()));
  });

  it("cannot be closed by a hostile quote or rationale", () => {
    const doc = demoDoc([
      { type: "paragraph", content: [{ type: "text", text: `He said ${XSS.join(" ")}` }] },
    ]);
    const hostile = buildExportModel(
      exportSource(doc, [
        claimOn(doc, `He said ${XSS.join(" ")}`, {
          rationale: "</script><script>alert(1)</script><!--",
        }),
      ]),
    );
    const html = renderHtmlExport(hostile);
    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    // The whole block up to the first `</script` is the JSON, with every review in it.
    expect(JSON.parse(blocks[0] as string)).toEqual(buildClaimReviews(hostile));
    expect(blocks[0]).not.toMatch(/[<>]/);
    expect(html.match(/<script\b/gi)).toHaveLength(1);
  });

  it("is left out when there is nothing to review", () => {
    expect(renderHtmlExport(edgeModels()["no claims"] ?? demoModel())).not.toContain("<script");
  });
});
