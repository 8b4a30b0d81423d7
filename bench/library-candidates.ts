/**
 * `npm run bench -- library-candidates`: the claims library's first matching stage
 * (`findLibraryCandidates`, docs/library-matching.md) with 100,000 entries: every sentence of a
 * ~5,000-word article looked up, on in-memory PGlite, and on PostgreSQL when
 * `BENCH_DATABASE_URL` names a database it may fill (it is emptied first: use a scratch one).
 * Prints the whole article's time, per-sentence p50/p95, candidates found, and index sizes.
 * Figures only; nothing is asserted.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import {
  commonLibraryLexemes,
  findLibraryCandidates,
  findLibraryCandidatesForTexts,
} from "../db/queries/library";
import { rawRows } from "../db/queries/raw-rows";
import { insertUser } from "../db/queries/users";
import { splitSentences } from "../lib/core/detect/split";
import { matchAgainstLibrary, matchSpans, retrievalText } from "../lib/core/library/match";
import { STEM_CELL_TEXT } from "../tests/helpers/fixtures";
import { onEachEngine } from "./_engines";
import { madeUpNames } from "./_made-up";

const ENTRIES = 100_000;

// Claims built from parts, so that 100,000 entries are distinct and their words are spread the
// way a real library's are: a few words in many entries (the verbs, "children"), most in few
// (a drug, a condition). Real names first, then made-up ones to reach a realistic vocabulary.
const SYLLABLES = [
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
  "tra",
  "gen",
];
const madeUp = (n: number, suffix: string) => madeUpNames(SYLLABLES, n, suffix);
const SUBJECTS = [
  "Vitamin C",
  "Vitamin D",
  "Zinc",
  "Statins",
  "Aspirin",
  "Ibuprofen",
  "The MMR vaccine",
  "The flu jab",
  "Green tea",
  "Coffee",
  "Red wine",
  "Fluoride",
  "Turmeric",
  "Garlic",
  "Fish oil",
  "Probiotics",
  "Stem cell therapy",
  "Acupuncture",
  "Homeopathy",
  "Intermittent fasting",
  "Sugar",
  "Salt",
  "Red meat",
  "Sunscreen",
  "Antibiotics",
  "Paracetamol",
  "Melatonin",
  "Magnesium",
  "Iron tablets",
  "Folic acid",
  ...madeUp(2_000, "ol"),
];
const VERBS = [
  "causes",
  "prevents",
  "cures",
  "reduces the risk of",
  "increases the risk of",
  "worsens",
  "treats",
  "protects against",
  "has no effect on",
  "reverses",
];
const OBJECTS = [
  "autism",
  "colds",
  "memory loss",
  "heart disease",
  "cancer",
  "kidney failure",
  "diabetes",
  "dementia",
  "asthma",
  "arthritis",
  "depression",
  "obesity",
  "strokes",
  "migraines",
  "eczema",
  "infertility",
  "hair loss",
  "insomnia",
  "liver damage",
  "high blood pressure",
  ...madeUp(2_000, "itis"),
];
const QUALIFIERS = [
  "in children",
  "in adults",
  "in older people",
  "in pregnancy",
  "in athletes",
  "within weeks",
  "over time",
  "at high doses",
  "in smokers",
  "in women",
  "in men",
  "for most people",
  "in rare cases",
  "after surgery",
  "in teenagers",
  "when taken daily",
  "in people with diabetes",
];

async function seed(handle: DbHandle): Promise<void> {
  const { db } = handle;
  const user = await insertUser(db, {
    email: `bench-${Date.now()}@example.com`,
    name: "Bench",
    passwordHash: "x",
    role: "editor",
  });
  const arr = (xs: string[]) =>
    sql.raw(`ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`);
  // One statement per table: the entries, then their canonical wordings with their vectors.
  await db.execute(sql`
    INSERT INTO library_entries (number, canonical_text, verdict, created_by_id)
    SELECT g,
      (${arr(SUBJECTS)})[1 + (g::bigint * 7919) % ${SUBJECTS.length}] || ' ' ||
      (${arr(VERBS)})[1 + g % ${VERBS.length}] || ' ' ||
      (${arr(OBJECTS)})[1 + (g::bigint * 104729) % ${OBJECTS.length}] || ' ' ||
      (${arr(QUALIFIERS)})[1 + (g::bigint * 31) % ${QUALIFIERS.length}] || '.',
      'inaccurate', ${user.id}
    FROM generate_series(1, ${ENTRIES}) g`);
  await db.execute(sql`
    INSERT INTO library_phrasings (entry_id, text, canonical, search)
    SELECT id, canonical_text, true, to_tsvector('english', claimdesk_search_text(canonical_text))
    FROM library_entries`);
  await db.execute(sql`ANALYZE library_entries`);
  await db.execute(sql`ANALYZE library_phrasings`);
}

async function indexSizes(handle: DbHandle): Promise<string> {
  const list = await rawRows<{ name: string; size: string }>(
    handle.db,
    sql`SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size
      FROM pg_class c WHERE c.relname LIKE 'library_phrasings%' ORDER BY c.relname`,
  );
  return list.map((r) => `${r.name} ${r.size}`).join(", ");
}

function article(): string[] {
  // The demo article's sentences, repeated to ~5,000 words.
  const words = STEM_CELL_TEXT.split(/\s+/).length;
  const text = Array.from({ length: Math.ceil(5_000 / words) }, () => STEM_CELL_TEXT).join("\n\n");
  return splitSentences(text).map((s) => s.text);
}

/**
 * A ~5,000-word article of distinct sentences about the library's own subjects and objects (the
 * hard case: every sentence shares words with many entries), mixed with the demo article's.
 */
