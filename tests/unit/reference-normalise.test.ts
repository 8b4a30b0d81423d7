import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  citedAuthor,
  crossrefToMetadata,
  jatsToText,
  plainText,
  pubmedXmlToMetadata,
} from "../../lib/core/references/normalise";

const fixture = (file: string) =>
  fs.readFileSync(path.join(__dirname, "../fixtures/outside/lookup", file), "utf8");

describe("Crossref works", () => {
  it("reads a work with a structured JATS abstract and markup in its title", () => {
    const body = JSON.parse(fixture("crossref-work-10.1136_jclinpath-2020-206745.json"));
    const m = crossrefToMetadata(body.message);
    expect(m).not.toBeNull();
    expect(m?.doi).toBe("10.1136/jclinpath-2020-206745");
    expect(m?.title).toBe(
      "Construction of a reference material panel for detecting KRAS / NRAS / EGFR / BRAF / MET mutations in plasma ctDNA",
    );
    expect(m?.journal).toBe("Journal of Clinical Pathology");
    expect(m?.year).toBe(2020);
    expect(m?.source).toBe("crossref");
    expect(m?.url).toBe("https://doi.org/10.1136/jclinpath-2020-206745");
    expect(m?.publicationTypes).toEqual(["journal-article"]);
    expect(m?.suggestedDesign).toBeNull();
    // "Family GI", every author, no dots.
    expect(m?.authors).toMatch(/^[A-Z][\w'-]+ [A-Z]+(, [A-Z][\w' -]+ [A-Z]+)+$/u);
    // Sections labelled, paragraphs apart, no tags left.
    expect(m?.abstract.startsWith("Background: The absence of high-quality")).toBe(true);
    expect(m?.abstract).toMatch(/\n\nMethods: /);
    expect(m?.abstract).not.toMatch(/<|jats/);
  });

  it("reads a plain JATS abstract, dropping its 'Abstract' heading", () => {
    const body = JSON.parse(fixture("crossref-work-10.1002_jor.1100150407.json"));
    const m = crossrefToMetadata(body.message);
    expect(m?.abstract.startsWith("Twenty")).toBe(true);
    expect(m?.volume).toBe("15");
    expect(m?.issue).toBe("4");
    expect(m?.pages).toMatch(/^\d+-\d+$/);
  });

  it("is null for what is not a work", () => {
    expect(crossrefToMetadata(null)).toBeNull();
    expect(crossrefToMetadata({ DOI: "10.1/x" })).toBeNull();
  });
});

describe("PubMed records", () => {
  it("reads an RCT: structured abstract with labels, types, design, identifiers", () => {
    const m = pubmedXmlToMetadata(fixture("efetch-pubmed-23878845.xml"));
    expect(m).toMatchObject({
      pmid: "23878845",
      doi: "10.3290/j.qi.a30176",
      pmcid: null,
      title:
        "Randomized clinical evaluation of the effect of chlorhexidine on postoperative sensitivity of posterior composite resin restorations",
      authors: "Hajizadeh H, Ghavamnasiri M, Majidinia S",
      journal: "Quintessence international",
      year: 2013,
      volume: "44",
      issue: "10",
      pages: "793-8",
      url: "https://pubmed.ncbi.nlm.nih.gov/23878845/",
      source: "pubmed",
      suggestedDesign: "rct",
    });
    expect(m?.publicationTypes).toContain("Randomized Controlled Trial");
    const sections = m?.abstract.split("\n\n") ?? [];
    expect(sections.map((s) => s.split(":")[0])).toEqual([
      "OBJECTIVES",
      "METHOD AND MATERIALS",
      "RESULTS",
      "CONCLUSION",
    ]);
    // Entities decoded: "(α = .05)" and "P < .05".
    expect(m?.abstract).toContain("(α = .05)");
    expect(m?.abstract).toContain("(P < .05;");
  });

  it("decodes accented names and finds a PMCID", () => {
    expect(pubmedXmlToMetadata(fixture("efetch-pubmed-16080930.xml"))?.authors).toBe(
      "González-Reyes S, Martínez L, Tovar JA",
    );
    const m = pubmedXmlToMetadata(fixture("efetch-pubmed-21813367.xml"));
    expect(m?.pmcid).toBe("PMC3261988");
    expect(m?.doi).toBe("10.1289/ehp.1103729");
    expect(m?.suggestedDesign).toBeNull();
  });

  it("is null for an empty article set (no such PMID)", () => {
    expect(pubmedXmlToMetadata(fixture("efetch-pubmed-empty.xml"))).toBeNull();
  });
});

describe("text helpers", () => {
  it("writes authors as cited", () => {
    expect(citedAuthor("Shevchenko", "E. A.")).toBe("Shevchenko EA");
    expect(citedAuthor("Dupont", "Jean-Pierre")).toBe("Dupont JP");
    expect(citedAuthor("Consortium", "")).toBe("Consortium");
  });

  it("strips markup and math, keeps words in order", () => {
    expect(plainText("A <i>B</i>&amp;C <sup>2</sup>")).toBe("A B&C 2");
    expect(plainText("x <mml:math><mml:mi>V</mml:mi> <mml:mo>.</mml:mo></mml:math> y")).toBe(
      "x V. y",
    );
    expect(jatsToText("<jats:p>One.</jats:p><jats:p>Two.</jats:p>")).toBe("One.\n\nTwo.");
  });
});
