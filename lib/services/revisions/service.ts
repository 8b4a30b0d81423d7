/**
 * New revisions of an article: the editor's save and a re-import. Both write through
 * `writeRevision`, one transaction with the article row locked: the immutable revision, the
 * article pointing at it (and, for approved or published articles, back to draft), every
 * claim re-anchored onto the new text with an anchor row per claim, claims whose wording
 * changed sent back for a re-check, and the audit events. The plain text is always computed
 * here from the validated document, never taken from the client.
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  type ArticleRow,
  lockArticle,
  setCurrentRevision,
  updateArticleState,
} from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  insertClaimAnchors,
  listClaimsInRevision,
  lockClaimsOfArticle,
  updateLockedClaim,
} from "@/db/queries/claims";
import {
  findArticleBySourceUrl,
  findRevisionById,
  insertRevision,
  type RevisionRow,
} from "@/db/queries/revisions";
import { stateAfterEdit } from "@/lib/core/articles/workflow";
import { type AuditAfter, type AuditBefore, valuesBefore } from "@/lib/core/audit/events";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { articleText } from "@/lib/core/document/article-text";
import type { DocRoot } from "@/lib/core/document/schema";
import { AppError, detailsOf, notFound } from "@/lib/core/errors";
import { MAX_SUMMARY } from "@/lib/core/limits/revisions";
import { reanchorClaims } from "@/lib/core/revisions/reanchor";
import { saveRevisionSchema } from "@/lib/core/validation/revisions";
import { ANCHOR_STATES, type AnchorState, type ArticleState } from "@/lib/core/vocabulary";
import { defineAction } from "@/lib/server/action";
import { matchRevision } from "@/lib/services/library/matching";

export interface SavedRevision {
  articleId: string;
  slug: string;
  revisionId: string;
  number: number;
  /** The article's version after the save (for the next optimistic write). */
  articleVersion: number;
  state: ArticleState;
  /** How many claims ended up in each anchor state. */
  anchors: Record<AnchorState, number>;
  /** Numbers of the claims whose wording changed (sent back for a re-check). */
  recheck: number[];
  /** Numbers of the claims whose text was not found. */
  orphaned: number[];
}

/** Deep equality of two JSON values; key order does not matter (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The revision saved meanwhile, as a stale save's conflict names it. */
export type NewerRevision = { id: string; number: number; summary: string; createdAt: string };

/** The conflict of a save made on top of a revision that is no longer the current one. */
async function staleRevisionError(tx: Db, currentRevisionId: string | null) {
  const current = currentRevisionId ? await findRevisionById(tx, currentRevisionId) : null;
  return new AppError(
    "conflict",
    current
      ? `Revision ${current.number} was saved while you were editing. Your text is still in the editor: compare, then save yours as a newer revision or discard it.`
      : "The article changed while you were editing. Your text is still in the editor.",
    {
      details: {
        current: current
          ? {
              id: current.id,
              number: current.number,
              summary: current.summary,
              createdAt: current.createdAt.toISOString(),
            }
          : null,
      },
    },
  );
}

/**
 * The plain text a revision of `doc` stores, computed here from the validated document (never
 * taken from a client or from the import's worker), for a new article and for each new revision.
 * A document without text, or with too much, is a validation error on `field`.
 */
export function revisionPlainText(doc: DocRoot, field: "text" | "doc"): string {
  const { plainText, problem } = articleText(doc);
  if (problem === "empty") {
    throw new AppError("validation", "The article has no text.", {
      fieldErrors: { [field]: ["Article text is required."] },
    });
  }
  if (problem === "too_long") {
    throw new AppError("validation", "The article is too long (at most 2,000,000 characters).", {
      fieldErrors: { [field]: ["The article is too long."] },
    });
  }
  return plainText;
}

/**
 * Writes a new revision of a locked article from a validated document and re-anchors every
 * claim (dismissed ones too, so that they come back in place if someone reopens them).
 */
