/**
 * `npm run bench -- lookup-cache`: look-up by DOI, PMID and PMCID when the cache answers
 * (docs/evidence.md, "Look-up"), on in-memory PGlite and, with `BENCH_DATABASE_URL` (a scratch
 * database: it is emptied first), on PostgreSQL. The cache holds 20,000 other answers and the
 * reference list 2,000 works, so the look-ups read indexes, not a near-empty table. Each kind is
 * first looked up once through the local stand-in for Crossref and NCBI (recorded answers), then
 * 300 times from the cache. Prints p50/p95 per kind and the HTTP requests the hits made (0).
 * Target: p95 < 50 ms.
 */
import { performance } from "node:perf_hooks";
import type { DbHandle } from "../db/client";
import { insertUser } from "../db/queries/users";
import { bibReferences, lookupCache } from "../db/schema";
import type { Actor } from "../lib/core/auth/permissions";
import { outsideConfig } from "../lib/services/outside/config";
import { lookupReference } from "../lib/services/references/lookup";
import { startOutsideServices } from "../tests/helpers/outside/server";
import { onEachEngine } from "./_engines";

const OTHER_ANSWERS = 20_000;
const REFERENCES = 2_000;
const HITS = 300;
const KINDS: [string, string][] = [
  ["DOI (Crossref + ID converter)", "https://doi.org/10.1136/jclinpath-2020-206745"],
  ["PMID (PubMed)", "PMID: 23878845"],
  ["PMCID (ID converter + PubMed)", "PMC3261988"],
];

async function seed(handle: DbHandle): Promise<Actor> {
  const user = await insertUser(handle.db, {
    email: "bench.reviewer@example.com",
    name: "Bench Reviewer",
    passwordHash: "x",
    role: "reviewer",
  });
  const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  for (let i = 0; i < OTHER_ANSWERS; i += 1000) {
    await handle.db.insert(lookupCache).values(
      Array.from({ length: 1000 }, (_, j) => ({
        key: `crossref:10.5555/bench.${i + j}`,
        status: 200,
        body: { title: `Made-up work ${i + j}`, abstract: "x".repeat(800) },
        expiresAt: expires,
      })),
    );
  }
  for (let i = 0; i < REFERENCES; i += 1000) {
    await handle.db.insert(bibReferences).values(
      Array.from({ length: 1000 }, (_, j) => ({
        number: i + j + 1,
        doi: `10.5555/listed.${i + j}`,
        pmid: String(30_000_000 + i + j),
        title: `Listed work ${i + j}`,
      })),
    );
  }
  return { id: user.id, email: user.email, name: user.name, role: "reviewer" };
}

async function run(label: string, handle: DbHandle, outsideEnv: Record<string, string>) {
  const actor = await seed(handle);
  const config = outsideConfig({ ...process.env, ...outsideEnv });
  let requests = 0;
  const options = { config, onRequest: () => requests++ };
  console.log(`${label}:`);
  for (const [kind, pasted] of KINDS) {
    await lookupReference(handle.db, actor, pasted, options);
    const before = requests;
    const times: number[] = [];
    for (let i = 0; i < HITS; i++) {
      const start = performance.now();
      const result = await lookupReference(handle.db, actor, pasted, options);
      times.push(performance.now() - start);
      if (!result.cached)
        throw new Error(`${kind}: a repeat look-up was not answered from the cache`);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    console.log(
      `  ${kind}: cache hit p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms over ${HITS} look-ups (target p95 < 50 ms); HTTP requests during the hits: ${requests - before}`,
    );
  }
  // A work already in the reference list: answered from it, no cache or HTTP involved.
  const times: number[] = [];
  for (let i = 0; i < HITS; i++) {
    const start = performance.now();
    await lookupReference(handle.db, actor, `10.5555/listed.${i}`, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  in the reference list: p50 ${times[Math.floor(HITS / 2)]?.toFixed(1)} ms, p95 ${times[Math.floor(HITS * 0.95)]?.toFixed(1)} ms`,
  );
}

const outside = await startOutsideServices();
try {
  await onEachEngine((label, handle) => run(label, handle, outside.env));
} finally {
  await outside.close();
}
