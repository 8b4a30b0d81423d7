/**
 * Matching revisions against the claims library (docs/library-matching.md): every sentence and
 * every claim's quote, on import, on every new revision (in the transaction that writes it) and
 * on demand; and what a reviewer does with a match — accept it (a claim linked to the entry,
 * its verdict, rationale and evidence pre-filled, `in_review` until confirmed here) or dismiss
 * it (remembered for that sentence of that article).
 */
import "server-only";
import type { Db } from "@/db/client";
import { findArticleById, lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { listClaimsInRevision, lockClaimById, updateLockedClaim } from "@/db/queries/claims";
import { insertEvidence } from "@/db/queries/evidence";
import {
  deleteLibraryMatchesAt,
  findLibraryCandidatesForTexts,
  findLibraryMatchById,
  insertLibraryMatchDismissal,
  libraryHasCurrentEntries,
  listLibraryEntryEvidence,
  listLibraryMatchDismissals,
  replaceLibraryMatches,
} from "@/db/queries/library";
import { findLibraryEntryById } from "@/db/queries/library-entries";
import { findRevisionById, type RevisionRow } from "@/db/queries/revisions";
import type { Actor } from "@/lib/core/auth/permissions";
import { anchorForSelection, assertCurrentRevision } from "@/lib/core/claims/selection";
import { AppError, notFound } from "@/lib/core/errors";
import { evidenceFields } from "@/lib/core/evidence/shapes";
import { prefillFromEntry } from "@/lib/core/library/accept";
import {
  matchAgainstLibrary,
  matchSpans,
  retrievalText,
  type SpanMatch,
} from "@/lib/core/library/match";
import { sentenceKey } from "@/lib/core/suggestions/select";
import { libraryMatchSchema, matchRevisionSchema } from "@/lib/core/validation/library-matches";
import { defineAction } from "@/lib/server/action";
import { insertNewClaim } from "@/lib/services/claims/service";

/** Candidates the database returns per span, for the classifier to decide on. */
const CANDIDATES_PER_SPAN = 8;

/**
 * Matches one revision against the library and stores what was found (replacing what was
 * there), leaving out the matches reviewers dismissed in this article and those already linked
 * (a claim in the span recognised as that entry). Returns the matches stored.
 */
export async function matchRevision(
  tx: Db,
  revision: Pick<RevisionRow, "id" | "articleId" | "plainText">,
): Promise<SpanMatch[]> {
  if (!(await libraryHasCurrentEntries(tx))) {
    await replaceLibraryMatches(tx, revision.id, []);
    return [];
  }
  const claims = await listClaimsInRevision(tx, revision.id);
  const anchored = claims.flatMap((c) =>
    c.anchor.start !== null && c.anchor.end !== null && c.anchor.state !== "orphaned"
      ? [{ claimId: c.id, start: c.anchor.start, end: c.anchor.end }]
      : [],
  );
  const spans = matchSpans(revision.plainText, anchored);
  const candidates = await findLibraryCandidatesForTexts(
    tx,
    spans.map((s) => retrievalText(s.text)),
    { limit: CANDIDATES_PER_SPAN },
  );
  const dismissed = new Set(
    (await listLibraryMatchDismissals(tx, revision.articleId)).map(
      (d) => `${d.entryId}\u0000${d.sentence}`,
    ),
  );
  const linked = claims.flatMap((c) =>
    c.libraryEntryId && c.anchor.start !== null && c.anchor.end !== null
      ? [{ entryId: c.libraryEntryId, start: c.anchor.start, end: c.anchor.end }]
      : [],
  );
  const matches = matchAgainstLibrary(spans, candidates).filter(
    (m) =>
      !dismissed.has(`${m.entryId}\u0000${sentenceKey(m.text)}`) &&
      // Already recognised: a linked claim inside (or around) this span, for the same entry.
      !linked.some(
        (l) =>
          l.entryId === m.entryId &&
          ((l.start >= m.start && l.end <= m.end) || (m.start >= l.start && m.end <= l.end)),
      ),
  );
  await replaceLibraryMatches(
    tx,
    revision.id,
    matches.map((m) => ({
      revisionId: revision.id,
      entryId: m.entryId,
      phrasingId: m.phrasingId,
      start: m.start,
      end: m.end,
      text: m.text,
      claimId: m.claimId,
      relation: m.relation,
      score: m.score,
      matchedTerms: m.matchedTerms,
      missingTerms: m.missingTerms,
    })),
  );
  return matches;
}

export const matchRevisionAction = defineAction({
  name: "library.match_revision",
  input: matchRevisionSchema,
  permission: "library:write",
  run: async ({ tx, actor }, { revisionId }) => {
    const revision = await findRevisionById(tx, revisionId);
    if (!revision) throw notFound("The revision");
    const matches = await matchRevision(tx, revision);
    const same = matches.filter((m) => m.relation === "same").length;
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.match_revision",
      entityType: "revision",
      entityId: revision.id,
      articleId: revision.articleId,
      after: {
        revision: revision.number,
        spans: matchSpans(revision.plainText).length,
        same,
        opposite: matches.length - same,
      },
    });
    return { matches: matches.length, same, opposite: matches.length - same };
  },
});

