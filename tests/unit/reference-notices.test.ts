/**
 * Reading retraction, withdrawal, concern and correction notices out of recorded Crossref and
 * PubMed answers (tests/fixtures/outside/watch, sources in its README), and the words built
 * from them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  crossrefDate,
  crossrefNotices,
  crossrefWorksByDoi,
  flagNeedsRecheck,
  noticeDateInWords,
  publicationNoticeText,
  pubmedDate,
  pubmedNotices,
  pubmedSummariesByPmid,
  recheckReasonFor,
  worstFlag,
  worstNotice,
} from "../../lib/core/references/notices";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(path.join(__dirname, "../fixtures/outside/watch", name), "utf8"),
  ) as Record<string, unknown>;

const WAKEFIELD = fixture("crossref-work-wakefield-1998.json");
const CLEAN = fixture("crossref-work-clean-2024.json");
const CONCERN = fixture("crossref-work-concern.json");

describe("Crossref notices", () => {
  it("reads Wakefield 1998: retracted 2010 and corrected 2004, from Retraction Watch", () => {
    const notices = crossrefNotices(WAKEFIELD);
    expect(notices).toEqual([
      {
        kind: "corrected",
        origin: "retraction-watch",
        noticeDoi: "10.1016/s0140-6736(04)15715-2",
        noticePmid: null,
        noticeDate: "2004-03-06",
        label: "Correction",
      },
      {
        kind: "retracted",
        origin: "retraction-watch",
        noticeDoi: "10.1016/s0140-6736(10)60175-4",
        noticePmid: null,
        noticeDate: "2010-02-06",
        label: "Retraction",
      },
    ]);
    // The retraction wins whatever the order Crossref lists them in.
    expect(worstFlag(notices.map((n) => n.kind))).toBe("retracted");
    expect(worstNotice(notices)?.noticeDate).toBe("2010-02-06");
  });

  it("finds nothing in a work with no update notices", () => {
    expect(crossrefNotices(CLEAN)).toEqual([]);
    expect(crossrefNotices(undefined)).toEqual([]);
    expect(crossrefNotices({ "updated-by": [null, "x", { type: "something_new" }] })).toEqual([]);
  });

  it("keeps one notice deposited twice, with its earliest date", () => {
    const notices = crossrefNotices(CONCERN);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "expression_of_concern",
      origin: "crossref",
      noticeDate: "2026-02-13",
    });
  });

  it("reads a retraction named only by relation is-retracted-by", () => {
    const notices = crossrefNotices({
      DOI: "10.1/x",
      relation: { "is-retracted-by": [{ "id-type": "doi", id: "10.1/NOTICE" }] },
    });
    expect(notices).toMatchObject([{ kind: "retracted", noticeDoi: "10.1/notice" }]);
  });

  it("indexes a work list by lower-cased DOI", () => {
    const works = crossrefWorksByDoi({ message: { items: [WAKEFIELD, CLEAN] } });
    expect([...works.keys()]).toEqual([
      "10.1016/s0140-6736(97)11096-0",
      "10.1038/s41467-024-48219-y",
    ]);
    expect(crossrefWorksByDoi({ message: "nonsense" }).size).toBe(0);
  });

  it("turns date-parts into ISO dates as far as they go", () => {
    expect(crossrefDate({ "date-parts": [[2010, 2, 6]] })).toBe("2010-02-06");
    expect(crossrefDate({ "date-parts": [[2010, 2]] })).toBe("2010-02");
    expect(crossrefDate({ "date-parts": [[2010]] })).toBe("2010");
    expect(crossrefDate({ "date-parts": [[null]] })).toBeNull();
  });
});

describe("PubMed notices", () => {
  it("reads Retracted Publication and the Retraction in entry of PMID 9500320", () => {
    const summaries = pubmedSummariesByPmid(fixture("pubmed-esummary-9500320.json"));
    const notices = pubmedNotices(summaries.get("9500320"));
    expect(notices).toEqual([
      {
        kind: "corrected",
        origin: "pubmed",
        noticeDoi: null,
        noticePmid: "15016483",
        noticeDate: "2004-03-06",
        label: "Partial retraction in",
      },
      {
        kind: "retracted",
        origin: "pubmed",
        noticeDoi: null,
        noticePmid: "20137807",
        noticeDate: "2010-02-06",
        label: "Retraction in",
      },
    ]);
  });

  it("finds nothing in a meta-analysis's summary, and flags a bare Retracted Publication", () => {
    const summaries = pubmedSummariesByPmid(fixture("pubmed-esummary-clean.json"));
    expect(pubmedNotices(summaries.get("23691095"))).toEqual([]);
    expect(pubmedNotices({ pubtype: ["Journal Article", "Retracted Publication"] })).toMatchObject([
      { kind: "retracted", noticeDate: null },
    ]);
    // The notice itself is not the flagged work.
    expect(pubmedNotices({ pubtype: ["Retraction of Publication"] })).toEqual([]);
  });

  it("leaves out PMIDs PubMed answers with an error", () => {
    const summaries = pubmedSummariesByPmid({
      result: {
        uids: ["1", "2"],
        "1": { uid: "1" },
        "2": { uid: "2", error: "cannot get document summary" },
      },
    });
    expect([...summaries.keys()]).toEqual(["1"]);
  });

  it("reads PubMed's dates", () => {
    expect(pubmedDate("2010 Feb 6;375(9713):445")).toBe("2010-02-06");
    expect(pubmedDate("1998 Feb")).toBe("1998-02");
    expect(pubmedDate("1998")).toBe("1998");
    expect(pubmedDate("")).toBeNull();
  });
});

describe("flags and words", () => {
  it("re-checks for a retraction, withdrawal or concern that is new or worse, never for a correction", () => {
    expect(flagNeedsRecheck(null, "retracted")).toBe(true);
    expect(flagNeedsRecheck("expression_of_concern", "retracted")).toBe(true);
    expect(flagNeedsRecheck("corrected", "expression_of_concern")).toBe(true);
    expect(flagNeedsRecheck(null, "corrected")).toBe(false);
    expect(flagNeedsRecheck("retracted", "retracted")).toBe(false);
    expect(flagNeedsRecheck("retracted", "withdrawn")).toBe(false);
  });

  it("says what happened, when and where", () => {
    const [retraction] = crossrefNotices(WAKEFIELD).filter((n) => n.kind === "retracted");
    if (!retraction) throw new Error("no retraction");
    const work = { number: 12, doi: "10.1016/s0140-6736(97)11096-0", pmid: "9500320" };
    expect(recheckReasonFor(work, retraction)).toBe(
      "Cited study R12 (DOI 10.1016/s0140-6736(97)11096-0) was retracted on 6 February 2010 (Crossref, Retraction Watch).",
    );
    expect(
      publicationNoticeText(
        { ...work, citation: "Wakefield AJ et al., 1998" },
        [3, 2, 3],
        retraction,
      ),
    ).toBe(
      "A study cited for claims 2 and 3 (Wakefield AJ et al., 1998; DOI 10.1016/s0140-6736(97)11096-0) was retracted on 6 February 2010 (Crossref, Retraction Watch).",
    );
    expect(noticeDateInWords("2010-02")).toBe("February 2010");
  });
});
