/**
 * `npm run bench -- dashboard`: the dashboard's queries (`loadDashboard`, docs/architecture.md
 * "Dashboard") over 100,000 claims on 1,000 articles with ~190,000 audit events (each claim's
 * creation, a verdict for most, a changed verdict for some, assignments), made with
 * generate_series, on in-memory PGlite, and on PostgreSQL in a temporary database when
 * TEST_DATABASE_URL names a server (created and dropped here). Prints the p50 and worst of the
 * whole dashboard unfiltered, under a 90-day range and under a tag, and the plan of the time-to-
 * verdict query. Figures only; nothing is asserted.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { type DbHandle, openDatabase } from "../db/client";
import { type DashboardFilter, verdictTimesByWeek } from "../db/queries/dashboard";
import { rawRows } from "../db/queries/raw-rows";
import { insertUser } from "../db/queries/users";
import type { Actor } from "../lib/core/auth/permissions";
import type { DashboardQuery } from "../lib/core/validation/dashboard";
import { dashboardFilter, loadDashboard } from "../lib/services/dashboard/read";

const ARTICLES = 1_000;
const CLAIMS_PER_ARTICLE = 100;
const REVIEWERS = 20;
const TAGS = 5;
const RUNS = 5;
/** The data spans the 52 weeks before this day. */
const END = new Date("2026-12-01T00:00:00Z");