/** The stored match, its revision (the article's current one) and its entry. */
async function matchToAct(tx: Db, matchId: string) {
  const match = await findLibraryMatchById(tx, matchId);
  if (!match) {
    throw new AppError(
      "not_found",
      "This match is gone: the article was re-checked or someone already acted on it. Reload the page.",
    );
  }
  const revision = await findRevisionById(tx, match.revisionId);
  if (!revision) throw notFound("The revision");
  const entry = await findLibraryEntryById(tx, match.entryId);
  if (!entry) throw notFound("The library entry");
  return { match, revision, entry };
}

/** Copies the entry's evidence items onto a claim, each still citing its reference. */
async function copyEvidence(
  tx: Db,
  actor: Actor,
  items: Awaited<ReturnType<typeof listLibraryEntryEvidence>>,
  claimId: string,
) {
  for (const e of items) {
    await insertEvidence(tx, {
      ...evidenceFields(e),
      referenceId: e.referenceId,
      claimId,
      addedById: actor.id,
    });
  }
}

export const acceptLibraryMatch = defineAction({
  name: "library.accept_match",
  input: libraryMatchSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, { matchId }) => {
    const { match, revision, entry } = await matchToAct(tx, matchId);
    const article = await lockArticle(tx, revision.articleId);
    if (!article) throw notFound("The article");
    assertCurrentRevision(article, revision.id);
    if (article.state === "retracted")
      throw new AppError("rule", "A retracted article takes no new claims.");
    const prefill = prefillFromEntry(entry, match.relation);
    const link = { libraryEntryId: entry.id, libraryRelation: match.relation };
    const items = await listLibraryEntryEvidence(tx, entry.id);
    const library = {
      entryId: entry.id,
      entryNumber: entry.number,
      relation: match.relation,
      evidenceCopied: items.length,
    };
    let claimId: string;
    let number: number;
    if (match.claimId) {
      // A claim is there already: it is linked, and given what it lacks.
      const claim = await lockClaimById(tx, match.claimId);
      if (!claim) throw notFound("The claim");
      if (claim.libraryEntryId) {
        throw new AppError("rule", "This claim is linked to a known claim already.");
      }
      const changes = {
        ...(claim.status === "open" ? { status: "in_review" as const } : {}),
        ...(claim.verdict === null && prefill.verdict ? { verdict: prefill.verdict } : {}),
        ...(claim.rationale.trim() === "" ? { rationale: prefill.rationale } : {}),
      };
      await updateLockedClaim(tx, claim.id, { ...changes, ...link });
      await copyEvidence(tx, actor, items, claim.id);
      await insertAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.library_link",
        entityType: "claim",
        entityId: claim.id,
        articleId: article.id,
        before: Object.fromEntries(
          Object.keys(changes).map((k) => [k, claim[k as keyof typeof changes]]),
        ),
        after: { ...changes, library },
      });
      claimId = claim.id;
      number = claim.number;
    } else {
      const anchor = anchorForSelection(revision.plainText, {
        start: match.start,
        end: match.end,
        exact: match.text,
      });
      const claim = await insertNewClaim(tx, {
        actorId: actor.id,
        articleId: article.id,
        revision,
        anchor,
        fields: { status: "in_review", ...prefill, ...link },
        audit: {
          after: { status: "in_review", verdict: prefill.verdict, library },
        },
      });
      await copyEvidence(tx, actor, items, claim.id);
      claimId = claim.id;
      number = claim.number;
    }
    await deleteLibraryMatchesAt(tx, match);
    return { claimId, number, relation: match.relation, evidenceCopied: items.length };
  },
});

export const dismissLibraryMatch = defineAction({
  name: "library.dismiss_match",
  input: libraryMatchSchema,
  // Deciding what is check-worthy is the reviewer's call, as dismissing a suggestion is.
  permission: "claim:create",
  run: async ({ tx, actor }, { matchId }) => {
    const { match, revision, entry } = await matchToAct(tx, matchId);
    const article = await findArticleById(tx, revision.articleId);
    if (!article) throw notFound("The article");
    const sentence = sentenceKey(match.text);
    await insertLibraryMatchDismissal(tx, {
      articleId: article.id,
      entryId: entry.id,
      sentence,
      dismissedById: actor.id,
    });
    await deleteLibraryMatchesAt(tx, match);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "library.dismiss_match",
      entityType: "library_entry",
      entityId: entry.id,
      articleId: article.id,
      after: { entryNumber: entry.number, sentence, relation: match.relation },
    });
    return { dismissed: true };
  },
});