function distinctArticle(): string {
  const FILLERS = [
    "According to a report published this week,",
    "Readers have asked whether it is true that",
    "Some clinicians now argue that",
    "A popular video claims that",
  ];
  const out: string[] = [STEM_CELL_TEXT];
  for (let i = 0; out.join(" ").split(/\s+/).length < 5_000; i++) {
    const subject = SUBJECTS[(i * 7) % SUBJECTS.length] ?? "";
    const object = OBJECTS[(i * 13) % OBJECTS.length] ?? "";
    const verb = VERBS[i % VERBS.length] ?? "";
    out.push(
      `${FILLERS[i % FILLERS.length]} ${subject.toLowerCase()} ${verb} ${object} in people over ${40 + (i % 30)}, though the evidence is thin.`,
    );
  }
  return out.join("\n\n");
}

/** What matching a revision does (lib/services/library/matching.ts): one batch, classified. */
async function matchWholeArticle(handle: DbHandle): Promise<void> {
  const text = distinctArticle();
  const spans = matchSpans(text);
  const t = performance.now();
  const candidates = await findLibraryCandidatesForTexts(
    handle.db,
    spans.map((s) => retrievalText(s.text)),
    { limit: 8 },
  );
  const looked = performance.now() - t;
  const matches = matchAgainstLibrary(spans, candidates);
  const total = performance.now() - t;
  console.log(
    `  matching a revision (batch, as the app does): ${text.split(/\s+/).length.toLocaleString("en")} words, ${spans.length} distinct sentences: ${total.toFixed(0)} ms in all (retrieval ${looked.toFixed(0)} ms, classifier ${(total - looked).toFixed(0)} ms); ${matches.length} matches (target < 1 s PGlite, < 300 ms PostgreSQL)`,
  );
}

async function run(label: string, handle: DbHandle): Promise<void> {
  const t0 = performance.now();
  await seed(handle);
  console.log(
    `${label}: ${ENTRIES.toLocaleString("en")} entries seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`  ${await indexSizes(handle)}`);
  const sentences = article();
  const words = sentences.join(" ").split(/\s+/).length;
  await findLibraryCandidates(handle.db, sentences[0] ?? "warm up");
  const times: number[] = [];
  let found = 0;
  const start = performance.now();
  // As an article's matching would: the library's common words read once, then each sentence.
  const common = await commonLibraryLexemes(handle.db);
  for (const s of sentences) {
    const t = performance.now();
    found += (await findLibraryCandidates(handle.db, s, { limit: 5, common })).length;
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(`  ${common.length} common words left out of lookups (in > 1% of wordings)`);
  console.log(
    `  article of ${words.toLocaleString("en")} words, ${sentences.length} sentences, one lookup each: ${total.toFixed(0)} ms in all; per sentence p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms; ${found} candidates`,
  );
  await matchWholeArticle(handle);
}

await onEachEngine(run);