async function seed(handle: DbHandle): Promise<{ actor: Actor; tagId: string }> {
  const { db } = handle;
  const user = await insertUser(db, {
    email: `bench-${Date.now()}@example.com`,
    name: "Bench",
    passwordHash: "x",
    role: "editor",
  });
  await db.execute(sql`
    INSERT INTO users (email, name, password_hash, role)
    SELECT 'reviewer' || g || '@bench.example', 'Reviewer ' || g, 'x', 'reviewer'
    FROM generate_series(1, ${REVIEWERS}) g`);
  // Bulk rows skip the search lexicon's per-row trigger (as bench/search.ts does).
  await db.execute(sql`ALTER TABLE articles DISABLE TRIGGER articles_search_words`);
  await db.execute(sql`ALTER TABLE revisions DISABLE TRIGGER revisions_search_words`);
  await db.execute(sql`ALTER TABLE claims DISABLE TRIGGER claims_search_words`);
  const states = sql.raw(
    "(ARRAY['draft','in_review','changes_requested','approved','published','retracted']::article_state[])",
  );
  await db.execute(sql`
    INSERT INTO articles (id, slug, title, state, created_by_id, created_at, next_review_due)
    SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'article-' || g,
      'Article ' || g, ${states}[1 + g % 6], ${user.id},
      ${END.toISOString()}::timestamptz - make_interval(days => 365 - (g * 365 / ${ARTICLES})),
      CASE WHEN g % 10 = 0 THEN DATE '2026-06-01' ELSE NULL END
    FROM generate_series(1, ${ARTICLES}) g`);
  await db.execute(sql`
    INSERT INTO revisions (article_id, number, doc, plain_text, author_id)
    SELECT a.id, 1, '{"type":"doc","content":[]}'::jsonb, 'Text.', ${user.id} FROM articles a`);
  await db.execute(sql`
    UPDATE articles a SET current_revision_id = r.id FROM revisions r WHERE r.article_id = a.id`);
  // Claims: created within a day of their article and spread over the year; ~55% resolved
  // (with a verdict), 15% in progress, 20% unstarted, 10% not check-worthy; 1% deleted.
  const verdicts = sql.raw(
    "(ARRAY['accurate','mostly_accurate','misleading','unsupported','inaccurate']::verdict[])",
  );
  await db.execute(sql`
    INSERT INTO claims (article_id, number, created_in_revision_id, created_by_id, status, verdict,
      assignee_id, created_at, deleted_at)
    SELECT a.id, k, a.current_revision_id, ${user.id}, s.status::claim_status,
      CASE WHEN s.status = 'resolved' THEN ${verdicts}[1 + (k * 7 + g) % 5] END,
      CASE WHEN (k + g) % 8 = 0 THEN NULL ELSE
        (SELECT id FROM users WHERE email = 'reviewer' || (1 + (k * 3 + g) % ${REVIEWERS}) || '@bench.example') END,
      a.created_at + make_interval(mins => (k * 37 + g * 11) % 1440),
      CASE WHEN (k * 13 + g) % 100 = 0 THEN a.created_at + interval '2 days' END
    FROM articles a,
      LATERAL (SELECT substr(a.slug, 9)::int AS g) n,
      generate_series(1, ${CLAIMS_PER_ARTICLE}) k,
      LATERAL (SELECT CASE WHEN (k + g) % 20 < 11 THEN 'resolved' WHEN (k + g) % 20 < 14 THEN 'in_review'
        WHEN (k + g) % 20 < 18 THEN 'open' ELSE 'dismissed' END AS status) s`);
  await db.execute(sql`ALTER TABLE articles ENABLE TRIGGER articles_search_words`);
  await db.execute(sql`ALTER TABLE revisions ENABLE TRIGGER revisions_search_words`);
  await db.execute(sql`ALTER TABLE claims ENABLE TRIGGER claims_search_words`);
  // Their audit events: the creation, an assignment, the verdict after 1 hour to ~30 days (a
  // skewed spread), and for one resolved claim in five an earlier verdict that was changed.
  await db.execute(sql`
    INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, article_id, before, after)
    SELECT c.created_at, ${user.id}, 'claim.create', 'claim', c.id::text, c.article_id, NULL,
      jsonb_build_object('number', c.number, 'exact', 'x', 'start', 0, 'end', 1, 'revision', 1)
    FROM claims c`);
  await db.execute(sql`
    INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, article_id, before, after)
    SELECT c.created_at + interval '5 minutes', ${user.id}, 'claim.assign', 'claim', c.id::text,
      c.article_id, '{"assigneeId":null,"assigneeName":null}'::jsonb,
      jsonb_build_object('assigneeId', c.assignee_id, 'assigneeName', 'Reviewer')
    FROM claims c WHERE c.assignee_id IS NOT NULL`);
  await db.execute(sql`
    INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, article_id, before, after)
    SELECT c.created_at + make_interval(secs => 3600 + power((c.number * 7919 % 1000) / 1000.0, 3) * 30 * 86400),
      ${user.id}, 'claim.update', 'claim', c.id::text, c.article_id,
      '{"status":"open","verdict":null}'::jsonb,
      jsonb_build_object('status', 'resolved', 'verdict', c.verdict)
    FROM claims c WHERE c.verdict IS NOT NULL`);
  await db.execute(sql`
    INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, article_id, before, after)
    SELECT c.created_at + interval '40 days', ${user.id}, 'claim.update', 'claim', c.id::text,
      c.article_id, jsonb_build_object('verdict', c.verdict), '{"verdict":"misleading"}'::jsonb
    FROM claims c WHERE c.verdict IS NOT NULL AND c.number % 5 = 0`);
  await db.execute(sql`
    INSERT INTO tags (name, created_by_id) SELECT 'tag ' || g, ${user.id} FROM generate_series(1, ${TAGS}) g`);
  const [tag] = await rawRows<{ id: string }>(db, sql`SELECT id FROM tags WHERE name = 'tag 1'`);
  if (!tag) throw new Error("no tag");
  await db.execute(sql`
    INSERT INTO article_tags (article_id, tag_id)
    SELECT a.id, ${tag.id}::uuid FROM articles a WHERE substr(a.slug, 9)::int % 5 = 0`);
  await db.execute(sql`
    INSERT INTO claim_tags (claim_id, tag_id)
    SELECT c.id, ${tag.id}::uuid FROM claims c WHERE c.number % 10 = 3`);
  for (const table of [
    "users",
    "articles",
    "claims",
    "audit_events",
    "article_tags",
    "claim_tags",
  ]) {
    await db.execute(sql.raw(`ANALYZE ${table}`));
  }
  return {
    actor: { id: user.id, email: user.email, name: user.name, role: "editor" },
    tagId: tag.id,
  };
}

