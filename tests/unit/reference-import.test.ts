/**
 * The reference importer's parsers (lib/core/references/import.ts, medline.ts, csl.ts) on real
 * exports (tests/fixtures/references/README.md says where each came from) and on broken ones:
 * each record parses alone, a broken record is listed with its number and line, duplicates
 * within the file are found by DOI and PMID, and odd encodings (BOM, CRLF) read as plain text.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { citedAuthors } from "@/lib/core/references/csl";
import {
  describeRecordErrors,
  detectFormat,
  parseReferenceFile,
} from "@/lib/core/references/import";
import { medlineToMetadata, readMedlineFields } from "@/lib/core/references/medline";
import { REFERENCE_IMPORT_LIMITS } from "@/lib/core/validation/references";

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, "../fixtures/references", name), "utf8");

function parsed(text: string, fileName = "") {
  const result = parseReferenceFile(text, { fileName });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("format detection", () => {
  it("reads the content first, the extension when the content does not say", () => {
    expect(detectFormat("TY  - JOUR\nER  - \n")).toBe("ris");
    expect(detectFormat("\uFEFFTY  - JOUR\r\n")).toBe("ris");
    expect(detectFormat("@article{a, title={x}}")).toBe("bibtex");
    expect(detectFormat('[{"title": "x"}]')).toBe("csl-json");
    expect(detectFormat("PMID- 123\nTI  - x\n")).toBe("medline");
    expect(detectFormat("PMID- 123\nTI  - x\n", "export.txt")).toBe("medline");
    expect(detectFormat("nothing here", "refs.nbib")).toBe("medline");
    expect(detectFormat("nothing here", "notes.txt")).toBeNull();
  });

  it("refuses what it cannot read, with what to do", () => {
    const result = parseReferenceFile("Dear editor, here are my references.", {
      fileName: "letter.docx",
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining(
        "export RIS (.ris), BibTeX (.bib), CSL-JSON (.json) or PubMed (.nbib)",
      ),
    });
  });
});

describe("RIS (citation-js)", () => {
  it("reads a Reference Manager journal record, with a title wrapped over two lines", () => {
    const [r] = parsed(fixture("zotero-ris-refman-journal.ris")).records;
    expect(r?.metadata).toMatchObject({
      authors: "Baldwin SA, Fugaccia I, Brown DR, Brown LV, Scheff SW",
      journal: "J.Neurosurg.",
      year: 1996,
      volume: "85",
      pages: "476-481",
      source: "import",
    });
    expect(r?.metadata?.title).toMatch(/^Blood-brain barrier breach following/);
  });

  it("reads a publisher's export with its DOI lower-cased", () => {
    const [r] = parsed(fixture("zotero-ris-informa-doi.ris")).records;
    expect(r?.metadata).toMatchObject({
      doi: "10.3109/07434618.2014.906498",
      journal: "Augmentative and Alternative Communication",
      year: 2014,
      volume: "30",
      issue: "2",
      pages: "99-105",
      authors: "Light J, McNaughton D",
    });
  });

  it("lists Scopus's untitled second record as an error, by number and line (CRLF file)", () => {
    const { records } = parsed(fixture("zotero-ris-scopus-crlf.ris"));
    expect(records).toHaveLength(2);
    expect(records[0]?.metadata?.doi).toBe("10.1016/s0027-9684(15)31340-7");
    expect(records[1]?.metadata).toBeNull();
    expect(records[1] && describeRecordErrors(records[1])).toBe("Record 2 (line 20): no title");
  });

  it("reads every record of EndNote's every-type export, taking TI over the translated title", () => {
    const { records } = parsed(fixture("zotero-ris-endnote-all-types.ris"));
    expect(records).toHaveLength(48);
    for (const r of records) {
      // Placeholders such as "DO  - DOI" are refused with a reason, never a crash.
      if (r.metadata) expect(r.metadata.title).not.toBe("Translated Title");
      else expect(r.errors.length).toBeGreaterThan(0);
    }
    expect(records[0]?.metadata).toMatchObject({ title: "Title", doi: "10.1234/123456" });
  });

  it("tells a record without its TY line, and keeps the others", () => {
    const text =
      "TY  - JOUR\nTI  - One\nER  - \n\nTI  - Two\nDO  - 10.1000/two\nER  - \n\nTY  - JOUR\nTI  - Three\nER  - \n";
    const { records } = parsed(text);
    expect(records.map((r) => r.metadata?.title ?? describeRecordErrors(r))).toEqual([
      "One",
      "Record 2 (line 5): it does not start with a “TY  - ” line, so it is not a record",
      "Three",
    ]);
  });

  it("refuses a malformed DOI in that record only", () => {
    const text =
      "TY  - JOUR\nTI  - Bad DOI\nDO  - not-a-doi\nER  - \nTY  - JOUR\nTI  - Fine\nER  - \n";
    const { records } = parsed(text);
    expect(records[0]?.errors).toEqual([
      "A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too)",
    ]);
    expect(records[1]?.metadata?.title).toBe("Fine");
  });

  it("reads the 20-record e2e file: 19 valid, record 11 without a title", () => {
    const { records } = parsed(fixture("e2e-twenty-records.ris"), "twenty.ris");
    expect(records).toHaveLength(20);
    expect(records.filter((r) => r.metadata)).toHaveLength(19);
    expect(records[10] && describeRecordErrors(records[10])).toBe("Record 11 (line 131): no title");
  });
});

describe("BibTeX (citation-js)", () => {
  it("reads Mendeley's and Zotero's exports, @string macros included", () => {
    const { records } = parsed(fixture("zotero-bibtex-samples.bib"));
    expect(records).toHaveLength(8);
    expect(records.every((r) => r.metadata)).toBe(true);
    expect(records[0]?.metadata).toMatchObject({
      journal: "Bulletin of Volcanology",
      year: 2001,
      authors: expect.stringMatching(/^Adams NK, DeSilva SL/),
    });
    // Zotero writes the PMID into `note` as "{PMID:} 23439512".
    expect(records[2]?.metadata).toMatchObject({
      doi: "10.1161/cir.0b013e318288b4dd",
      pmid: "23439512",
      journal: "Circulation",
      pages: "1342-1350",
    });
    expect(records[6]?.metadata).toMatchObject({
      title: "Zotero's Homepage",
      url: "https://www.zotero.org/",
    });
  });

  it("lists an unclosed entry as an error and reads the next one", () => {
    const { records } = parsed(
      "@article{a, title={Open\n\n@article{b, title={Closed}, year={2020}}\n",
    );
    expect(records[0]?.metadata).toBeNull();
    expect(records[0]?.errors[0]).toMatch(/^it could not be read/);
    expect(records[1]?.metadata).toMatchObject({ title: "Closed", year: 2020 });
  });
});

describe("CSL-JSON (citation-js core)", () => {
  it("reads items with PMID and PMCID", () => {
    const { records } = parsed(fixture("citation-js-wikipedia-journal.json"));
    expect(records[1]?.metadata).toMatchObject({
      title: "Optimal design of thermally stable proteins",
      doi: "10.1093/bioinformatics/btn450",
      pmid: "18723523",
      pmcid: "PMC2562006",
      volume: "24",
      issue: "20",
      url: "https://academic.oup.com/bioinformatics/article/24/20/2339/260340",
    });
    expect(records[1]?.line).toBeNull();
  });

  it("refuses invalid JSON and JSON nested too deeply as a whole, with the reason", () => {
    const bad = parseReferenceFile('[{"title": "x"', { format: "csl-json" });
    expect(bad.ok).toBe(false);
    const deep = `[${"[".repeat(REFERENCE_IMPORT_LIMITS.maxJsonDepth + 5)}${"]".repeat(REFERENCE_IMPORT_LIMITS.maxJsonDepth + 5)}]`;
    const result = parseReferenceFile(deep, { format: "csl-json" });
    expect(result.ok).toBe(false);
  });

  it("lists a list item that is not a record", () => {
    const { records } = parsed('[{"title": "Kept"}, 5, {"type": "book"}]');
    expect(records.map((r) => r.metadata?.title ?? r.errors[0])).toEqual([
      "Kept",
      "it is not a CSL-JSON record (an object with a title)",
      "no title",
    ]);
  });
});

describe("PubMed MEDLINE (our tag reader)", () => {
  it("reads Biopython's recorded PubMed download: four records", () => {
    const { format, records } = parsed(fixture("biopython-pubmed-result2.nbib"), "pubmed.nbib");
    expect(format).toBe("medline");
    expect(records).toHaveLength(4);
    expect(records[0]?.metadata).toMatchObject({
      pmid: "16403221",
      pmcid: "PMC1373603",
      doi: "10.1186/1471-2105-7-10",
      title: "A high level interface to SCOP and ASTRAL implemented in python.",
      authors: "Casbon JA, Crooks GE, Saqi MA",
      journal: "BMC bioinformatics",
      year: 2006,
      volume: "7",
      pages: "10",
      publicationTypes: ["Evaluation Studies", "Journal Article"],
    });
    // Continuation lines (six spaces) are joined with one space, the trailing blanks dropped.
    expect(records[0]?.metadata?.abstract).toMatch(
      /^BACKGROUND: Benchmarking algorithms in structural bioinformatics often involves the construction/,
    );
    expect(records[0]?.metadata?.abstract).not.toMatch(/\s{2}/);
    expect(records[1]?.metadata?.title).toBe(
      "GenomeDiagram: a python package for the visualization of large-scale genomic data.",
    );
    expect(records[3]?.metadata).toMatchObject({ pmid: "14630660", doi: null });
  });

  it("takes LID or AID [doi], FAU when AU is absent, and the full journal title", () => {
    const { fields } = readMedlineFields(
      "PMID- 31978945\nTI  - A Novel Coronavirus\nFAU - Zhu, Na\nFAU - Zhang, Dingyu\nTA  - N Engl J Med\nJT  - The New England journal of medicine\nDP  - 2020 Feb 20\nAID - NEJMoa2001017 [pii]\nAID - 10.1056/NEJMoa2001017 [doi]\nPT  - Journal Article\nPT  - Research Support, Non-U.S. Gov't\n",
    );
    const m = medlineToMetadata(fields);
    expect(m).toMatchObject({
      pmid: "31978945",
      doi: "10.1056/NEJMoa2001017",
      authorList: ["Zhu N", "Zhang D"],
      journal: "The New England journal of medicine",
      year: 2020,
      publicationTypes: ["Journal Article", "Research Support, Non-U.S. Gov't"],
    });
  });

  it("lists a record without a title, by its line", () => {
    const text = "PMID- 1\nTI  - Has a title\n\nPMID- 2\nAU  - Nobody N\n";
    const { records } = parsed(text);
    expect(records[1] && describeRecordErrors(records[1])).toBe("Record 2 (line 4): no title");
  });
});

describe("duplicates within the file", () => {
  it("marks a later record with an earlier one's DOI (any case, as a link) or PMID", () => {
    const text = [
      "TY  - JOUR\nTI  - First\nDO  - 10.1000/ABC\nER  - ",
      "TY  - JOUR\nTI  - Same DOI\nDO  - https://doi.org/10.1000/abc\nER  - ",
      "TY  - JOUR\nTI  - Other\nDO  - 10.1000/other\nER  - ",
    ].join("\n");
    const { records } = parsed(text);
    expect(records.map((r) => r.duplicateOfRecord)).toEqual([null, 1, null]);
  });

  it("across formats: a PMID repeated in a MEDLINE file", () => {
    const { records } = parsed("PMID- 7\nTI  - A\n\nPMID- 7\nTI  - A again\n");
    expect(records[1]?.duplicateOfRecord).toBe(1);
  });
});

describe("limits and encodings", () => {
  it("refuses more records than the limit, saying so", () => {
    const many = "TY  - JOUR\nTI  - x\nER  - \n".repeat(REFERENCE_IMPORT_LIMITS.maxRecords + 1);
    const result = parseReferenceFile(many);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("at most 2,000") });
  });

  it("refuses an empty file", () => {
    expect(parseReferenceFile("\uFEFF \r\n")).toEqual({ ok: false, message: "The file is empty." });
  });

  it("reads a UTF-8 BOM and CR-only line ends as plain lines", () => {
    const { records } = parsed("\uFEFFTY  - JOUR\rTI  - Old Mac\rER  - \r");
    expect(records[0]?.metadata?.title).toBe("Old Mac");
  });

  it("shortens a very long author list with “et al.” to fit the citation", () => {
    const names = Array.from({ length: 300 }, (_, i) => `Author${i} X`);
    const cited = citedAuthors(names);
    expect(cited.length).toBeLessThanOrEqual(1000);
    expect(cited).toMatch(/^Author0 X, Author1 X, .*, et al\.$/);
  });
});
