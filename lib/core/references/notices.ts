/**
 * Reading the notices the retraction watch looks for (docs/evidence.md, "Retraction watch") out
 * of the two services' answers, and the words people read about them. Pure: no I/O.
 *
 * Crossref: a work's `updated-by` lists the notices that update it (each with the notice's DOI,
 * `type` — retraction, withdrawal, expression_of_concern, correction, erratum, … — a date and a
 * `source`: "publisher", or "retraction-watch" for the Retraction Watch database Crossref took
 * over in 2023), and `relation["is-retracted-by"]` may name a retraction without a dated deposit.
 * PubMed: a retracted article carries the publication type "Retracted Publication" and, in its
 * summary's `references`, a "Retraction in" (or "Expression of concern in", "Erratum in") entry
 * naming the notice's PMID. The notices themselves ("Retraction of Publication", "Expression of
 * Concern", "Published Erratum") are not flagged: they are the notice, not the flagged work.
 */
import {
  REFERENCE_FLAG_LABELS,
  REFERENCE_FLAGS,
  type ReferenceFlag,
} from "@/lib/core/evidence-vocabulary";

/** Where a notice was found: Crossref's own deposits, Retraction Watch's (via Crossref), PubMed. */
export type NoticeOrigin = "crossref" | "retraction-watch" | "pubmed";

export const NOTICE_ORIGIN_LABELS: Record<NoticeOrigin, string> = {
  crossref: "Crossref",
  "retraction-watch": "Crossref, Retraction Watch",
  pubmed: "PubMed",
};

export interface FoundNotice {
  kind: ReferenceFlag;
  origin: NoticeOrigin;
  noticeDoi: string | null;
  noticePmid: string | null;
  /** YYYY-MM-DD, YYYY-MM or YYYY, as the source gives it; null when it gives none. */
  noticeDate: string | null;
  label: string;
}

/** How bad a flag is: the lower, the worse (REFERENCE_FLAGS is listed worst first). */
export const flagRank = (flag: ReferenceFlag): number => REFERENCE_FLAGS.indexOf(flag);

/** The worst of some flags; null for none. */
export function worstFlag(flags: Iterable<ReferenceFlag | null>): ReferenceFlag | null {
  let worst: ReferenceFlag | null = null;
  for (const f of flags) if (f && (worst === null || flagRank(f) < flagRank(worst))) worst = f;
  return worst;
}

/**
 * True when going from `before` to `after` must send claims back to re-check: the work became
 * retracted, withdrawn or under an expression of concern (or worse than it was). A correction
 * is recorded and shown, but does not reopen verdicts: most corrections fix a typo or an
 * affiliation, and a reviewer sees the badge next to the evidence.
 */
export function flagNeedsRecheck(
  before: ReferenceFlag | null,
  after: ReferenceFlag | null,
): boolean {
  if (!after || after === "corrected") return false;
  return before === null || flagRank(after) < flagRank(before);
}

const CROSSREF_KINDS: Record<string, ReferenceFlag> = {
  retraction: "retracted",
  // A partial retraction (of a paper's interpretation, say) leaves the rest standing: recorded
  // as a correction, its label saying what it is.
  partial_retraction: "corrected",
  withdrawal: "withdrawn",
  removal: "withdrawn",
  expression_of_concern: "expression_of_concern",
  correction: "corrected",
  erratum: "corrected",
  corrigendum: "corrected",
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** "2010-02-06" from Crossref's `{"date-parts": [[2010, 2, 6]]}` (as much as it gives). */
export function crossrefDate(value: unknown): string | null {
  if (!isObject(value)) return null;
  const parts = Array.isArray(value["date-parts"]) ? value["date-parts"][0] : null;
  if (!Array.isArray(parts) || typeof parts[0] !== "number") return null;
  const [y, m, d] = parts as number[];
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(y), m ? pad(m) : null, m && d ? pad(d) : null].filter(Boolean).join("-");
}

