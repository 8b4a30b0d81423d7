/**
 * `npm run bench -- watch`: the retraction watch over 10,000 cited references (all with a DOI,
 * every second one with a PMID too; 1% retracted by the world) against the local stand-in for
 * Crossref and E-utilities (tests/helpers/outside/server.ts), in this process, on in-memory
 * PGlite. Prints the requests made per service, the time taken, and the most requests any one
 * second saw against each service's limit (Crossref's public pool 5/s, 10/s with
 * CROSSREF_MAILTO — set BENCH_MAILTO to try it; NCBI 3/s without a key). The stand-in answers at
 * once, so the time is the pacing plus the database writes: what a real run costs at least.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { outsideConfig } from "../lib/services/outside/config";
import { runWatch } from "../lib/services/references/watch";
import { claimQuote, createActor, importArticle } from "../tests/helpers/fixtures";
import { startOutsideServices } from "../tests/helpers/outside/server";

const REFERENCES = 10_000;

/** The most requests that fell within any one second. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function main() {
  const handle = await openDatabase({ engine: "pglite", memory: true });
  await handle.migrate();
  const db = handle.db;
  const editor = await createActor(db, "editor");
  const reviewer = await createActor(db, "reviewer");
  const article = await importArticle(db, editor);
  const claim = await claimQuote(db, reviewer, article.revisionId);
  await db.execute(sql`
    INSERT INTO bib_references (number, doi, pmid, title, authors, year)
    SELECT g, '10.5555/bench.' || g, CASE WHEN g % 2 = 0 THEN (30000000 + g)::text END,
      'Bench study ' || g, 'Author A, Author B', 2000 + g % 25
    FROM generate_series(1, ${REFERENCES}) g`);
  await db.execute(sql`
    INSERT INTO evidence (claim_id, title, doi, pmid, stance, study_design, reference_id, added_by_id)
    SELECT ${claim.id}, r.title, r.doi, r.pmid, 'supports', 'case_series', r.id, ${reviewer.id}
    FROM bib_references r`);

  const outside = await startOutsideServices();
  outside.world.state.retracted = Array.from(
    { length: REFERENCES / 100 },
    (_, i) => `10.5555/bench.${i * 100 + 1}`,
  );
  const mailto = process.env.BENCH_MAILTO ?? "";
  const config = outsideConfig({
    ...process.env,
    ...outside.env,
    CROSSREF_MAILTO: mailto,
    NCBI_API_KEY: "",
  });

  const started = performance.now();
  const summary = await runWatch(db, { actorId: null, config });
  const seconds = (performance.now() - started) / 1000;

  const at = (service: string) =>
    outside.requests.filter((r) => r.service === service).map((r) => r.at);
  const crossref = at("crossref");
  const ncbi = at("eutils");
  const crossrefLimit = mailto ? 10 : 5;
  console.log(
    `references watched:        ${summary.checked} of ${REFERENCES} (${summary.remaining} left)`,
  );
  console.log(
    `newly flagged:             ${summary.flagged} (notices ${summary.notices}, claims re-checked ${summary.rechecked})`,
  );
  console.log(
    `errors:                    ${summary.errors.length === 0 ? "none" : summary.errors.join(" ")}`,
  );
  console.log(`time:                      ${seconds.toFixed(1)} s`);
  console.log(
    `Crossref requests:         ${crossref.length} (${(REFERENCES / crossref.length).toFixed(0)} DOIs each); peak ${peakPerSecond(crossref)}/s, limit ${crossrefLimit}/s (${mailto ? "polite pool" : "public pool"})`,
  );
  console.log(
    `NCBI requests:             ${ncbi.length} (POST esummary); peak ${peakPerSecond(ncbi)}/s, limit 3/s (no API key)`,
  );
  const ok = peakPerSecond(crossref) <= crossrefLimit && peakPerSecond(ncbi) <= 3;
  console.log(`within every limit:        ${ok ? "yes" : "NO"}`);
  await outside.close();
  await handle.close();
  if (!ok) process.exitCode = 1;
}

await main();
