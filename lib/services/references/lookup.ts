/**
 * Look-up by DOI, PMID or PMCID (docs/evidence.md, "Look-up"): what a reviewer pasted becomes a
 * work's metadata, for the evidence form to fill in.
 *
 * 1. The workspace reference list first: when it already holds the work, its entry (the desk's
 *    corrected metadata) is the answer, with its id, and nothing is asked outside.
 * 2. A PMCID is turned into a PMID (and DOI) by the NCBI ID converter.
 * 3. A PMID is read from PubMed (abstract, publication types → a suggested design).
 * 4. A DOI is read from Crossref; the ID converter is then asked for its PMID, and PubMed for that
 *    record's publication types, best-effort: when either fails the Crossref answer still stands.
 *
 * Every outside answer is cached (lookup-sources.ts); a repeated look-up makes no request. It is a
 * read: the cache is not user data, so no audit event is written.
 */
import "server-only";
import type { Db } from "@/db/client";
import { readCachedAnswers } from "@/db/queries/lookup-cache";
import { findReferenceByIdentifiers } from "@/db/queries/reference-match";
import type { BibReference } from "@/db/schema";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { suggestDesign } from "@/lib/core/references/design";
import type { ReferenceMetadata } from "@/lib/core/references/metadata";
import {
  describeIdentifier,
  type Identifier,
  parseIdentifier,
} from "@/lib/core/validation/identifier";
import { OutsideError, type OutsideErrorKind } from "@/lib/services/outside/http";
import {
  cacheKey,
  convertIds,
  crossrefWork,
  pubmedRecord,
  type SourceOptions,
} from "./lookup-sources";

export interface LookupResult {
  metadata: ReferenceMetadata;
  /** The workspace reference that already holds this work, when there is one. */
  referenceId?: string;
  /** True when no outside request was made (the reference list or the cache answered). */
  cached: boolean;
}

export type LookupFailureKind = "invalid" | "not_found" | Exclude<OutsideErrorKind, "not_found">;

/** Why a look-up found nothing, in words; `status` is the HTTP status the route answers with. */
export class LookupFailure extends Error {
  constructor(
    readonly kind: LookupFailureKind,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "LookupFailure";
  }
}

const MANUAL = "You can still type the details in by hand.";

const STATUS_BY_KIND: Record<Exclude<OutsideErrorKind, "not_found">, number> = {
  off: 503,
  timeout: 504,
  unreachable: 502,
  rate_limited: 503,
  failed: 502,
};

function fromOutside(error: unknown): never {
  if (error instanceof OutsideError) {
    if (error.kind === "not_found") throw new LookupFailure("not_found", error.message, 404);
    throw new LookupFailure(error.kind, `${error.message} ${MANUAL}`, STATUS_BY_KIND[error.kind]);
  }
  throw error;
}

/** A reference row as metadata: the list's entry is the desk's truth. */
export function referenceToMetadata(row: BibReference): ReferenceMetadata {
  return {
    doi: row.doi,
    pmid: row.pmid,
    pmcid: row.pmcid,
    title: row.title,
    authors: row.authors,
    journal: row.journal,
    year: row.year,
    volume: row.volume,
    issue: row.issue,
    pages: row.pages,
    url: row.url,
    publicationTypes: row.publicationTypes,
    abstract: row.abstract,
    source: row.source,
    suggestedDesign: suggestDesign(row.publicationTypes)?.design ?? null,
  };
}

/** Crossref's metadata, with PubMed's identifiers, publication types and (when missing) abstract. */
function withPubmed(
  crossref: ReferenceMetadata,
  pubmed: ReferenceMetadata | null,
): ReferenceMetadata {
  if (!pubmed) return crossref;
  return {
    ...crossref,
    pmid: pubmed.pmid,
    pmcid: crossref.pmcid ?? pubmed.pmcid,
    publicationTypes: pubmed.publicationTypes,
    abstract: crossref.abstract || pubmed.abstract,
    suggestedDesign: pubmed.suggestedDesign,
  };
}

const notFound = (id: Identifier, where: string) =>
  new LookupFailure(
    "not_found",
    id.kind === "doi"
      ? `No work with DOI ${id.value} is registered at Crossref. Check the DOI, or type the details in by hand.`
      : `${where} has no record with ${describeIdentifier(id)}. Check it, or type the details in by hand.`,
    404,
  );

