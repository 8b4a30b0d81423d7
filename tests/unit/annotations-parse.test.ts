import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAnnotations, parseAnnotationsJson } from "../../lib/core/annotations/parse";
import { MAX_IMPORT_BYTES } from "../../lib/core/import/limits";
import { MAX_IMPORT_ANNOTATIONS } from "../../lib/core/limits/annotations";
import { importAnnotationsSchema } from "../../lib/core/validation/annotations";

const quoteTarget = (exact: string, extra: object[] = []) => ({
  source: "https://example.com/article",
  selector: [{ type: "TextQuoteSelector", exact, prefix: "before ", suffix: " after" }, ...extra],
});

const w3c = (id: string, exact: string, body?: unknown) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  id,
  type: "Annotation",
  ...(body === undefined ? {} : { body }),
  target: quoteTarget(exact),
});

function ok(result: ReturnType<typeof parseAnnotations>) {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.message}`);
  return result;
}

describe("containers", () => {
  it("reads an AnnotationPage", () => {
    const page = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "AnnotationPage",
      items: [
        w3c("urn:a1", "no side effects", {
          type: "TextualBody",
          value: "Needs a source.",
          format: "text/plain",
        }),
        w3c("urn:a2", "cures kidney failure"),
      ],
    };
    const { items, notices } = ok(parseAnnotations(page));
    expect(notices).toEqual([]);
    expect(items).toEqual([
      {
        index: 0,
        id: "urn:a1",
        annotation: {
          id: "urn:a1",
          exact: "no side effects",
          prefix: "before ",
          suffix: " after",
          bodyText: "Needs a source.",
        },
      },
      {
        index: 1,
        id: "urn:a2",
        annotation: {
          id: "urn:a2",
          exact: "cures kidney failure",
          prefix: "before ",
          suffix: " after",
        },
      },
    ]);
  });

  it("reads a collection's embedded pages and says when a page is only linked", () => {
    const collection = {
      type: "AnnotationCollection",
      total: 3,
      first: {
        type: "AnnotationPage",
        items: [w3c("urn:1", "one")],
        next: { type: "AnnotationPage", items: [w3c("urn:2", "two")], next: "https://x/page3" },
      },
    };
    const result = ok(parseAnnotations(collection));
    expect(result.items.map((i) => i.id)).toEqual(["urn:1", "urn:2"]);
    expect(result.notices).toEqual([
      "The annotations after page 2 are on another page (https://x/page3) that is not in this file; they were not imported.",
    ]);
  });

  it("refuses a collection that only links to its first page", () => {
    const result = parseAnnotations({
      type: "AnnotationCollection",
      total: 42023,
      first: "http://example.org/page1",
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining("only links to its pages (http://example.org/page1)"),
    });
  });

  it("reads a plain array and a single annotation", () => {
    expect(ok(parseAnnotations([w3c("urn:1", "a"), w3c("urn:2", "b")])).items).toHaveLength(2);
    const single = ok(parseAnnotationsJson(JSON.stringify(w3c("urn:1", "only one"))));
    expect(single.items).toMatchObject([{ index: 0, annotation: { exact: "only one" } }]);
  });

  it("reads a file saved with a byte-order mark", () => {
    expect(
      ok(parseAnnotationsJson(`\uFEFF${JSON.stringify([w3c("urn:1", "a")])}`)).items,
    ).toHaveLength(1);
  });
});

describe("a Hypothesis export", () => {
  const hypothesis = {
    export_date: "2024-05-02T10:00:00.000Z",
    export_userid: "acct:alice@hypothes.is",
    client_version: "1.1400.0",
    annotations: [
      {
        id: "Hx1",
        created: "2024-05-01T09:00:00.000000+00:00",
        updated: "2024-05-01T09:00:00.000000+00:00",
        user: "acct:alice@hypothes.is",
        user_info: { display_name: "Alice" },
        uri: "https://example.com/article",
        text: "Which **trial** shows this?",
        tags: ["harm", "needs-source"],
        group: "__world__",
        target: [
          {
            source: "https://example.com/article",
            selector: [
              {
                type: "RangeSelector",
                startContainer: "/main[1]/p[4]",
                startOffset: 14,
                endContainer: "/main[1]/p[4]",
                endOffset: 50,
              },
              { type: "TextPositionSelector", start: 1201, end: 1236 },
              {
                type: "TextQuoteSelector",
                exact: "no toxicity and rejection reaction ",
                prefix: "stem cell therapy has ",
                suffix: ", it still has",
              },
            ],
          },
        ],
        document: { title: ["How does stem cell therapy treat kidney failure"] },
      },
      {
        id: "Hx2",
        user: "acct:bob@hypothes.is",
        text: "Agreed.",
        references: ["Hx1"],
        target: [{ source: "https://example.com/article" }],
      },
      {
        id: "Hx3",
        user: "acct:bob@hypothes.is",
        text: "A page note about the whole article.",
        target: [{ source: "https://example.com/article" }],
      },
    ],
  };

  it("takes the quote, its position, the text, the tags and the user; RangeSelectors are ignored", () => {
    const { items } = ok(parseAnnotations(hypothesis));
    expect(items[0]).toEqual({
      index: 0,
      id: "Hx1",
      annotation: {
        id: "Hx1",
        // The trailing space moves into the suffix, and the position follows.
        exact: "no toxicity and rejection reaction",
        prefix: "stem cell therapy has ",
        suffix: " , it still has",
        start: 1201,
        end: 1235,
        bodyText: "Which **trial** shows this?",
        tags: ["harm", "needs-source"],
        creator: "Alice (acct:alice@hypothes.is)",
        created: "2024-05-01T09:00:00.000000+00:00",
      },
    });
  });

  it("lists replies and page notes as having no quote", () => {
    const { items } = ok(parseAnnotations(hypothesis));
    expect(items[1]).toEqual({
      index: 1,
      id: "Hx2",
      problem: {
        reason: "no_quote",
        message: "A reply to another annotation: it quotes no text of its own.",
      },
    });
    expect(items[2]).toMatchObject({ id: "Hx3", problem: { reason: "no_quote" } });
  });

  it("reads the API's search result shape too", () => {
    const { items } = ok(parseAnnotations({ total: 3, rows: hypothesis.annotations }));
    expect(items).toHaveLength(3);
  });
});

describe("selectors and bodies", () => {
  it("finds a quote inside refinedBy and names the selectors when there is none", () => {
    const refined = {
      type: "Annotation",
      target: {
        source: "https://x",
        selector: {
          type: "FragmentSelector",
          value: "para5",
          refinedBy: { type: "TextQuoteSelector", exact: "Selected Text" },
        },
      },
    };
    const positionOnly = {
      type: "Annotation",
      target: { source: "https://x", selector: { type: "TextPositionSelector", start: 4, end: 9 } },
    };
    const urlOnly = { type: "Annotation", body: "https://x/comment", target: "https://x/page" };
    const { items } = ok(parseAnnotations([refined, positionOnly, urlOnly]));
    expect(items[0]).toMatchObject({
      annotation: { exact: "Selected Text", prefix: "", suffix: "" },
    });
    expect(items[1]).toMatchObject({
      problem: {
        reason: "no_quote",
        message: "It has no TextQuoteSelector (only TextPositionSelector).",
      },
    });
    expect(items[2]).toMatchObject({
      problem: { reason: "no_quote", message: expect.stringContaining("no TextQuoteSelector") },
    });
  });

  it("uses the first target that quotes text", () => {
    const a = {
      type: "Annotation",
      target: ["https://x/image", { source: "https://x", selector: [] }, quoteTarget("second")],
    };
    expect(ok(parseAnnotations(a)).items[0]).toMatchObject({ annotation: { exact: "second" } });
  });

  it("joins text bodies, keeps tags apart, takes a Choice's first item and strips HTML", () => {
    const a = {
      type: "Annotation",
      bodyValue: "From bodyValue.",
      body: [
        "https://x/linked-comment",
        { type: "TextualBody", purpose: "tagging", value: "harm" },
        {
          type: "TextualBody",
          value: "<p>Risky &amp; <b>unsourced</b></p><p>Second</p>",
          format: "text/html",
        },
        {
          type: "Choice",
          items: [
            { type: "TextualBody", value: "English note" },
            { type: "TextualBody", value: "Note française" },
          ],
        },
      ],
      creator: { id: "https://x/users/1", type: "Person", name: "A. Person" },
      target: quoteTarget("q"),
    };
    expect(ok(parseAnnotations(a)).items[0]).toMatchObject({
      annotation: {
        bodyText: "Risky & unsourced\n\nSecond\n\nEnglish note\n\nFrom bodyValue.",
        tags: ["harm"],
        creator: "A. Person (https://x/users/1)",
      },
    });
  });
});

describe("malformed items are listed, the others still read", () => {
  it.each([
    [
      "a quote that is a number",
      { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: 42 } } },
      "selector: exact: The quote (exact) must be text.",
    ],
    [
      "no target",
      { type: "Annotation", body: "https://x" },
      "target: An annotation needs a target.",
    ],
    [
      "a target that is a number",
      { type: "Annotation", target: [7] },
      "target: A target must be a URL or an object.",
    ],
    [
      "a body that is a number",
      { type: "Annotation", body: 7, target: quoteTarget("q") },
      "body: A body must be a URL or an object.",
    ],
    ["another type", { type: "Person", target: quoteTarget("q") }, "type: type is not Annotation."],
    [
      "a body value that is not text",
      { type: "Annotation", body: { value: 3 }, target: quoteTarget("q") },
      "body: value: A body's value must be text.",
    ],
    [
      "a selector without a type",
      { type: "Annotation", target: { selector: [{ exact: "q" }] } },
      "selector: type: A selector needs a type.",
    ],
    [
      "an empty quote",
      { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: "  \n" } } },
      "The quote (exact) is only white space.",
    ],
    [
      "tags that are not a list",
      { target: quoteTarget("q"), tags: "harm" },
      "tags: tags must be a list of text.",
    ],
    [
      "a position with end before start",
      {
        type: "Annotation",
        target: {
          selector: [
            { type: "TextQuoteSelector", exact: "q" },
            { type: "TextPositionSelector", start: 9, end: 2 },
          ],
        },
      },
      "selector: end: end is before start.",
    ],
  ])("%s", (_, bad, message) => {
    const { items } = ok(parseAnnotations([bad, w3c("urn:fine", "fine")]));
    expect(items[0]).toEqual({
      index: 0,
      problem: { reason: "malformed", message },
    });
    expect(items[1]).toMatchObject({ index: 1, annotation: { exact: "fine" } });
  });

  it("keeps the id of a malformed annotation and refuses items that are not objects", () => {
    const { items } = ok(parseAnnotations([{ id: "urn:bad", type: "Annotation" }, "urn:x", null]));
    expect(items.map((i) => ("problem" in i ? [i.id, i.problem.reason] : null))).toEqual([
      ["urn:bad", "malformed"],
      [undefined, "malformed"],
      [undefined, "malformed"],
    ]);
  });

  it("never throws, and lists every item of any JSON array", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), (values) => {
        const result = ok(parseAnnotations(values));
        expect(result.items.map((i) => i.index)).toEqual(values.map((_, i) => i));
      }),
    );
  });
});

describe("the file as a whole", () => {
  it.each([
    [
      "text that is not JSON",
      "{ items: [",
      /^This is not valid JSON \(.+\)\. Nothing was imported\.$/,
    ],
    ["JSON that holds no annotations", '{"hello": "world"}', /holds no Web Annotations/],
    ["a number", "42", /holds no Web Annotations/],
    ["an empty list", "[]", /^The file holds no annotations\.$/],
    [
      "a page whose items are not a list",
      '{"type":"AnnotationPage","items":{}}',
      /^Page 1 is not an AnnotationPage: items: /,
    ],
  ])("refuses %s", (_, json, message) => {
    expect(parseAnnotationsJson(json)).toEqual({
      ok: false,
      message: expect.stringMatching(message),
    });
  });

  it("refuses more annotations than the limit", () => {
    const many = Array.from({ length: MAX_IMPORT_ANNOTATIONS + 1 }, (_, i) => w3c(`urn:${i}`, "q"));
    expect(parseAnnotations(many)).toEqual({
      ok: false,
      message:
        "The file holds 2,001 annotations; at most 2,000 can be imported at once. Split it and import the parts.",
    });
    expect(ok(parseAnnotations(many.slice(0, MAX_IMPORT_ANNOTATIONS))).items).toHaveLength(2_000);
  });

  it("limits the size in UTF-8 bytes, and needs some JSON", () => {
    const articleId = "0b7e7c3e-5a43-4f6a-9d43-3d0c6a0f5c11";
    const check = (json: string) => importAnnotationsSchema.safeParse({ articleId, json });
    expect(check("x".repeat(MAX_IMPORT_BYTES)).success).toBe(true);
    const tooBig = check("x".repeat(MAX_IMPORT_BYTES + 1));
    expect(tooBig.error?.issues[0]?.message).toBe(
      "The annotations file can be at most 2 MB. Split it and import the parts.",
    );
    // Fewer characters than the limit, more bytes.
    expect(check("é".repeat(MAX_IMPORT_BYTES / 2 + 1)).success).toBe(false);
    expect(check("  ").error?.issues[0]?.message).toBe(
      "Choose a file or paste the annotations' JSON.",
    );
  });
});
