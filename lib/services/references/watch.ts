/**
 * The retraction and correction watch (docs/evidence.md, "Retraction watch"): every reference
 * with a DOI or PMID that evidence cites is checked, oldest check first, against Crossref's
 * update notices (Retraction Watch's data included) and PubMed's publication types, in batches
 * within the services' limits (lib/services/outside/http.ts paces and retries every request):
 * Crossref `/works?filter=doi:A,doi:B,…` with up to CROSSREF_BATCH DOIs a request, E-utilities
 * `esummary` by POST with up to PUBMED_BATCH PMIDs.
 *
 * Each batch's result is written in one transaction (a savepoint when the caller passes a
 * transaction): new notices, the reference's flag (the worst notice), `watched_at`; and, when a
 * reference is newly retracted, withdrawn or under an expression of concern, the claims citing
 * it in their article's current revision (published or not) go back to re-check with the
 * reason, and each publication citing it gains a dated evidence update — the publication's
 * snapshot is never touched. A failed request
 * leaves its references as they were but for `watch_error`, for the next run. Running twice
 * adds nothing twice: notices and publication notices are unique, and only a flag that got
 * worse propagates.
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { setClaimRecheck } from "@/db/queries/library-entries";
import {
  countReferencesToWatch,
  insertPublicationNotice,
  insertReferenceNotices,
  listNoticeKinds,
  listPublicationsCiting,
  listReferencesToWatch,
  lockClaimsCiting,
  lockWatchReference,
  markReferencesWatchError,
  markReferencesWatchedClean,
  markReferenceWatched,
  type WatchReference,
} from "@/db/queries/reference-watch";
import type { WatchRunSummary } from "@/lib/core/audit/events";
import {
  crossrefNotices,
  crossrefWorksByDoi,
  type FoundNotice,
  flagNeedsRecheck,
  publicationNoticeText,
  pubmedNotices,
  pubmedSummariesByPmid,
  recheckReasonFor,
  worstFlag,
  worstNotice,
} from "@/lib/core/references/notices";
import { type OutsideConfig, outsideConfig } from "@/lib/services/outside/config";
import { OutsideError, outsideJson } from "@/lib/services/outside/http";

/** DOIs per Crossref request: a filter of 40 DOIs keeps the URL under 2 kB. */
export const CROSSREF_BATCH = 40;
/** PMIDs per esummary request (NCBI asks for POST above 200). */
export const PUBMED_BATCH = 200;

