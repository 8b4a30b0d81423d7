/**
 * `npm run bench -- search`: workspace search (`searchWorkspace`, docs/search.md) over 10,000
 * articles (~250 words of text each) with 100,000 claims (quote and rationale), 20,000 evidence
 * items and 20,000 comments, on in-memory PGlite, and on PostgreSQL when `BENCH_DATABASE_URL`
 * names a database it may fill (it is emptied first: use a scratch one). Prints the p50/p95 of a
 * mix of queries (common and rare words, two words, a phrase, misspelt words, a DOI), the
 * lexicon's size, the search indexes' sizes and the stored vectors' (migration 0010). Figures
 * only; nothing is asserted.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { rawRows } from "../db/queries/raw-rows";
import { insertUser } from "../db/queries/users";
import type { Actor } from "../lib/core/auth/permissions";
import { searchWorkspace } from "../lib/services/search/service";
import { onEachEngine } from "./_engines";
import { madeUpNames } from "./_made-up";

const ARTICLES = 10_000;
const CLAIMS_PER_ARTICLE = 10;
const EVIDENCE = 20_000;
const COMMENTS = 20_000;
const RUNS = 3;

// Sentences from parts: a few words in many texts (the verbs, "patients"), most in few (made-up
// drug and condition names), the way a desk's vocabulary spreads.
const SYL = [
  "ka",
  "ro",
  "vi",
  "tel",
  "mon",
  "dra",
  "zin",
  "pol",
  "ex",
  "ur",
  "sa",
  "nek",
  "lo",
  "fi",
];
const madeUp = (n: number, suffix: string) => madeUpNames(SYL, n, suffix);
const SUBJECTS = [
  "Stem cell therapy",
  "Vitamin C",
  "The MMR vaccine",
  "Statins",
  "Green tea",
  "Turmeric",
  "Intermittent fasting",
  "Probiotics",
  "Fluoride",
  "Homeopathy",
  ...madeUp(1_500, "ine"),
];
const PREDICATES = [
  "has no toxicity and rejection reaction in",
  "cures",
  "prevents",
  "reduces the risk of",
  "causes",
  "reverses",
  "protects patients against",
  "has no side effects in",
];
const OBJECTS = [
  "kidney failure",
  "autism",
  "colds",
  "heart disease",
  "dementia",
  "diabetes",
  "arthritis",
  "migraines",
  ...madeUp(1_500, "osis"),
];
const arrayText = (xs: string[]) =>
  `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;
const arr = (xs: string[]) => sql.raw(arrayText(xs));
/** A sentence chosen by the integer expression `n` (SQL). */
const sentence = (n: string) =>
  sql.raw(`(
    (${arrayText(SUBJECTS)})[1 + ((${n})::bigint * 7919) % ${SUBJECTS.length}] || ' ' ||
    (${arrayText(PREDICATES)})[1 + (${n}) % ${PREDICATES.length}] || ' ' ||
    (${arrayText(OBJECTS)})[1 + ((${n})::bigint * 104729) % ${OBJECTS.length}] || '.')`);

const SEARCH_TRIGGERS = [
  ["articles", "articles_search_words"],
  ["revisions", "revisions_search_words"],
  ["claims", "claims_search_words"],
  ["claim_anchors", "claim_anchors_search_words"],
  ["evidence", "evidence_search_words"],
  ["comments", "comments_search_words"],
] as const;

async function seed(handle: DbHandle): Promise<Actor> {
  const { db } = handle;
  const user = await insertUser(db, {
    email: `bench-${Date.now()}@example.com`,
    name: "Bench",
    passwordHash: "x",
    role: "editor",
  });
  // Bulk rows skip the lexicon's per-row triggers; the lexicon is then filled in one statement,
  // as migration 0008 fills it for an existing workspace.
  for (const [table, trigger] of SEARCH_TRIGGERS) {
    await db.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`));
  }
  await db.execute(sql`
    INSERT INTO articles (id, slug, title, created_by_id)
    SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'article-' || g,
      'Does ' || ${sentence("g")}, ${user.id}
    FROM generate_series(1, ${ARTICLES}) g`);
  await db.execute(sql`
    INSERT INTO revisions (article_id, number, doc, plain_text, author_id)
    SELECT a.id, 1, '{"type":"doc","content":[]}'::jsonb,
      (SELECT string_agg(${sentence("s * 31 + g")}, ' ') FROM generate_series(1, 25) s),
      ${user.id}
    FROM articles a, LATERAL (SELECT substr(a.slug, 9)::int AS g) n`);
  await db.execute(sql`
    UPDATE articles a SET current_revision_id = r.id FROM revisions r WHERE r.article_id = a.id`);
  await db.execute(sql`
    INSERT INTO claims (article_id, number, created_in_revision_id, created_by_id, rationale)
    SELECT a.id, k, a.current_revision_id, ${user.id},
      'The cited source ' || (${arr(["does not show", "contradicts", "supports", "overstates"])})[1 + k % 4]
        || ' this; ' || ${sentence("k * 13 + substr(a.slug, 9)::int")}
    FROM articles a, generate_series(1, ${CLAIMS_PER_ARTICLE}) k`);
  await db.execute(sql`
    INSERT INTO claim_anchors (claim_id, revision_id, exact, prefix, suffix, start, "end", state)
    SELECT c.id, c.created_in_revision_id, q.exact, '', '', 0, length(q.exact), 'exact'
    FROM claims c, LATERAL (SELECT ${sentence("c.number * 17 + abs(hashtext(c.id::text)) % 100000")} AS exact) q`);
  await db.execute(sql`
    INSERT INTO evidence (claim_id, title, authors, doi, pmid, stance, study_design, added_by_id)
    SELECT c.id, 'Outcomes of ' || ${sentence("n")}, 'Author ' || n || ' A, Writer B',
      '10.1000/bench.' || n, (10000000 + n)::text, 'contradicts', 'cohort', ${user.id}
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM claims) c WHERE n <= ${EVIDENCE}`);
  await db.execute(sql`
    INSERT INTO comments (claim_id, author_id, body)
    SELECT c.id, ${user.id}, 'Checked the trial: ' || ${sentence("n * 7")}
    FROM (SELECT id, row_number() OVER (ORDER BY id DESC) AS n FROM claims) c WHERE n <= ${COMMENTS}`);
  for (const [table, trigger] of SEARCH_TRIGGERS) {
    await db.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`));
  }
  await db.execute(sql`
    INSERT INTO search_words (word)
    SELECT DISTINCT lexeme FROM (
      SELECT title AS value FROM articles UNION ALL SELECT plain_text FROM revisions
      UNION ALL SELECT exact FROM claim_anchors UNION ALL SELECT rationale FROM claims
      UNION ALL SELECT title || ' ' || authors FROM evidence UNION ALL SELECT body FROM comments
    ) AS texts, unnest(to_tsvector('simple', claimdesk_search_text(left(value, 200000))))
    WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '[0-9_./:-]'
    ON CONFLICT DO NOTHING`);
  for (const table of [
    "articles",
    "revisions",
    "claims",
    "claim_anchors",
    "evidence",
    "comments",
    "search_words",
  ]) {
    await db.execute(sql.raw(`ANALYZE ${table}`));
  }
  return { id: user.id, email: user.email, name: user.name, role: "editor" };
}

