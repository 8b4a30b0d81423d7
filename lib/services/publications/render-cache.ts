/**
 * Renders of publications, kept in memory: a publication is immutable, so its page and its
 * downloads are a function of the snapshot and of the few things that can change around it —
 * a newer publication (the "earlier version" banner) and a retraction. Those are in the key,
 * read from one small row per request; the multi-megabyte snapshot is read and rendered once
 * per key and process. Several instances each keep their own: nothing here is state, only a
 * cache of what the database says (DESIGN.md: the app keeps no state of its own in memory).
 *
 * Each render is kept as it is and compressed (brotli and gzip), once per key: compressing per
 * response cost three quarters of the page's throughput (docs/figures.md, "Fast at the limits").
 *
 * Bounded by bytes (CLAIMDESK_RENDER_CACHE_MB, default 64; the three copies count), least
 * recently used out first.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import {
  findPublicationSnapshot,
  findPublicPublicationHead,
  listEvidenceUpdates,
  type PublicPublication,
  type PublicPublicationHead,
} from "@/db/queries/publications";
import { compressBody } from "@/lib/server/compress";
import { publicationNotFound } from "./read";

export interface CachedRender {
  body: Uint8Array<ArrayBuffer>;
  /** `body` compressed, for the codings the public pages negotiate (content-coding.mjs). */
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  /** A strong validator for If-None-Match: the key's hash (of the identity bytes). */
  etag: string;
}

/**
 * `body` in both codings (lib/server/compress.ts). This runs on a reader's first request of
 * each publication version; its time is in docs/figures.md ("Fast at the limits").
 */
async function compressed(
  body: Uint8Array<ArrayBuffer>,
): Promise<Pick<CachedRender, "br" | "gzip">> {
  const [br, gzip] = await Promise.all([compressBody(body, "br"), compressBody(body, "gzip")]);
  return { br, gzip };
}

class ByteLru {
  private readonly entries = new Map<string, CachedRender>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedRender | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedRender): void {
    const size = (e: CachedRender) => e.body.byteLength + e.br.byteLength + e.gzip.byteLength;
    const old = this.entries.get(key);
    if (old) this.bytes -= size(old);
    this.entries.delete(key);
    if (size(entry) > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += size(entry);
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= size(e);
    }
  }
}

/**
 * How long a looked-up publication head (which publication a URL means, and the latest one's
 * number and retraction) is reused: one second. The pages already tell shared caches they may
 * keep them a minute; this spares the database one query per request under load (a fifth of
 * the page's cost on PGlite, bench/public-page.mjs). Publishing and retracting forget them at
 * once in their own process; other instances follow within the second.
 */
const HEAD_TTL_MS = 1_000;

interface Caches {
  renders: ByteLru;
  heads: Map<string, { head: PublicPublicationHead; until: number }>;
  /** Renders in flight, so that a burst of requests for a new key renders it once. */
  pending: Map<string, Promise<CachedRender>>;
}

const KEY = Symbol.for("claimdesk.publication-render-cache");
/** One cache per process, whichever of Next's server chunks asks (see db/instance.ts). */
function caches(): Caches {
  const holder = globalThis as { [KEY]?: Caches };
  holder[KEY] ??= {
    renders: new ByteLru(
      Math.max(1, Number(process.env.CLAIMDESK_RENDER_CACHE_MB) || 64) * 1024 * 1024,
    ),
    heads: new Map(),
    pending: new Map(),
  };
  return holder[KEY];
}
const cache = () => caches().renders;

/** Called by publishing and retracting: this process's next request reads the heads again. */
export function forgetPublicationHeads(): void {
  caches().heads.clear();
}

async function publicationHead(db: Db, slug: string, number: number | null) {
  const { heads } = caches();
  const key = `${slug}|${number ?? "latest"}`;
  const now = Date.now();
  const known = heads.get(key);
  if (known && known.until > now) return known.head;
  const head = await findPublicPublicationHead(db, slug, number);
  // Only publications that exist: a page that 404s may be published the next moment.
  if (head) {
    if (heads.size >= 10_000) heads.clear();
    heads.set(key, { head, until: now + HEAD_TTL_MS });
  }
  return head;
}

/**
 * The publication of `slug` (number, or the latest) rendered by `render` as `variant` (say
 * "page:latest" or "export:docx:version"), from the cache when the key is there.
 * Throws not_found when there is no such publication.
 */
export async function cachedPublicationRender(
  db: Db,
  slug: string,
  number: number | null,
  variant: string,
  render: (publication: PublicPublication) => Promise<Uint8Array<ArrayBuffer>>,
): Promise<{ head: PublicPublicationHead; render: CachedRender }> {
  const head = await publicationHead(db, slug, number);
  if (!head) throw publicationNotFound(number);
  const key = [
    head.id,
    head.latest.number,
    head.latest.retractedAt?.toISOString() ?? "-",
    head.evidenceUpdateCount,
    variant,
  ].join("|");
  const hit = cache().get(key);
  if (hit) return { head, render: hit };

  const { pending } = caches();
  let job = pending.get(key);
  if (!job) {
    job = (async () => {
      const snapshot = await findPublicationSnapshot(db, head.id);
      if (!snapshot) throw publicationNotFound(number);
      const { id: _id, evidenceUpdateCount, ...rest } = head;
      const evidenceUpdates = evidenceUpdateCount > 0 ? await listEvidenceUpdates(db, head.id) : [];
      const body = await render({ ...rest, snapshot, evidenceUpdates });
      const entry: CachedRender = {
        body,
        ...(await compressed(body)),
        etag: `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`,
      };
      cache().set(key, entry);
      return entry;
    })().finally(() => pending.delete(key));
    pending.set(key, job);
  }
  return { head, render: await job };
}
