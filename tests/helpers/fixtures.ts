/** Test data written through the real services, as users would write it. */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findRevisionById } from "../../db/queries/revisions";
import { insertUser } from "../../db/queries/users";
import { articles } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import type { Role } from "../../lib/core/vocabulary";
import { executeAction } from "../../lib/server/action";
import { loadApprovalGate } from "../../lib/services/articles/gate";
import { createArticleFromText } from "../../lib/services/articles/service";
import { createClaim, updateClaim } from "../../lib/services/claims/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { dismissSuggestion } from "../../lib/services/suggestions/service";

/** A cheap, valid argon2id hash of "correct horse battery" (hashing per test user is slow). */
export const TEST_PASSWORD = "correct horse battery";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$sZYiR1FvBV8st+XjJjDhWQ$wk8wDqYHWeKDBhlnuq3N2d14BWj2gVYIAyf8WFKKJjo";

export async function createActor(
  db: Db,
  role: Role,
  name = `${role} ${randomUUID().slice(0, 6)}`,
): Promise<Actor> {
  const user = await insertUser(db, {
    email: `${name.replace(/\W+/g, ".").toLowerCase()}@example.com`,
    name,
    passwordHash: TEST_PASSWORD_HASH,
    role,
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export const STEM_CELL_TEXT = `Stem cell therapy as one of the new treatment of kidney failure, it has been used to treat various kidney diseases widely.

Even though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.`;

/** Imports an article as `author` (an editor) and returns its ids. */
export async function importArticle(
  db: Db,
  author: Actor,
  text = STEM_CELL_TEXT,
  title = "Stem cells",
) {
  return db.transaction((tx) =>
    createArticleFromText(tx, author.id, {
      title,
      text,
      sourceUrl: null,
      originalAuthor: null,
      originalPublishedAt: null,
    }),
  );
}

/** The canonical claim of the example article. */
export const STEM_CELL_QUOTE = "no toxicity and rejection reaction";

/**
 * Claims the first occurrence of `quote` in a revision's plain text, as `reviewer`, through the
 * real action; throws if the quote is missing or the action refuses.
 */
export async function claimQuote(
  db: Db,
  reviewer: Actor,
  revisionId: string,
  quote = STEM_CELL_QUOTE,
) {
  const start = (await findRevisionById(db, revisionId))?.plainText.indexOf(quote) ?? -1;
  if (start < 0) throw new Error(`"${quote}" is not in revision ${revisionId}`);
  const created = await executeAction(
    createClaim,
    { db, actor: reviewer },
    { revisionId, start, end: start + quote.length, exact: quote },
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.data;
}

/** The data of a successful action; throws with the error otherwise. */
export async function ok<T>(
  result: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>,
): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

/**
 * The canonical claim graded as a reviewer would: claimed, one contradicting systematic review
 * as evidence, resolved as Inaccurate with a high severity. Returns the claim after the update.
 */
export async function resolvedInaccurateClaim(
  db: Db,
  reviewer: Actor,
  revisionId: string,
  over: { evidenceTitle?: string; doi?: string; rationale?: string } = {},
) {
  const claim = await claimQuote(db, reviewer, revisionId);
  const as = { db, actor: reviewer };
  await ok(
    executeAction(addEvidence, as, {
      claimId: claim.id,
      title: over.evidenceTitle ?? "Adverse events of stem cell therapy: a systematic review",
      doi: over.doi ?? "https://doi.org/10.1000/claimdesk.test",
      stance: "contradicts",
      studyDesign: "systematic_review_rct",
    }),
  );
  return ok(
    executeAction(updateClaim, as, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "inaccurate",
      severity: "high",
      rationale: over.rationale ?? "Immune rejection is documented.",
      suggestedCorrection: "",
    }),
  );
}

/**
 * Runs `work` while the database itself refuses every audit event of `articleId` (a trigger
 * that raises), to prove an action writes nothing when its audit event cannot be stored. The
 * action logs the failure as an unexpected error: those lines are collected, not printed, and
 * returned with `work`'s result. The trigger is gone afterwards, whatever happened.
 */
export async function withAuditEventsFailing<T>(
  db: Db,
  articleId: string,
  work: () => Promise<T>,
): Promise<{ result: T; errorLogs: unknown[][] }> {
  const fn = `cd_fail_${randomUUID().replace(/-/g, "")}`;
  await db.execute(
    sql.raw(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END; $$`,
    ),
  );
  await db.execute(
    sql.raw(
      `CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.article_id = '${articleId}') EXECUTE FUNCTION ${fn}()`,
    ),
  );
  const errorLogs: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errorLogs.push(args);
  try {
    return { result: await work(), errorLogs };
  } finally {
    console.error = original;
    await db.execute(sql.raw(`DROP TRIGGER ${fn} ON audit_events`));
    await db.execute(sql.raw(`DROP FUNCTION ${fn}()`));
  }
}

/**
 * Dismisses, as `reviewer` and through the real action, every detector suggestion of the
 * article's current revision that no claim covers and nobody dismissed: what the approval gate
 * counts as untriaged. For tests whose subject is not triage but that need to pass the gate.
 */
export async function triageSuggestions(db: Db, reviewer: Actor, articleId: string) {
  const [article] = await db
    .select({ currentRevisionId: articles.currentRevisionId })
    .from(articles)
    .where(eq(articles.id, articleId));
  const revision = article?.currentRevisionId
    ? await findRevisionById(db, article.currentRevisionId)
    : null;
  if (!revision) throw new Error(`article ${articleId} has no revision`);
  const { untriaged } = await loadApprovalGate(db, articleId, revision);
  for (const s of untriaged) {
    await ok(
      executeAction(dismissSuggestion, { db, actor: reviewer }, { articleId, sentence: s.text }),
    );
  }
  return untriaged.length;
}
