/**
 * The three sources of the look-up, each behind the cache: Crossref for a DOI, PubMed (E-utilities
 * efetch) for a PMID, the NCBI ID converter between PMCID, PMID and DOI. Every call goes through
 * lib/services/outside/http.ts (time-out, retries with backoff, the per-service rate limit).
 *
 * An answer is cached whether it found a work (30 days: metadata of a published work rarely
 * changes, and the watch re-reads what matters) or not (1 day: a DOI registered this morning
 * should not stay "unknown" for a month). Failures (time-outs, 5xx) are not cached.
 */
import "server-only";
import type { Db } from "@/db/client";
import { type CachedAnswer, readCachedAnswers, writeCachedAnswer } from "@/db/queries/lookup-cache";
import type { ReferenceMetadata } from "@/lib/core/references/metadata";
import { crossrefToMetadata, pubmedXmlToMetadata } from "@/lib/core/references/normalise";
import { type OutsideConfig, outsideConfig } from "@/lib/services/outside/config";
import { OutsideError, outsideJson, outsideRequest } from "@/lib/services/outside/http";

const DAY_MS = 24 * 60 * 60 * 1000;
export const FOUND_TTL_MS = 30 * DAY_MS;
export const NOT_FOUND_TTL_MS = DAY_MS;

export const cacheKey = {
  crossref: (doi: string) => `crossref:${doi.toLowerCase()}`,
  pubmed: (pmid: string) => `pubmed:${pmid}`,
  idconv: (id: string) => `idconv:${id.toLowerCase()}`,
};

export interface SourceOptions {
  config?: OutsideConfig;
  /** Counts HTTP requests (tests, benches). */
  onRequest?: () => void;
}

/** What the ID converter says an article's other identifiers are (only articles in PMC). */
export interface ConvertedIds {
  pmid: string | null;
  pmcid: string | null;
  doi: string | null;
}

/** A source's answer: the work (or IDs), or null for "no such"; `cached`: no request was made. */
export interface SourceAnswer<T> {
  value: T | null;
  cached: boolean;
}

async function throughCache<T>(
  db: Db,
  key: string,
  prefetched: Map<string, CachedAnswer> | undefined,
  fetchIt: () => Promise<T | null>,
): Promise<SourceAnswer<T>> {
  // The caller read some keys already (one query for the look-up's first steps); a key it did not
  // read is read here.
  const hit = prefetched?.has(key)
    ? prefetched.get(key)
    : (await readCachedAnswers(db, [key])).get(key);
  if (hit) return { value: hit.status === 200 ? (hit.body as T) : null, cached: true };
  const value = await fetchIt();
  const now = Date.now();
  await writeCachedAnswer(
    db,
    key,
    value === null ? { status: 404, body: null } : { status: 200, body: value },
    new Date(now + (value === null ? NOT_FOUND_TTL_MS : FOUND_TTL_MS)),
  );
  return { value, cached: false };
}

/** A DOI's path under /works/: each part encoded, the slashes kept (Crossref reads both). */
const doiPath = (doi: string) => doi.split("/").map(encodeURIComponent).join("/");

/** NCBI asks every caller to name itself (tool, email) and counts a key's requests (api_key). */
function ncbiParams(config: OutsideConfig): URLSearchParams {
  const params = new URLSearchParams({ tool: config.ncbi.tool });
  if (config.crossref.mailto) params.set("email", config.crossref.mailto);
  if (config.ncbi.apiKey) params.set("api_key", config.ncbi.apiKey);
  return params;
}

export function crossrefWork(
  db: Db,
  doi: string,
  options: SourceOptions & { prefetched?: Map<string, CachedAnswer> } = {},
): Promise<SourceAnswer<ReferenceMetadata>> {
  return throughCache(db, cacheKey.crossref(doi), options.prefetched, async () => {
    const config = options.config ?? outsideConfig();
    const mailto = config.crossref.mailto
      ? `?mailto=${encodeURIComponent(config.crossref.mailto)}`
      : "";
    const res = await outsideJson<{ message?: unknown }>({
      service: "crossref",
      url: `${config.crossref.baseUrl}/works/${doiPath(doi)}${mailto}`,
      acceptStatuses: [404],
      config,
      onRequest: options.onRequest,
    });
    if (res.status === 404) return null;
    const metadata = crossrefToMetadata(res.body?.message);
    if (!metadata) {
      throw new OutsideError("crossref", "failed", "Crossref sent an answer without a work in it.");
    }
    return metadata;
  });
}

export function pubmedRecord(
  db: Db,
  pmid: string,
  options: SourceOptions & { prefetched?: Map<string, CachedAnswer> } = {},
): Promise<SourceAnswer<ReferenceMetadata>> {
  return throughCache(db, cacheKey.pubmed(pmid), options.prefetched, async () => {
    const config = options.config ?? outsideConfig();
    const params = ncbiParams(config);
    params.set("db", "pubmed");
    params.set("id", pmid);
    params.set("retmode", "xml");
    const res = await outsideRequest({
      service: "ncbi",
      url: `${config.ncbi.eutilsBaseUrl}/efetch.fcgi?${params}`,
      accept: "text/xml",
      acceptStatuses: [404],
      config,
      onRequest: options.onRequest,
    });
    if (res.status === 404) return null;
    try {
      return pubmedXmlToMetadata(res.text);
    } catch {
      throw new OutsideError("ncbi", "failed", "PubMed sent an answer that is not readable XML.");
    }
  });
}

interface IdconvRecord {
  pmid?: string | number;
  pmcid?: string;
  doi?: string;
  status?: string;
}

export function convertIds(
  db: Db,
  id: string,
  options: SourceOptions & { prefetched?: Map<string, CachedAnswer> } = {},
): Promise<SourceAnswer<ConvertedIds>> {
  return throughCache(db, cacheKey.idconv(id), options.prefetched, async () => {
    const config = options.config ?? outsideConfig();
    const params = ncbiParams(config);
    params.set("ids", id);
    params.set("format", "json");
    params.set("versions", "no");
    const res = await outsideJson<{ records?: IdconvRecord[] }>({
      service: "ncbi",
      url: `${config.ncbi.idconvBaseUrl}/?${params}`,
      acceptStatuses: [404],
      config,
      onRequest: options.onRequest,
    });
    const record = res.body?.records?.[0];
    if (res.status === 404 || !record || record.status === "error") return null;
    const pmid = record.pmid === undefined ? null : String(record.pmid);
    return {
      pmid: pmid && /^\d+$/.test(pmid) ? pmid : null,
      pmcid: record.pmcid ?? null,
      doi: record.doi ? record.doi.toLowerCase() : null,
    };
  });
}