/** The notices in one Crossref work (an item of `/works?filter=doi:…`, or `message` of `/works/DOI`). */
export function crossrefNotices(work: unknown): FoundNotice[] {
  if (!isObject(work)) return [];
  const found: FoundNotice[] = [];
  const updates = Array.isArray(work["updated-by"]) ? work["updated-by"] : [];
  for (const u of updates) {
    if (!isObject(u)) continue;
    const type = str(u.type)
      ?.toLowerCase()
      .replace(/[\s-]+/g, "_");
    const kind = type ? CROSSREF_KINDS[type] : undefined;
    if (!kind) continue;
    found.push({
      kind,
      origin: str(u.source) === "retraction-watch" ? "retraction-watch" : "crossref",
      noticeDoi: str(u.DOI)?.toLowerCase() ?? null,
      noticePmid: null,
      noticeDate: crossrefDate(u.updated),
      label: str(u.label) ?? REFERENCE_FLAG_LABELS[kind],
    });
  }
  const relation = isObject(work.relation) ? work.relation : {};
  const retractedBy = Array.isArray(relation["is-retracted-by"]) ? relation["is-retracted-by"] : [];
  for (const r of retractedBy) {
    if (!isObject(r) || found.some((f) => f.kind === "retracted" && f.origin === "crossref"))
      continue;
    found.push({
      kind: "retracted",
      origin: "crossref",
      noticeDoi: str(r.id)?.toLowerCase() ?? null,
      noticePmid: null,
      noticeDate: null,
      label: "Retraction",
    });
  }
  return dedupe(found);
}

/** The works of a `/works?filter=doi:…` answer, by lower-cased DOI. */
export function crossrefWorksByDoi(body: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const message = isObject(body) && isObject(body.message) ? body.message : null;
  const items = message && Array.isArray(message.items) ? message.items : [];
  for (const item of items) {
    const doi = isObject(item) ? str(item.DOI) : null;
    if (doi) out.set(doi.toLowerCase(), item);
  }
  return out;
}

const PUBMED_REFERENCE_KINDS: Record<string, ReferenceFlag> = {
  "retraction in": "retracted",
  "partial retraction in": "corrected",
  "expression of concern in": "expression_of_concern",
  "erratum in": "corrected",
  "correction in": "corrected",
};

/** "1998-02-28" from PubMed's "1998 Feb 28" (as much as it gives). */
export function pubmedDate(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const m = /^(\d{4})(?:\s+([A-Za-z]{3}))?(?:\s+(\d{1,2}))?/.exec(s);
  if (!m) return null;
  const months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const mi = m[2] ? months.indexOf(m[2]) / 3 + 1 : 0;
  const pad = (n: number) => String(n).padStart(2, "0");
  return [m[1], mi > 0 ? pad(mi) : null, mi > 0 && m[3] ? pad(Number(m[3])) : null]
    .filter(Boolean)
    .join("-");
}

/**
 * The notices in one PubMed summary (an entry of esummary's `result`). The notice's date is not
 * in the retracted article's summary; the "Retraction in" entry names its citation
 * ("Lancet. 2010 Feb 6;375(9713):445"), whose date is read from it.
 */
export function pubmedNotices(summary: unknown): FoundNotice[] {
  if (!isObject(summary)) return [];
  const found: FoundNotice[] = [];
  const refs = Array.isArray(summary.references) ? summary.references : [];
  for (const r of refs) {
    if (!isObject(r)) continue;
    const kind = PUBMED_REFERENCE_KINDS[(str(r.reftype) ?? "").toLowerCase()];
    if (!kind) continue;
    const source = str(r.refsource) ?? "";
    found.push({
      kind,
      origin: "pubmed",
      noticeDoi: null,
      noticePmid: r.pmid === undefined || r.pmid === null ? null : String(r.pmid),
      noticeDate: pubmedDate(source.replace(/^[^.]*\.\s*/, "")),
      label: str(r.reftype) ?? REFERENCE_FLAG_LABELS[kind],
    });
  }
  const types = Array.isArray(summary.pubtype) ? summary.pubtype.map((t) => String(t)) : [];
  if (types.includes("Retracted Publication") && !found.some((f) => f.kind === "retracted")) {
    found.push({
      kind: "retracted",
      origin: "pubmed",
      noticeDoi: null,
      noticePmid: null,
      noticeDate: null,
      label: "Retracted Publication",
    });
  }
  return dedupe(found);
}