const QUERIES = [
  "toxicity",
  "toxcity",
  "rejecton reaction",
  "kidney failure",
  '"no side effects"',
  "vitamin colds",
  "autism -vaccine",
  "dementia",
  "diabtes",
  "arthritis statins",
  `${SUBJECTS[200]?.toLowerCase()}`,
  `${OBJECTS[900]}`,
  "contradicts",
  "10.1000/bench.4242",
  "PMID 10004242",
  "Author 77",
  "the of and",
];

async function indexSizes(handle: DbHandle): Promise<string> {
  const list = await rawRows<{ name: string; size: string }>(
    handle.db,
    sql`SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size
      FROM pg_class c
      WHERE c.relkind = 'i' AND (c.relname LIKE '%search%' OR c.relname LIKE 'search_words%'
        OR c.relname IN ('evidence_doi_idx', 'evidence_pmid_idx'))
      ORDER BY c.relname`,
  );
  return list.map((r) => `${r.name} ${r.size}`).join(", ");
}

/** What the stored vectors (migration 0010) add to their tables, as stored (compressed or not). */
async function vectorSizes(handle: DbHandle): Promise<string> {
  const list = await rawRows<{ name: string; size: string }>(
    handle.db,
    sql`SELECT 'revisions.search' AS name, pg_size_pretty(sum(pg_column_size(search))) AS size FROM revisions
      UNION ALL SELECT 'claim_anchors.search', pg_size_pretty(sum(pg_column_size(search))) FROM claim_anchors
      UNION ALL SELECT 'claims.search', pg_size_pretty(sum(pg_column_size(search))) FROM claims
      UNION ALL SELECT 'evidence.search', pg_size_pretty(sum(pg_column_size(search))) FROM evidence
      UNION ALL SELECT 'comments.search', pg_size_pretty(sum(pg_column_size(search))) FROM comments`,
  );
  return list.map((r) => `${r.name} ${r.size}`).join(", ");
}

async function run(label: string, handle: DbHandle): Promise<void> {
  const t0 = performance.now();
  const actor = await seed(handle);
  console.log(
    `${label}: ${ARTICLES.toLocaleString("en")} articles, ${(ARTICLES * CLAIMS_PER_ARTICLE).toLocaleString("en")} claims, ${EVIDENCE.toLocaleString("en")} evidence, ${COMMENTS.toLocaleString("en")} comments seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const [words] = await rawRows<{ n: number }>(
    handle.db,
    sql`SELECT count(*)::int AS n FROM search_words`,
  );
  console.log(`  lexicon: ${words?.n.toLocaleString("en")} words`);
  console.log(`  indexes: ${await indexSizes(handle)}`);
  console.log(`  stored vectors: ${await vectorSizes(handle)}`);
  await searchWorkspace(handle.db, actor, { q: "warm up" });
  const times: number[] = [];
  const slowest = new Map<string, number>();
  for (let i = 0; i < RUNS; i++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const results = await searchWorkspace(handle.db, actor, { q });
      const ms = performance.now() - t;
      times.push(ms);
      slowest.set(q, Math.max(slowest.get(q) ?? 0, ms));
      if (i === 0) {
        const counts = results.groups.map((g) => `${g.kind} ${g.total}`).join(", ");
        console.log(`  "${q}": ${counts}`);
      }
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const worst = [...slowest.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(
    `  search (every kind, 10 per kind): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms over ${times.length} searches (target p95 < 100 ms); slowest: ${worst.map(([q, ms]) => `"${q}" ${ms.toFixed(0)} ms`).join(", ")}`,
  );
}

await onEachEngine(run);
