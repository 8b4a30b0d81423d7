import { describe, expect, it } from "vitest";
import { buildW3cAnnotationPage, renderW3cExport } from "@/lib/core/export/w3c";
import { demoModel, edgeModels, QUOTE } from "../helpers/export-models";
import { failedAssertions, samples, webAnnotationSuite } from "../helpers/web-annotation-schemas";

const suite = webAnnotationSuite();

/** Parsed sample, or null when the sample is not JSON at all (a rejection by itself). */
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

describe("the W3C test-suite validator itself (USAGE.md)", () => {
  it("has the 54 annotation MUSTs and the 15 page MUSTs", () => {
    expect(suite.annotationMusts).toHaveLength(54);
    expect(suite.pageMusts).toHaveLength(15);
  });

  it("passes every correct annotation sample, except anno11–13 (targets the 3.2 schema does not know)", () => {
    const annotations = samples("correct").filter((s) => s.name.startsWith("anno"));
    expect(annotations).toHaveLength(41);
    const failing = annotations
      .filter((s) => failedAssertions(suite.annotationMusts, parse(s.text)).length > 0)
      .map((s) => s.name);
    expect(failing).toEqual(["anno11.json", "anno12.json", "anno13.json"]);
  });

  it("checks the page and collection samples with their manifests", () => {
    const byName = new Map(samples("correct").map((s) => [s.name, parse(s.text)]));
    for (const collection of ["collection1.json", "example41.json"]) {
      expect(failedAssertions(suite.collectionMusts, byName.get(collection))).toEqual([]);
    }
    // The page samples name their collection by URL (`partOf: "http://…"`), while the suite's
    // page schemas check `partOf` as an embedded collection: those 7 checks fail, and nothing
    // else. Our pages have no `partOf`.
    for (const name of ["example42.json", "example43.json"]) {
      const sample = byName.get(name) as Record<string, unknown>;
      const failed = failedAssertions(suite.pageMusts, sample);
      expect(failed).toHaveLength(7);
      expect(failed.every((f) => f.endsWith("at /partOf"))).toBe(true);
      const { partOf: _collection, ...page } = sample;
      expect(failedAssertions(suite.pageMusts, page)).toEqual([]);
    }
  });

  it("rejects every incorrect sample: not JSON, or failing at least one annotation MUST", () => {
    const incorrect = samples("incorrect");
    expect(incorrect).toHaveLength(39);
    const accepted = incorrect
      .filter((s) => {
        const data = parse(s.text);
        return data !== null && failedAssertions(suite.annotationMusts, data).length === 0;
      })
      .map((s) => s.name);
    expect(accepted).toEqual([]);
  });

  it("rejects a page whose item is not an annotation, and a relative id", () => {
    const page = buildW3cAnnotationPage(demoModel());
    expect(failedAssertions(suite.pageMusts, { ...page, items: [{ type: "Note" }] })).not.toEqual(
      [],
    );
    const [first] = page.items;
    expect(
      failedAssertions(suite.annotationMusts, { ...first, id: "/p/stem-cells#a" }),
    ).not.toEqual([]);
  });
});

describe("W3C Web Annotation export", () => {
  for (const [name, model] of Object.entries(edgeModels())) {
    it(`conforms to every page and annotation MUST: ${name}`, () => {
      const page = JSON.parse(renderW3cExport(model)) as ReturnType<typeof buildW3cAnnotationPage>;
      expect(failedAssertions(suite.pageMusts, page)).toEqual([]);
      for (const item of page.items) {
        expect({ id: item.id, failed: failedAssertions(suite.annotationMusts, item) }).toEqual({
          id: item.id,
          failed: [],
        });
      }
    });
  }

  const model = demoModel();
  const page = buildW3cAnnotationPage(model);
  const byNote = (note: number) => {
    const claim = model.claims.find((c) => c.note === note);
    return page.items.filter((a) => a.id.endsWith(`#annotation-${claim?.number}`));
  };

  it("targets the article's public URL with a quote and a position selector", () => {
    const claim = model.claims.find((c) => c.quote.exact === QUOTE);
    const [annotation] = byNote(claim?.note ?? 0);
    expect(page.id).toBe("https://desk.example/p/stem-cells#annotations-r3");
    expect(annotation?.target).toEqual({
      source: "https://desk.example/p/stem-cells",
      selector: [
        { type: "TextQuoteSelector", exact: QUOTE, prefix: "", suffix: "" },
        { type: "TextPositionSelector", ...claim?.position },
      ],
    });
    expect(model.plainText.slice(claim?.position?.start, claim?.position?.end)).toBe(QUOTE);
  });

  it("assesses verdicts and comments editor's notes in separate annotations", () => {
    const note1 = byNote(model.claims.find((c) => c.quote.exact === QUOTE)?.note ?? 0);
    const notes = page.items.filter((a) => a.motivation === "commenting");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toEqual([
      {
        type: "TextualBody",
        purpose: "commenting",
        value: "We publish this with our correction.",
        format: "text/plain",
      },
    ]);
    expect(notes[0]?.creator).toEqual({
      type: "Organization",
      name: "Health Desk",
      homepage: "https://desk.example",
    });
    expect(note1[0]).toMatchObject({
      motivation: "assessing",
      creator: { type: "Person", name: "Rev Iewer" },
      created: "2026-10-31T10:00:00.000Z",
      modified: "2026-10-31T11:00:00.000Z",
      body: [
        { purpose: "assessing", value: "Inaccurate", format: "text/plain" },
        { purpose: "describing", format: "text/markdown" },
        // The status, so that re-importing the file restores it.
        { purpose: "classifying", value: "Resolved", format: "text/plain" },
      ],
    });
  });

  it("highlights claims still being checked, and keeps only the quote of orphaned claims", () => {
    const pending = page.items.find((a) => a.motivation === "highlighting");
    expect(pending?.body[0]?.value).toBe("Not yet checked (In progress).");
    const orphan = model.claims.find((c) => c.position === null);
    const [annotation] = byNote(orphan?.note ?? 0);
    expect(annotation?.target.selector).toEqual([
      {
        type: "TextQuoteSelector",
        exact: "A sentence that was removed in revision 2.",
        prefix: "",
        suffix: "",
      },
    ]);
  });

  it("takes the source URL as an option, and names the article by URN without any URL", () => {
    const custom = buildW3cAnnotationPage(model, { sourceUrl: "https://pub.example/a#x" });
    expect(custom.items[0]?.target.source).toBe("https://pub.example/a");
    const noUrl = edgeModels()["no organization URL, unapproved"];
    if (!noUrl) throw new Error("missing edge model");
    expect(buildW3cAnnotationPage(noUrl).items[0]?.target.source).toBe(
      "urn:claimdesk:article:stem-cells",
    );
  });

  it("counts positions in UTF-16 units of the plain text, as the annotations are stored", () => {
    const unicode = edgeModels()["non-ASCII"];
    if (!unicode) throw new Error("missing edge model");
    for (const item of buildW3cAnnotationPage(unicode).items) {
      const [quote, position] = item.target.selector;
      if (quote?.type !== "TextQuoteSelector" || position?.type !== "TextPositionSelector") {
        throw new Error("expected both selectors");
      }
      expect(unicode.plainText.slice(position.start, position.end)).toBe(quote.exact);
    }
  });
});