async function writeRevision(
  tx: Db,
  actor: Actor,
  article: ArticleRow,
  doc: DocRoot,
  summary: string,
  audit: { action: "revision.create" | "revision.import"; note?: string | null },
): Promise<SavedRevision> {
  const state = stateAfterEdit(article.state);
  if (!state) throw new AppError("rule", "A retracted article cannot be edited.");
  const plainText = revisionPlainText(doc, "doc");
  const previous: RevisionRow | null = article.currentRevisionId
    ? await findRevisionById(tx, article.currentRevisionId)
    : null;
  if (previous && sameJson(previous.doc, doc)) {
    throw new AppError("rule", `Nothing changed since revision ${previous.number}.`);
  }

  const revision = await insertRevision(tx, {
    articleId: article.id,
    doc,
    plainText,
    summary,
    authorId: actor.id,
    parentId: previous?.id ?? null,
  });
  await setCurrentRevision(tx, article.id, revision.id);
  let version = article.version + 1;
  if (state !== article.state) {
    const moved = await updateArticleState(tx, article.id, version, state);
    if (!moved) throw new Error("the locked article changed underneath");
    version = moved.version;
  }

  // Claim rows are locked before they are read, so no reviewer's save slips in between.
  const rows = new Map((await lockClaimsOfArticle(tx, article.id)).map((c) => [c.id, c]));
  const anchored = previous ? await listClaimsInRevision(tx, previous.id) : [];
  const outcomes = reanchorClaims(
    plainText,
    anchored.map((c) => ({ ...c, ...rows.get(c.id), anchor: c.anchor })),
    previous?.plainText,
  );
  await insertClaimAnchors(
    tx,
    outcomes.map((o) => ({ ...o.anchor, claimId: o.claimId, revisionId: revision.id })),
  );

  for (const o of outcomes) {
    const claim = rows.get(o.claimId);
    if (!claim || !o.notable) continue;
    const before: AuditBefore<"claim.reanchor"> = {
      anchorState: o.previous.state,
      exact: o.previous.exact,
      start: o.previous.start,
      end: o.previous.end,
    };
    const after: AuditAfter<"claim.reanchor"> = {
      anchorState: o.anchor.state,
      exact: o.anchor.exact,
      start: o.anchor.start,
      end: o.anchor.end,
      revision: revision.number,
    };
    if (o.recheck) await updateLockedClaim(tx, claim.id, o.recheck);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.reanchor",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      // The review fields sent back for a re-check, with the values they had.
      before: { ...before, ...(o.recheck && valuesBefore(claim, o.recheck)) },
      after: { ...after, ...o.recheck },
    });
  }

  const anchors = Object.fromEntries(ANCHOR_STATES.map((s) => [s, 0])) as Record<
    AnchorState,
    number
  >;
  for (const o of outcomes) anchors[o.anchor.state]++;
  const recheck = outcomes.filter((o) => o.anchor.state === "changed").map((o) => o.number);
  const orphaned = outcomes.filter((o) => o.anchor.state === "orphaned").map((o) => o.number);
  // The new text against the claims library, claims' new anchors included.
  await matchRevision(tx, revision);
  await insertAuditEvent(tx, {
    actorId: actor.id,
    action: audit.action,
    note: audit.note ?? null,
    entityType: "revision",
    entityId: revision.id,
    articleId: article.id,
    before: { revision: previous?.number ?? null, state: article.state },
    after: {
      revision: revision.number,
      summary,
      characters: plainText.length,
      state,
      anchors,
    },
  });
  return {
    articleId: article.id,
    slug: article.slug,
    revisionId: revision.id,
    number: revision.number,
    articleVersion: version,
    state,
    anchors,
    recheck,
    orphaned,
  };
}

/** The editor's save: a new revision on top of the one the editor started from. */
export const saveRevision = defineAction({
  name: "revision.save",
  input: saveRevisionSchema,
  permission: "article:edit",
  // Saved on top of an older revision: the conflict names the newer one (null if none).
  errorDetails: detailsOf<{ conflict: { current: NewerRevision | null } }>(),
  run: async ({ tx, actor }, input) => {
    const article = await lockArticle(tx, input.articleId);
    if (!article) throw notFound("The article");
    if (article.currentRevisionId !== input.baseRevisionId) {
      throw await staleRevisionError(tx, article.currentRevisionId);
    }
    return writeRevision(tx, actor, article, input.doc, input.summary, {
      action: "revision.create",
    });
  },
});

export type ReimportResult = {
  kind: "revision";
  articleId: string;
  slug: string;
  revisionId: string;
  number: number;
  /** True when the import's document equals the current revision: nothing was written. */
  unchanged: boolean;
};

/**
 * Re-importing an updated version of an article makes a new revision instead of a new article
 * (DESIGN.md, flow 1). Call it from the import service before creating an article: when the
 * source URL is that of an existing (not retracted) article, the document becomes its next
 * revision, summarised "Re-imported from <url>", and the result says where it went; otherwise
 * null, and the import creates the article as before. A different `title` is only noted in the
 * audit event: the article keeps its title (and slug).
 */
export async function reviseFromImport(
  tx: Db,
  actor: Actor,
  input: { sourceUrl: string | null; doc: DocRoot; title: string },
): Promise<ReimportResult | null> {
  const sourceUrl = input.sourceUrl?.trim();
  if (!sourceUrl) return null;
  authorize(actor, "article:edit");
  const target = await findArticleBySourceUrl(tx, sourceUrl);
  if (!target) return null;
  const article = await lockArticle(tx, target.id);
  if (!article) return null;
  const current = article.currentRevisionId
    ? await findRevisionById(tx, article.currentRevisionId)
    : null;
  if (current && sameJson(current.doc, input.doc)) {
    return {
      kind: "revision",
      articleId: article.id,
      slug: article.slug,
      revisionId: current.id,
      number: current.number,
      unchanged: true,
    };
  }
  const title = input.title.trim().slice(0, 300);
  const saved = await writeRevision(
    tx,
    actor,
    article,
    input.doc,
    `Re-imported from ${sourceUrl}`.slice(0, MAX_SUMMARY),
    {
      action: "revision.import",
      note:
        title && title !== article.title
          ? `The source is now titled “${title}”; the article keeps its title.`
          : null,
    },
  );
  return {
    kind: "revision",
    articleId: article.id,
    slug: article.slug,
    revisionId: saved.revisionId,
    number: saved.number,
    unchanged: false,
  };
}