async function time(label: string, work: () => Promise<unknown>): Promise<void> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label}: p50 ${(times[Math.floor(RUNS / 2)] ?? 0).toFixed(0)} ms, worst ${(times.at(-1) ?? 0).toFixed(0)} ms (${RUNS} runs)`,
  );
}

/** The plan's top lines and its total time, for the slowest query (time to first verdict). */
async function explainTime(handle: DbHandle, f: DashboardFilter): Promise<void> {
  // The query as the app sends it, captured from drizzle: its SQL text with the values inlined.
  let captured = "";
  const spy = {
    execute: async (q: unknown) => {
      const query = new PgDialect().sqlToQuery(q as SQL);
      const params = query.params;
      captured = query.sql.replace(/\$(\d+)/g, (_, n) => {
        const v = params[Number(n) - 1];
        return v === null ? "NULL" : `'${String(v).replace(/'/g, "''")}'`;
      });
      return { rows: [] };
    },
  } as unknown as DbHandle["db"];
  await verdictTimesByWeek(spy, f);
  const plan = await rawRows<{ "QUERY PLAN": string }>(
    handle.db,
    sql.raw(`EXPLAIN (ANALYZE, BUFFERS OFF) ${captured}`),
  );
  const lines = plan.map((r) => r["QUERY PLAN"]);
  const scans = lines.filter((l) => /Scan|Join|Aggregate/.test(l)).map((l) => l.trim());
  console.log(`    plan: ${scans.slice(0, 6).join(" | ")}`);
  console.log(`    ${lines.find((l) => l.startsWith("Execution Time")) ?? ""}`);
}

async function run(label: string, handle: DbHandle): Promise<void> {
  const t0 = performance.now();
  const { actor, tagId } = await seed(handle);
  const [counts] = await rawRows<{ claims: number; events: number }>(
    handle.db,
    sql`SELECT (SELECT count(*)::int FROM claims) AS claims, (SELECT count(*)::int FROM audit_events) AS events`,
  );
  console.log(
    `${label}: ${counts?.claims.toLocaleString("en")} claims, ${counts?.events.toLocaleString("en")} audit events seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const queries: [string, DashboardQuery][] = [
    ["whole dashboard, no filter", {}],
    ["whole dashboard, last 90 days", { from: "2026-09-02", to: "2026-11-30" }],
    ["whole dashboard, one tag", { tag: tagId }],
  ];
  for (const [name, query] of queries) {
    await time(name, () => loadDashboard(handle.db, actor, query));
  }
  console.log("  time to first verdict alone, no filter:");
  await explainTime(handle, dashboardFilter({}));
  console.log("  time to first verdict alone, last 90 days:");
  await explainTime(handle, dashboardFilter({ from: "2026-09-02", to: "2026-11-30" }));
  // What the partial index (audit_events_claim_verdict_idx, migration 0013) is worth.
  await handle.db.execute(sql`DROP INDEX audit_events_claim_verdict_idx`);
  console.log("  without audit_events_claim_verdict_idx:");
  await time("whole dashboard, no filter", () => loadDashboard(handle.db, actor, {}));
  await explainTime(handle, dashboardFilter({}));
}

// BENCH_SKIP_PGLITE=1: PostgreSQL only (the PGlite seeding alone takes over a minute).
if (!process.env.BENCH_SKIP_PGLITE) {
  const pglite = await openDatabase({ engine: "pglite", memory: true });
  await pglite.migrate();
  await run("PGlite (in memory)", pglite);
  await pglite.close();
}

const server = process.env.TEST_DATABASE_URL;
if (server) {
  const name = `cdbench_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(server);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ engine: "postgres", url: url.toString() });
    await handle.migrate();
    await run("PostgreSQL", handle);
    await handle.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log(
    "PostgreSQL: skipped (set TEST_DATABASE_URL to a server where it may create a database)",
  );
}
