import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bareDoi,
  MAX_IDENTIFIER_INPUT,
  parseIdentifier,
} from "../../lib/core/validation/identifier";

const ok = (input: string) => {
  const r = parseIdentifier(input);
  if (!r.ok) throw new Error(`expected an identifier from ${JSON.stringify(input)}: ${r.message}`);
  return r.identifier;
};
const fails = (input: string) => {
  const r = parseIdentifier(input);
  if (r.ok) throw new Error(`expected no identifier from ${JSON.stringify(input)}`);
  return r.message;
};

describe("parseIdentifier: DOIs", () => {
  it.each([
    ["10.1136/jclinpath-2020-206745", "10.1136/jclinpath-2020-206745"],
    ["doi:10.1136/JCLINPATH-2020-206745", "10.1136/jclinpath-2020-206745"],
    ["DOI: 10.1002/jor.1100150407", "10.1002/jor.1100150407"],
    ["https://doi.org/10.1002/jor.1100150407", "10.1002/jor.1100150407"],
    ["http://dx.doi.org/10.1002/jor.1100150407", "10.1002/jor.1100150407"],
    ["doi.org/10.1002/jor.1100150407", "10.1002/jor.1100150407"],
    ["https://doi.org/10.1016%2FS0140-6736(24)00001-1", "10.1016/s0140-6736(24)00001-1"],
    ["  10.1002/jor.1100150407.\n", "10.1002/jor.1100150407"],
    ["(doi:10.1016/S0140-6736(24)00001-1).", "10.1016/s0140-6736(24)00001-1"],
    ["<https://doi.org/10.1002/jor.1100150407>", "10.1002/jor.1100150407"],
    // A PDF's hyphen is often a Unicode one, and line breaks split long DOIs.
    ["10.1136/jclinpath\u20102020\u2013206745", "10.1136/jclinpath-2020-206745"],
    ["10.1136/jclinpath-\n2020-206745", "10.1136/jclinpath-2020-206745"],
    ["\u200B10.1002/jor.1100150407\uFEFF", "10.1002/jor.1100150407"],
  ])("%j → %s", (input, value) => {
    expect(ok(input)).toEqual({ kind: "doi", value });
  });

  it("says a started DOI is incomplete", () => {
    expect(fails("10.1136/")).toMatch(/not a complete DOI/);
    expect(fails("https://doi.org/")).toMatch(/not a complete DOI/);
  });

  it("keeps a DOI as typed in bareDoi (the form stores it), only the wrapping gone", () => {
    expect(bareDoi("https://doi.org/10.1002/JOR.1100150407")).toBe("10.1002/JOR.1100150407");
    expect(bareDoi("")).toBe("");
  });
});

describe("parseIdentifier: PMIDs and PMCIDs", () => {
  it.each([
    ["23878845", "pmid", "23878845"],
    ["PMID: 23878845", "pmid", "23878845"],
    ["pmid23878845", "pmid", "23878845"],
    ["https://pubmed.ncbi.nlm.nih.gov/23878845/", "pmid", "23878845"],
    ["pubmed.ncbi.nlm.nih.gov/23878845", "pmid", "23878845"],
    ["https://www.ncbi.nlm.nih.gov/pubmed/23878845", "pmid", "23878845"],
    ["https://pubmed.ncbi.nlm.nih.gov/23878845/?from_term=x", "pmid", "23878845"],
    [" 23878845. ", "pmid", "23878845"],
    ["PMC3261988", "pmcid", "PMC3261988"],
    ["pmc3261988", "pmcid", "PMC3261988"],
    ["PMCID: PMC3261988", "pmcid", "PMC3261988"],
    ["PMC3261988.1", "pmcid", "PMC3261988"],
    ["https://pmc.ncbi.nlm.nih.gov/articles/PMC3261988/", "pmcid", "PMC3261988"],
    ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3261988", "pmcid", "PMC3261988"],
  ])("%j → %s %s", (input, kind, value) => {
    expect(ok(input)).toEqual({ kind, value });
  });

  it("refuses what is none of them, saying what one looks like", () => {
    expect(fails("")).toMatch(/Paste a DOI/);
    expect(fails("   ")).toMatch(/Paste a DOI/);
    expect(fails("aspirin and colds")).toMatch(/not a DOI, PMID or PMCID/);
    expect(fails("0123")).toMatch(/does not start with 0/);
    expect(fails("1234567890")).toMatch(/1 to 9 digits/);
    expect(fails("https://evil.example/23878845/")).toMatch(/not a DOI, PMID or PMCID/);
    expect(fails("https://pubmed.ncbi.nlm.nih.gov.evil.example/23878845/")).toMatch(/not a DOI/);
  });

  it("refuses over-long text without reading it", () => {
    const message = fails(`10.1000/${"x".repeat(MAX_IDENTIFIER_INPUT)}`);
    expect(message).toMatch(/too long/);
  });

  it("never throws, whatever is pasted", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        const r = parseIdentifier(s);
        if (r.ok) expect(r.identifier.value.length).toBeGreaterThan(0);
        else expect(r.message.length).toBeGreaterThan(10);
      }),
    );
  });
});