export interface WatchOptions {
  /** Who ran it: null for the schedule and the CLI, the editor for "Run the watch now". */
  actorId: string | null;
  config?: OutsideConfig;
  /** At most this many references this run (the rest wait for the next). @default all */
  maxReferences?: number;
  /** Stop starting new batches after this moment (a request's bounded time). */
  deadline?: number;
  /** Called between batches (the job renews its lease there). */
  onBatch?(done: number, total: number): Promise<void>;
  now?: () => Date;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const errorWords = (err: unknown) =>
  err instanceof OutsideError ? err.message : err instanceof Error ? err.message : String(err);

type Checked = Map<string, FoundNotice[]>;

/** Asks Crossref about some DOIs; the notices by DOI (a DOI Crossref does not know: none). */
async function checkCrossref(
  dois: readonly string[],
  config: OutsideConfig,
  count: () => void,
): Promise<Checked> {
  const url = new URL(`${config.crossref.baseUrl}/works`);
  url.searchParams.set("filter", dois.map((d) => `doi:${d}`).join(","));
  url.searchParams.set("rows", String(dois.length));
  if (config.crossref.mailto) url.searchParams.set("mailto", config.crossref.mailto);
  const { body } = await outsideJson({
    service: "crossref",
    url: url.toString(),
    config,
    onRequest: count,
  });
  const works = crossrefWorksByDoi(body);
  return new Map(dois.map((d) => [d, crossrefNotices(works.get(d))]));
}

/** Asks PubMed about some PMIDs (one POST); the notices by PMID. */
async function checkPubmed(
  pmids: readonly string[],
  config: OutsideConfig,
  count: () => void,
): Promise<Checked> {
  const form = new URLSearchParams({
    db: "pubmed",
    id: pmids.join(","),
    retmode: "json",
    tool: config.ncbi.tool,
  });
  if (config.crossref.mailto) form.set("email", config.crossref.mailto);
  if (config.ncbi.apiKey) form.set("api_key", config.ncbi.apiKey);
  const { body } = await outsideJson({
    service: "ncbi",
    url: `${config.ncbi.eutilsBaseUrl}/esummary.fcgi`,
    form,
    config,
    onRequest: count,
  });
  if (!body || typeof body !== "object" || !("result" in body)) {
    throw new OutsideError("ncbi", "failed", "NCBI (PubMed) sent a summary without results.");
  }
  const summaries = pubmedSummariesByPmid(body);
  return new Map(pmids.map((p) => [p, pubmedNotices(summaries.get(p))]));
}

/** The citation as a publication notice names it: "Wakefield AJ et al., 1998". */
function shortCitation(ref: WatchReference): string {
  const first = ref.authors.split(/[,;]/)[0]?.trim() ?? "";
  const who = first ? `${first}${ref.authors.includes(",") ? " et al." : ""}` : "";
  return [who, ref.year ? String(ref.year) : ""].filter(Boolean).join(", ");
}

interface Tally {
  flagged: number;
  notices: number;
  rechecked: number;
  publicationNotices: number;
}

/**
 * Writes one reference's result (in the caller's transaction): its new notices, its flag and
 * check time, and when its flag got worse enough, the re-checks and publication notices.
 */
async function recordResult(
  tx: Db,
  ref: WatchReference,
  found: FoundNotice[],
  actorId: string | null,
  now: Date,
  tally: Tally,
): Promise<void> {
  const current = await lockWatchReference(tx, ref.id);
  if (!current) return;
  const added = await insertReferenceNotices(tx, ref.id, found);
  const kinds = await listNoticeKinds(tx, ref.id);
  const flag = worstFlag(kinds);
  const worse = flag !== current.flag && worstFlag([flag, current.flag]) === flag && flag !== null;
  await markReferenceWatched(tx, ref.id, {
    flag,
    flaggedAt: worse ? now : undefined,
    watchedAt: now,
  });
  tally.notices += added.length;
  if (!worse || !flag) return;
  tally.flagged++;
  await insertAuditEvent(tx, {
    actorId,
    action: "reference.flag",
    entityType: "reference",
    entityId: ref.id,
    before: { flag: current.flag },
    after: {
      flag,
      number: ref.number,
      notices: added.map((n) => ({ kind: n.kind, origin: n.origin })),
    },
  });
  if (!flagNeedsRecheck(current.flag, flag)) return;
  // The words speak of the worst notice found (the earliest-dated of that kind).
  const notice = worstNotice(found.filter((n) => n.kind === flag)) ?? {
    kind: flag,
    origin: "crossref" as const,
    noticeDoi: null,
    noticePmid: null,
    noticeDate: null,
    label: "",
  };
  const reason = recheckReasonFor(ref, notice);
  for (const claim of await lockClaimsCiting(tx, ref.id)) {
    const status = claim.status === "open" ? "open" : "in_review";
    await setClaimRecheck(tx, claim.id, { status, recheckReason: reason });
    await insertAuditEvent(tx, {
      actorId,
      action: "claim.reference_recheck",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      before: { status: claim.status, recheckReason: claim.recheckReason },
      after: { status, recheckReason: reason, referenceId: ref.id, referenceNumber: ref.number },
    });
    tally.rechecked++;
  }
  for (const pub of await listPublicationsCiting(tx, ref)) {
    const text = publicationNoticeText(
      { ...ref, citation: shortCitation(ref) },
      pub.claimNumbers,
      notice,
    );
    const id = await insertPublicationNotice(tx, {
      publicationId: pub.id,
      referenceId: ref.id,
      kind: flag,
      text,
    });
    if (!id) continue;
    await insertAuditEvent(tx, {
      actorId,
      action: "publication.evidence_update",
      entityType: "publication",
      entityId: pub.id,
      articleId: pub.articleId,
      after: { referenceId: ref.id, kind: flag, text },
    });
    tally.publicationNotices++;
  }
}

/** One run of the watch; its summary (also stored as the job's last summary). */
export async function runWatch(db: Db, options: WatchOptions): Promise<WatchRunSummary> {
  const config = options.config ?? outsideConfig();
  const now = options.now ?? (() => new Date());
  const requests = { crossref: 0, ncbi: 0 };
  const errors: string[] = [];
  const tally: Tally = { flagged: 0, notices: 0, rechecked: 0, publicationNotices: 0 };
  const total = await countReferencesToWatch(db);
  const refs = await listReferencesToWatch(db, Math.min(options.maxReferences ?? total, total));
  let checked = 0;

  if (!config.enabled) {
    errors.push("Outside services are turned off on this server (CLAIMDESK_OUTSIDE_SERVICES=off).");
    return { checked, ...tally, errors, requests, remaining: total };
  }

  for (const batch of chunks(refs, PUBMED_BATCH)) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    const failed = new Map<string, string>();
    const found = new Map<string, FoundNotice[]>(batch.map((r) => [r.id, []]));
    const byDoi = batch.filter((r) => r.doi);
    const byPmid = batch.filter((r) => r.pmid);
    const asks = [
      ...chunks(byDoi, CROSSREF_BATCH).map((group) => ({
        group,
        ask: () =>
          checkCrossref(
            group.map((r) => r.doi as string),
            config,
            () => requests.crossref++,
          ),
        key: (r: WatchReference) => r.doi as string,
      })),
      ...(byPmid.length > 0
        ? [
            {
              group: byPmid,
              ask: () =>
                checkPubmed(
                  byPmid.map((r) => r.pmid as string),
                  config,
                  () => requests.ncbi++,
                ),
              key: (r: WatchReference) => r.pmid as string,
            },
          ]
        : []),
    ];
    // All at once: each service's limiter paces its own requests.
    await Promise.all(
      asks.map(async ({ group, ask, key }) => {
        try {
          const answers = await ask();
          for (const r of group) found.get(r.id)?.push(...(answers.get(key(r)) ?? []));
        } catch (err) {
          const words = errorWords(err);
          if (!errors.includes(words)) errors.push(words);
          for (const r of group) failed.set(r.id, words);
        }
      }),
    );
    const at = now();
    // One transaction for the batch's result: it is written whole or not at all.
    await db.transaction(async (tx) => {
      await markReferencesWatchError(
        tx,
        [...failed.keys()],
        [...new Set(failed.values())].join(" "),
      );
      const clean: string[] = [];
      for (const ref of batch) {
        if (failed.has(ref.id)) continue;
        checked++;
        const notices = found.get(ref.id) ?? [];
        if (notices.length === 0 && ref.flag === null) clean.push(ref.id);
        else await recordResult(tx, ref, notices, options.actorId, at, tally);
      }
      await markReferencesWatchedClean(tx, clean, at);
    });
    await options.onBatch?.(checked, refs.length);
  }
  return {
    checked,
    ...tally,
    errors,
    requests,
    remaining: Math.max(0, total - checked),
  };
}