/** Looks up what a reviewer pasted; throws `LookupFailure` with a message in words. */
export async function lookupReference(
  db: Db,
  actor: Actor | null,
  pasted: string,
  options: SourceOptions = {},
): Promise<LookupResult> {
  // Reviewers and above: those who add evidence (a viewer has nothing to fill in).
  authorize(actor, "reference:write");
  const parsed = parseIdentifier(pasted);
  if (!parsed.ok) throw new LookupFailure("invalid", parsed.message, 400);
  const id = parsed.identifier;

  const [known, prefetched] = await Promise.all([
    findReferenceByIdentifiers(db, { [id.kind]: id.value }),
    // The keys this identifier's first steps read, in one query (a repeat look-up is two queries).
    readCachedAnswers(db, [
      id.kind === "doi"
        ? cacheKey.crossref(id.value)
        : id.kind === "pmid"
          ? cacheKey.pubmed(id.value)
          : cacheKey.idconv(id.value),
      ...(id.kind === "doi" ? [cacheKey.idconv(id.value)] : []),
    ]),
  ]);
  if (known) return { metadata: referenceToMetadata(known), referenceId: known.id, cached: true };
  const opts = { ...options, prefetched };

  try {
    if (id.kind === "pmid") return await byPmid(db, id, opts);
    if (id.kind === "doi") return await byDoi(db, id, opts);
    const ids = await convertIds(db, id.value, opts);
    if (!ids.value || (!ids.value.pmid && !ids.value.doi)) {
      throw new LookupFailure(
        "not_found",
        `PubMed Central has no article ${id.value}. Check the PMCID, or type the details in by hand.`,
        404,
      );
    }
    const next: Identifier = ids.value.pmid
      ? { kind: "pmid", value: ids.value.pmid }
      : { kind: "doi", value: ids.value.doi ?? "" };
    const again = await findReferenceByIdentifiers(db, { [next.kind]: next.value });
    if (again)
      return { metadata: referenceToMetadata(again), referenceId: again.id, cached: ids.cached };
    const result =
      next.kind === "pmid" ? await byPmid(db, next, options) : await byDoi(db, next, options);
    return {
      ...result,
      metadata: { ...result.metadata, pmcid: result.metadata.pmcid ?? id.value },
      cached: result.cached && ids.cached,
    };
  } catch (error) {
    if (error instanceof LookupFailure) throw error;
    return fromOutside(error);
  }
}

async function byPmid(
  db: Db,
  id: Identifier,
  options: Parameters<typeof pubmedRecord>[2],
): Promise<LookupResult> {
  const answer = await pubmedRecord(db, id.value, options);
  if (!answer.value) throw notFound(id, "PubMed");
  return { metadata: answer.value, cached: answer.cached };
}

async function byDoi(
  db: Db,
  id: Identifier,
  options: Parameters<typeof crossrefWork>[2],
): Promise<LookupResult> {
  const answer = await crossrefWork(db, id.value, options);
  if (!answer.value) throw notFound(id, "Crossref");
  let cached = answer.cached;
  let pubmed: ReferenceMetadata | null = null;
  try {
    const ids = await convertIds(db, id.value, options);
    cached &&= ids.cached;
    if (ids.value?.pmid) {
      const record = await pubmedRecord(db, ids.value.pmid, options);
      cached &&= record.cached;
      pubmed = record.value;
    }
  } catch (error) {
    // Best-effort: the design hint is a bonus; the Crossref answer stands without it.
    if (!(error instanceof OutsideError)) throw error;
  }
  return { metadata: withPubmed(answer.value, pubmed), cached };
}

/**
 * The cached metadata for a work, without any HTTP request: PubMed's record when the cache has
 * it (abstract, publication types), else Crossref's, else null. For saving evidence: a new
 * reference gets the abstract and publication types a look-up already read.
 */
export async function cachedMetadata(
  db: Db,
  ids: { doi?: string | null; pmid?: string | null },
): Promise<ReferenceMetadata | null> {
  const doi = ids.doi?.toLowerCase() ?? null;
  const keys = [
    ...(ids.pmid ? [cacheKey.pubmed(ids.pmid)] : []),
    ...(doi ? [cacheKey.crossref(doi), cacheKey.idconv(doi)] : []),
  ];
  const answers = await readCachedAnswers(db, keys);
  const found = (key: string) => {
    const a = answers.get(key);
    return a?.status === 200 ? (a.body as ReferenceMetadata) : null;
  };
  let pmid = ids.pmid ?? null;
  if (!pmid && doi)
    pmid = (answers.get(cacheKey.idconv(doi))?.body as { pmid?: string } | null)?.pmid ?? null;
  let pubmed = ids.pmid ? found(cacheKey.pubmed(ids.pmid)) : null;
  if (!pubmed && pmid && pmid !== ids.pmid) {
    const more = await readCachedAnswers(db, [cacheKey.pubmed(pmid)]);
    const a = more.get(cacheKey.pubmed(pmid));
    pubmed = a?.status === 200 ? (a.body as ReferenceMetadata) : null;
  }
  const crossref = doi ? found(cacheKey.crossref(doi)) : null;
  if (crossref) return withPubmed(crossref, pubmed);
  return pubmed;
}
