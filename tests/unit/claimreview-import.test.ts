import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLAIMREVIEW_IMPORT_LIMITS,
  type ClaimReviewParseResult,
  looksLikeClaimReview,
  parseClaimReviews,
} from "../../lib/core/library/claimreview-import";
import { parseJsonText, scanJson } from "../../lib/core/library/json-text";

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, "../fixtures/claimreview", name), "utf8");

function reviewsOf(result: ClaimReviewParseResult) {
  if (!result.ok) throw new Error(result.message);
  return result.reviews;
}

function messageOf(result: ClaimReviewParseResult) {
  if (result.ok) throw new Error("expected the parse to fail");
  return result;
}

const review = (extra: Record<string, unknown> = {}) => ({
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  url: "https://checks.example.org/r/1",
  claimReviewed: "Garlic cures high blood pressure",
  author: { "@type": "Organization", name: "Checks" },
  reviewRating: { "@type": "Rating", alternateName: "False" },
  ...extra,
});

describe("reading ClaimReview markup as published", () => {
  it("reads Google's documentation example: the claim, its words, the publisher, the claim's author", () => {
    expect(reviewsOf(parseClaimReviews(fixture("google-example.json")))).toEqual([
      {
        index: 0,
        claimReviewed: "The world is flat",
        rating: "False",
        publisher: "Example.com science watch",
        url: "https://example.com/news/science/worldisflat.html",
        datePublished: null,
        claimAuthor: "Square World Society",
        appearance: "https://example.com/news/a122121",
      },
    ]);
  });

  it("finds the review in a page's @graph, with prefixed and listed types, trimmed", () => {
    const [only, ...rest] = reviewsOf(parseClaimReviews(fixture("page-graph.json")));
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      claimReviewed: "The MMR vaccine causes autism.",
      rating: "False",
      publisher: "HealthFacts",
      url: "https://healthfacts.example.org/checks/mmr-autism/",
      datePublished: "2023-03-14",
      claimAuthor: "A. Wellness Blogger",
      appearance: "https://blog.example.net/vaccines-truth",
    });
  });

  it("reads every application/ld+json block of an HTML page and ignores other scripts", () => {
    const reviews = reviewsOf(parseClaimReviews(fixture("page.html")));
    expect(reviews.map((r) => [r.claimReviewed, r.rating, r.publisher, r.url])).toEqual([
      [
        "Taking vitamin C prevents colds",
        "Mostly false",
        "Checks Weekly",
        "https://checks.example.com/2024/vitamin-c-colds",
      ],
      [
        "Vitamin C shortens colds slightly in adults",
        "Mostly true",
        "Checks Weekly",
        "https://checks.example.com/2024/vitamin-c-colds#duration",
      ],
    ]);
  });

  it("reads a DataFeed: ratings by value only, authors as lists, full-IRI types", () => {
    const reviews = reviewsOf(parseClaimReviews(fixture("datafeed.json")));
    expect(reviews.map((r) => [r.index, r.rating, r.publisher])).toEqual([
      [0, "1/5", "FactFeed Health"],
      // The organization among the authors is the publisher, not the first person listed.
      [1, "Unproven", "FactFeed Health"],
      [2, "Misleading", "FactFeed Health"],
    ]);
  });

  it("reads a plain array of reviews, a lone review, and JSON-LD @value texts", () => {
    const list = [
      review(),
      review({
        url: "https://checks.example.org/r/2",
        claimReviewed: { "@value": "Beets cure gout" },
      }),
    ];
    expect(reviewsOf(parseClaimReviews(JSON.stringify(list))).map((r) => r.claimReviewed)).toEqual([
      "Garlic cures high blood pressure",
      "Beets cure gout",
    ]);
    expect(reviewsOf(parseClaimReviews(`\uFEFF${JSON.stringify(review())}`))).toHaveLength(1);
  });

  it("tells ClaimReview markup from a library JSON file", () => {
    expect(looksLikeClaimReview(fixture("datafeed.json"))).toBe(true);
    expect(looksLikeClaimReview(fixture("page.html"))).toBe(true);
    expect(looksLikeClaimReview(JSON.stringify([{ id: "a", text: 'Says "@type": no' }]))).toBe(
      false,
    );
  });
});

