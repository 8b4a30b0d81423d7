/**
 * A workspace with a value in every kind of column, written through the real services (the
 * demo seed, a graded claim, comments, a publication, a disabled user), plus a few values that
 * only SQL can write and that a backup must carry exactly (microseconds, a JSON `null`, a
 * number wider than a double); and every row of every table, read two ways, to compare two
 * databases.
 */
import { getTableName, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findArticleById } from "../../db/queries/articles";
import { insertLibraryEntry, insertLibraryPhrasing } from "../../db/queries/library";
import {
  articles,
  claimAnchors,
  claims,
  comments,
  evidence,
  libraryEntries,
  libraryEntryEvidence,
  libraryMatchDismissals,
  libraryMatches,
  libraryPhrasings,
  librarySupersessions,
  revisions,
  users,
} from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { DEMO_ARTICLE_SLUG, seedDemo } from "../../lib/entry/demo/seed";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote } from "../../lib/services/claims/service";
import { addComment, deleteComment } from "../../lib/services/comments/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { recordNoClaims } from "../../lib/services/revisions/no-claims";
import { dismissSuggestion } from "../../lib/services/suggestions/service";
import { disableUser } from "../../lib/services/users/service";
import { REPO_ROOT } from "./cli";
import { ok, resolvedInaccurateClaim } from "./fixtures";
import { allTables } from "./tables";

/** Text that JSON, gzip and line splitting must all leave alone. */
export const AWKWARD_TEXT =
  'Quote "x", back\\slash, tab\there,\nnew line, CR\r, U+2028 \u2028, naïve, 🧪, \u0001 end';

