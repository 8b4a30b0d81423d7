/**
 * Reads for the revision pages (edit, history, one revision, compare), each authorized in the
 * data-access layer. Claims are always drawn from the anchors of the revision shown.
 */
import "server-only";
import type { Db } from "@/db/client";
import { type ArticleRow, findArticleBySlug } from "@/db/queries/articles";
import { listClaimsInRevision } from "@/db/queries/claims";
import {
  findRevisionById,
  findRevisionByNumber,
  listRevisionsOfArticle,
  type RevisionRow,
} from "@/db/queries/revisions";
import { findUserNames } from "@/db/queries/users";
import { stateAfterEdit } from "@/lib/core/articles/workflow";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { buildRevisionDiff } from "@/lib/core/diff/revision-diff";
import { textFingerprint } from "@/lib/core/document/fingerprint";
import { notFound } from "@/lib/core/errors";

/**
 * The article of `slug` with its current revision's id, or not found: the first read of every
 * article and revision page. Not authorized: each caller authorizes first.
 */
export async function requireCurrentArticle(
  db: Db,
  slug: string,
): Promise<ArticleRow & { currentRevisionId: string }> {
  const article = await findArticleBySlug(db, slug);
  if (!article?.currentRevisionId) throw notFound("The article");
  return { ...article, currentRevisionId: article.currentRevisionId };
}

/** A revision as the pages show it: its text, summary, date, author and approval. */
export function revisionForPage(revision: RevisionRow, authorName: string) {
  return {
    id: revision.id,
    number: revision.number,
    doc: revision.doc,
    /** Not the text itself: the page needs only to check that its copy agrees. */
    textFingerprint: textFingerprint(revision.plainText),
    summary: revision.summary,
    createdAt: revision.createdAt,
    authorName,
    approvedAt: revision.approvedAt,
  };
}

async function requireRevision(db: Db, articleId: string, number: number): Promise<RevisionRow> {
  const revision = await findRevisionByNumber(db, articleId, number);
  if (!revision) throw notFound(`Revision ${number}`);
  return revision;
}

/** A claim as the revision pages draw it: no evidence or comments, only its place and state. */
async function claimsIn(db: Db, revisionId: string) {
  const rows = await listClaimsInRevision(db, revisionId);
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    status: c.status,
    verdict: c.verdict,
    verdictStale: c.verdictStale,
    anchor: {
      exact: c.anchor.exact,
      start: c.anchor.start,
      end: c.anchor.end,
      state: c.anchor.state,
    },
  }));
}
export type RevisionClaim = Awaited<ReturnType<typeof claimsIn>>[number];

/** What the editor needs: the current revision, its claims, and what a save does to the state. */
export async function getEditData(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "article:edit");
  const article = await requireCurrentArticle(db, slug);
  const revision = await findRevisionById(db, article.currentRevisionId);
  if (!revision) throw notFound("The article's revision");
  return {
    article: { id: article.id, slug: article.slug, title: article.title, state: article.state },
    revision: {
      id: revision.id,
      number: revision.number,
      doc: revision.doc,
      plainText: revision.plainText,
    },
    /** The state after a save, or null when the article cannot be edited. */
    stateAfterSave: stateAfterEdit(article.state),
    claims: await claimsIn(db, revision.id),
  };
}
export type EditData = Awaited<ReturnType<typeof getEditData>>;

/** Every revision of an article, newest first. */
export async function getRevisionHistory(db: Db, actor: Actor | null, slug: string) {
  authorize(actor, "article:read");
  const article = await requireCurrentArticle(db, slug);
  const revisions = await listRevisionsOfArticle(db, article.id);
  return {
    article: {
      slug: article.slug,
      title: article.title,
      currentRevisionId: article.currentRevisionId,
    },
    revisions: revisions.reverse(),
  };
}

/** One revision, read-only, with its claims where they sat in it. */
export async function getRevisionView(db: Db, actor: Actor | null, slug: string, number: number) {
  authorize(actor, "article:read");
  const article = await requireCurrentArticle(db, slug);
  const revision = await requireRevision(db, article.id, number);
  const names = await findUserNames(db, [revision.authorId]);
  return {
    article: { slug: article.slug, title: article.title },
    revision: {
      ...revisionForPage(revision, names.get(revision.authorId) ?? "Unknown"),
      current: revision.id === article.currentRevisionId,
    },
    claims: await claimsIn(db, revision.id),
  };
}

/**
 * Two revisions compared word by word. Without a choice, the current revision against its
 * predecessor; `from` and `to` may be given in either order (the older one is `from`).
 */
export async function getComparison(
  db: Db,
  actor: Actor | null,
  slug: string,
  choice: { from?: number; to?: number },
) {
  authorize(actor, "article:read");
  const article = await requireCurrentArticle(db, slug);
  const revisions = await listRevisionsOfArticle(db, article.id);
  const current = revisions.find((r) => r.id === article.currentRevisionId);
  const latest = current?.number ?? revisions[revisions.length - 1]?.number ?? 1;
  let to = choice.to ?? latest;
  let from = choice.from ?? Math.max(1, to - 1);
  if (from > to) [from, to] = [to, from];
  const base = {
    article: { slug: article.slug, title: article.title },
    revisions: revisions.map((r) => ({
      number: r.number,
      summary: r.summary,
      createdAt: r.createdAt,
    })),
    from,
    to,
  };
  if (revisions.length < 2) return { ...base, comparison: null };
  const [older, newer] = await Promise.all([
    requireRevision(db, article.id, from),
    requireRevision(db, article.id, to),
  ]);
  const [oldClaims, newClaims] = await Promise.all([
    claimsIn(db, older.id),
    claimsIn(db, newer.id),
  ]);
  const diff = buildRevisionDiff(older.plainText, newer.plainText, {
    old: oldClaims.map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end })),
    new: newClaims.map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end })),
  });
  // Every claim of the older revision is anchored in the newer one too (each save re-anchors
  // all of them), so the newer revision's claims name every highlight of the diff.
  return { ...base, comparison: { diff, claims: newClaims } };
}