describe("refusing what cannot be imported, all or nothing", () => {
  it("names every review that lacks what an entry needs, by its position", () => {
    const result = messageOf(
      parseClaimReviews(
        JSON.stringify([
          review(),
          review({ claimReviewed: "   " }),
          review({ url: "javascript:alert(1)" }),
          review({ author: undefined, reviewRating: undefined }),
        ]),
      ),
    );
    expect(result.problems.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(result.message).toContain("3 of 4 ClaimReviews cannot be imported, so nothing was");
    expect(result.message).toContain("ClaimReview 2: it has no claimReviewed text");
    expect(result.message).toContain(
      "ClaimReview 3: its url is not an http:// or https:// address",
    );
    expect(result.message).toContain("ClaimReview 4: it has no reviewRating");
    expect(result.message).toContain("it names no author");
  });

  it("refuses data:, relative and spaced URLs, and a claim longer than a claim may be", () => {
    for (const url of [
      "data:text/html,<b>x</b>",
      "/checks/1",
      "https://a.example/b c",
      "ftp://x.example/y",
    ]) {
      expect(messageOf(parseClaimReviews(JSON.stringify(review({ url })))).problems).toHaveLength(
        1,
      );
    }
    const long = "a".repeat(CLAIMREVIEW_IMPORT_LIMITS.maxClaim + 1);
    expect(
      messageOf(parseClaimReviews(JSON.stringify(review({ claimReviewed: long })))).message,
    ).toContain("claimReviewed is longer than 5,000 characters");
  });

  it("says where JSON is broken, by line and column", () => {
    const result = messageOf(parseClaimReviews('{\n  "@type": "ClaimReview",\n  "url": }'));
    expect(result.message).toBe(
      'The text is not valid JSON: unexpected character "}" (line 3, column 10).',
    );
    expect(messageOf(parseClaimReviews("[1, 2")).message).toContain(
      "the text ends inside an array",
    );
  });

  it("refuses nesting deeper than the limit before anything recursive runs", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(messageOf(parseClaimReviews(deep)).message).toContain("nest more than 32 levels deep");
    // 30 arrays, the review and its author: 32 levels.
    const justInside = `${"[".repeat(30)}${JSON.stringify(review())}${"]".repeat(30)}`;
    expect(reviewsOf(parseClaimReviews(justInside))).toHaveLength(1);
  });

  it("refuses a text over 5 MB, and more reviews than an import takes", () => {
    const huge = JSON.stringify(
      review({ reviewBody: "x".repeat(CLAIMREVIEW_IMPORT_LIMITS.maxBytes) }),
    );
    expect(messageOf(parseClaimReviews(huge)).message).toBe("The text is larger than 5 MB.");
    const many = Array.from({ length: CLAIMREVIEW_IMPORT_LIMITS.maxReviews + 1 }, (_, i) =>
      review({ url: `https://checks.example.org/r/${i}` }),
    );
    expect(messageOf(parseClaimReviews(JSON.stringify(many))).message).toContain(
      "more than 10,000 ClaimReviews",
    );
  });

  it("refuses JSON that holds no ClaimReview, and an HTML page without JSON-LD", () => {
    expect(messageOf(parseClaimReviews('{"@type": "NewsArticle"}')).message).toContain(
      "No ClaimReview was found",
    );
    expect(
      messageOf(parseClaimReviews("<html><script>var a = 1</script></html>")).message,
    ).toContain('has no <script type="application/ld+json"> block');
    expect(
      messageOf(parseClaimReviews('<script type="application/ld+json">{oops}</script>')).message,
    ).toMatch(/^Script block 1 \(application\/ld\+json\) is not valid JSON: a property name/);
  });

  it("keeps markup in texts as text, and drops control characters", () => {
    const [r] = reviewsOf(
      parseClaimReviews(
        JSON.stringify(
          review({
            claimReviewed: "<script>alert(1)</script> Garlic\u0007 cures \u0000everything",
            author: { "@type": "Organization", name: "<img src=x onerror=alert(1)>" },
          }),
        ),
      ),
    );
    expect(r?.claimReviewed).toBe("<script>alert(1)</script> Garlic cures everything");
    expect(r?.publisher).toBe("<img src=x onerror=alert(1)>");
  });

  it("replaces a lone surrogate instead of storing it", () => {
    const [r] = reviewsOf(
      parseClaimReviews(JSON.stringify(review({ claimReviewed: "Bad \ud800 text" }))),
    );
    expect(r?.claimReviewed).toBe("Bad \uFFFD text");
  });
});

describe("the JSON scan agrees with JSON.parse", () => {
  it("accepts what JSON.parse accepts and refuses what it refuses", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(scanJson(text, 1000) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses once the scan passes", () => {
    expect(parseJsonText('{"a": [1, "x\\u00e9", true, null]}', 4)).toEqual({
      ok: true,
      value: { a: [1, "xé", true, null] },
    });
  });
});