async function actor(db: Db, email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(sql`${users.email} = ${email}`);
  if (!u) throw new Error(`no user ${email}`);
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** Seeds the demo workspace and works its article through review to publication. */
export async function seedFullWorkspace(db: Db): Promise<void> {
  await seedDemo(db, REPO_ROOT);
  const reviewer = await actor(db, "reviewer@example.com");
  const editor = await actor(db, "editor@example.com");
  const approver = await actor(db, "managing.editor@example.com");
  const admin = await actor(db, "admin@example.com");
  const viewer = await actor(db, "viewer@example.com");
  const [article] = await db
    .select()
    .from(articles)
    .where(sql`${articles.slug} = ${DEMO_ARTICLE_SLUG}`);
  if (!article?.currentRevisionId) throw new Error("the demo article is missing");
  const articleId = article.id;
  const move = async (who: Actor, transition: string) => {
    const { version } = (await findArticleById(db, articleId)) ?? { version: 0 };
    await ok(
      executeAction(transitionArticle, { db, actor: who }, { articleId, transition, version }),
    );
  };

  await move(editor, "submit");
  const claim = await resolvedInaccurateClaim(db, reviewer, article.currentRevisionId);
  await ok(
    executeAction(
      addEvidence,
      { db, actor: reviewer },
      {
        claimId: claim.id,
        title: "Mesenchymal stem cells in kidney transplantation: a randomised trial",
        authors: "Tan J, Wu W, Xu X",
        publisher: "JAMA",
        year: 2012,
        url: "https://example.org/trial",
        pmid: "22436955",
        excerpt: AWKWARD_TEXT,
        stance: "mixed",
        studyDesign: "rct",
        gradeCertainty: "low",
        gradeDowngradeReasons: ["imprecision", "risk_of_bias"],
      },
    ),
  );
  const as = { db, actor: reviewer };
  await ok(executeAction(addComment, as, { claimId: claim.id, body: AWKWARD_TEXT }));
  const gone = await ok(executeAction(addComment, as, { claimId: claim.id, body: "Withdrawn." }));
  await ok(executeAction(deleteComment, as, { commentId: gone.id }));
  await ok(
    executeAction(dismissSuggestion, as, {
      articleId,
      sentence: "Stem cell therapy is a new treatment of kidney failure.",
    }),
  );
  await ok(
    executeAction(
      setEditorNote,
      { db, actor: approver },
      { claimId: claim.id, version: claim.version, editorNote: "Published with a correction." },
    ),
  );
  // The gate refuses untriaged suggestions: the record also puts values in the revision's
  // no_claims_* columns, so a backup round-trips them.
  await ok(
    executeAction(
      recordNoClaims,
      { db, actor: approver },
      {
        articleId,
        revisionId: article.currentRevisionId,
        note: "The sentences not claimed need no claims.",
      },
    ),
  );
  // The claims library (no actions yet: its rows written by its queries), so a backup carries
  // every library table: entries, a variant wording from the claim, the claim's link, evidence
  // linked, a supersession and a dismissed match.
  const entry = await insertLibraryEntry(db, {
    canonicalText: "Stem cell therapy has no toxicity and rejection reaction.",
    createdById: reviewer.id,
    verdict: "inaccurate",
    rationale: AWKWARD_TEXT,
    tags: ["stem cells", "kidney"],
    reviewedById: reviewer.id,
    reviewedAt: new Date("2026-11-30T10:00:00Z"),
    reviewDue: "2027-05-30",
  });
  await insertLibraryPhrasing(db, {
    entryId: entry.id,
    text: "no toxicity and rejection reaction",
    sourceClaimId: claim.id,
  });
  const older = await insertLibraryEntry(db, {
    canonicalText: "Stem cells never cause rejection.",
    createdById: editor.id,
    origin: "external",
    externalPublisher: "Health Feedback",
    externalRating: "Incorrect",
    externalUrl: "https://example.org/review",
  });
  await db
    .update(libraryEntries)
    .set({ state: "superseded" })
    .where(sql`${libraryEntries.id} = ${older.id}`);
  await db.insert(librarySupersessions).values({
    entryId: older.id,
    successorId: entry.id,
    supersededById: editor.id,
  });
  await db
    .update(claims)
    .set({ libraryEntryId: entry.id, libraryRelation: "same" })
    .where(sql`${claims.id} = ${claim.id}`);
  const [item] = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(sql`${evidence.claimId} = ${claim.id}`);
  if (item)
    await db.insert(libraryEntryEvidence).values({ entryId: entry.id, evidenceId: item.id });
  await db.insert(libraryMatchDismissals).values({
    articleId,
    entryId: older.id,
    sentence: "Stem cell therapy is a new treatment of kidney failure.",
    dismissedById: reviewer.id,
  });
  const [phrasing] = await db
    .select({ id: libraryPhrasings.id })
    .from(libraryPhrasings)
    .where(sql`${libraryPhrasings.entryId} = ${entry.id} AND ${libraryPhrasings.canonical}`);
  await db.insert(libraryMatches).values({
    revisionId: article.currentRevisionId,
    entryId: entry.id,
    phrasingId: phrasing?.id ?? null,
    start: 0,
    end: 12,
    text: "Stem cell th",
    claimId: claim.id,
    relation: "opposite",
    score: 0.8125,
    matchedTerms: ["stem cell", "toxicity"],
    missingTerms: ["rejection"],
  });
  await db
    .update(revisions)
    .set({ libraryCheckedAt: sql`'2026-11-30 10:00:00.000001+00'::timestamptz` })
    .where(sql`${revisions.id} = ${article.currentRevisionId}`);

  await move(approver, "approve");
  await move(approver, "publish");
  await ok(executeAction(disableUser, { db, actor: admin }, { userId: viewer.id }));

  // Values only SQL writes: what a trip through JavaScript's Date, number or JSON would change.
  await db
    .update(users)
    .set({ activitySeenAt: sql`'2024-02-29 23:59:59.123456+05:30'::timestamptz` })
    .where(sql`${users.id} = ${reviewer.id}`);
  await db
    .update(comments)
    .set({ updatedAt: sql`'1999-12-31 23:59:59.999999+00'::timestamptz` })
    .where(sql`${comments.id} = ${gone.id}`);
  await db
    .update(claimAnchors)
    .set({ score: sql`0.87654321::real` })
    .where(sql`${claimAnchors.claimId} = ${claim.id}`);
  await db.execute(
    sql`INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, before, after, note)
        VALUES ('2001-02-03 04:05:06.789012+00', NULL, 'test.values', 'settings', '1',
                'null'::jsonb, '{"n": 12345678901234567890.123456789, "big": 1e400, "s": "a\\nb"}'::jsonb,
                ${AWKWARD_TEXT})`,
  );
}

/** Every table of db/schema.ts, by name: its rows through drizzle, sorted, and as SQL text. */
export async function readEveryTable(db: Db) {
  const rows: Record<string, unknown[]> = {};
  for (const table of allTables()) {
    const all = (await db.select().from(table)) as unknown[];
    rows[getTableName(table)] = all
      .map((r) => [JSON.stringify(r), r] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
  }
  // Each row as PostgreSQL writes the whole record (every column, microseconds, jsonb as
  // stored), in UTC, sorted byte by byte.
  const text = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('TimeZone', 'UTC', true)`);
    const out: Record<string, string[]> = {};
    for (const table of allTables()) {
      const name = getTableName(table);
      const result = (await tx.execute(
        sql`SELECT t::text AS r FROM ${sql.identifier(name)} t ORDER BY t::text COLLATE "C"`,
      )) as unknown as { rows: { r: string }[] };
      out[name] = result.rows.map((x) => x.r);
    }
    return out;
  });
  return { rows, text };
}