/** The summaries of an esummary JSON answer, by PMID (an unknown PMID has an `error` entry). */
export function pubmedSummariesByPmid(body: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const result = isObject(body) && isObject(body.result) ? body.result : null;
  if (!result) return out;
  const uids = Array.isArray(result.uids) ? result.uids.map(String) : [];
  for (const uid of uids) {
    const entry = result[uid];
    if (isObject(entry) && !entry.error) out.set(uid, entry);
  }
  return out;
}

/**
 * One notice per kind and origin (the database keeps one: `reference_notices_key`): the
 * earliest dated one wins, as publishers and Retraction Watch sometimes deposit one twice.
 */
function dedupe(notices: FoundNotice[]): FoundNotice[] {
  const byKey = new Map<string, FoundNotice>();
  for (const n of notices) {
    const key = `${n.kind}|${n.origin}`;
    const known = byKey.get(key);
    if (!known || (n.noticeDate && (!known.noticeDate || n.noticeDate < known.noticeDate))) {
      byKey.set(key, known ? { ...n, noticeDoi: n.noticeDoi ?? known.noticeDoi } : n);
    }
  }
  return [...byKey.values()];
}

const FLAG_VERBS: Record<ReferenceFlag, string> = {
  retracted: "was retracted",
  withdrawn: "was withdrawn",
  expression_of_concern: "received an expression of concern",
  corrected: "was corrected",
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "6 February 2010", "February 2010", "2010" from a notice date. */
export function noticeDateInWords(date: string): string {
  const [y, m, d] = date.split("-");
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  return [d ? String(Number(d)) : null, month ?? null, y].filter(Boolean).join(" ");
}

export interface FlaggedWork {
  number: number;
  doi: string | null;
  pmid: string | null;
}

const workIds = (w: FlaggedWork) =>
  w.doi ? `DOI ${w.doi}` : w.pmid ? `PMID ${w.pmid}` : "no identifier";

/** " on 6 February 2010 (Crossref, Retraction Watch)" for the worst notice of a kind. */
function whenAndWhere(notice: Pick<FoundNotice, "noticeDate" | "origin">): string {
  const on = notice.noticeDate ? ` on ${noticeDateInWords(notice.noticeDate)}` : "";
  return `${on} (${NOTICE_ORIGIN_LABELS[notice.origin]})`;
}

/**
 * The claim's re-check reason: "Cited study R12 (DOI 10.…) was retracted on 6 February 2010
 * (Crossref, Retraction Watch)."
 */
export function recheckReasonFor(work: FlaggedWork, notice: FoundNotice): string {
  return `Cited study R${work.number} (${workIds(work)}) ${FLAG_VERBS[notice.kind]}${whenAndWhere(notice)}.`;
}

/**
 * A publication's "Evidence update" (the date of the update is shown in front of it, from the
 * row): "A study cited for claim 2 (Wakefield AJ et al., 1998; DOI 10.…) was retracted on …".
 */
export function publicationNoticeText(
  work: FlaggedWork & { citation: string },
  claimNumbers: readonly number[],
  notice: FoundNotice,
): string {
  const sorted = [...new Set(claimNumbers)].sort((a, b) => a - b);
  const claims =
    sorted.length === 0
      ? "this fact-check"
      : sorted.length === 1
        ? `claim ${sorted[0]}`
        : `claims ${sorted.slice(0, -1).join(", ")} and ${sorted.at(-1)}`;
  const cited = work.citation ? `${work.citation}; ${workIds(work)}` : workIds(work);
  return `A study cited for ${claims} (${cited}) ${FLAG_VERBS[notice.kind]}${whenAndWhere(notice)}.`;
}

/** The worst notice among some (the one the words above speak of). */
export function worstNotice(notices: readonly FoundNotice[]): FoundNotice | null {
  let worst: FoundNotice | null = null;
  for (const n of notices) {
    if (
      !worst ||
      flagRank(n.kind) < flagRank(worst.kind) ||
      (n.kind === worst.kind &&
        n.noticeDate &&
        (!worst.noticeDate || n.noticeDate < worst.noticeDate))
    )
      worst = n;
  }
  return worst;
}
