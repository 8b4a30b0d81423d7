/**
 * Propagation: when a library entry's verdict changes, or it is superseded, withdrawn or merged
 * into an entry with another verdict, every claim linked to it that is still work in progress
 * must be checked again — its verdict was borrowed from the entry. Run inside the action's
 * transaction (lib/services/library/entries.ts, merge.ts).
 */
import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { lockUnpublishedLinkedClaims, setClaimRecheck } from "@/db/queries/library-entries";
import { entryLabel } from "@/lib/core/library/accept";
import { VERDICT_INFO, type Verdict } from "@/lib/core/vocabulary";

const verdictWords = (v: Verdict | null) => (v ? VERDICT_INFO[v].label : "no verdict");

/** The reasons a claim is sent back, in the words its panel shows. */
export const recheckReasons = {
  verdictChanged: (number: number, from: Verdict | null, to: Verdict | null) =>
    `Library entry ${entryLabel(number)}'s verdict changed from ${verdictWords(from)} to ${verdictWords(to)}.`,
  superseded: (number: number, successor: number) =>
    `Library entry ${entryLabel(number)} was superseded by ${entryLabel(successor)}.`,
  withdrawn: (number: number, reason: string) =>
    `Library entry ${entryLabel(number)} was withdrawn: ${reason}`,
  merged: (number: number, survivor: number, from: Verdict | null, to: Verdict | null) =>
    `Library entry ${entryLabel(number)} was merged into ${entryLabel(survivor)}, whose verdict is ${verdictWords(to)} (was ${verdictWords(from)}).`,
};

/**
 * Sends back to re-check every claim linked to one of `entries` in an unpublished revision
 * (`lockUnpublishedLinkedClaims`: the article's current revision, in no publication): a
 * resolved one goes back to `in_review` ("In progress"), an open or in-progress one keeps its
 * status; each gets the reason (cleared when a reviewer resolves it again, claim.update) and a
 * new version, and one `claim.library_recheck` event. A claim that sits only in a published
 * revision is left alone: the entry page lists its publication as affected. Returns how many.
 */
export async function propagateEntryChange(
  tx: Db,
  actorId: string,
  entries: readonly { id: string; number: number; reason: string }[],
): Promise<number> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const linked = await lockUnpublishedLinkedClaims(tx, [...byId.keys()]);
  for (const claim of linked) {
    const entry = claim.libraryEntryId ? byId.get(claim.libraryEntryId) : undefined;
    if (!entry) continue;
    const status = claim.status === "open" ? "open" : "in_review";
    await setClaimRecheck(tx, claim.id, { status, recheckReason: entry.reason });
    await insertAuditEvent(tx, {
      actorId,
      action: "claim.library_recheck",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      before: { status: claim.status, recheckReason: claim.recheckReason },
      after: {
        status,
        recheckReason: entry.reason,
        entryId: entry.id,
        entryNumber: entry.number,
      },
    });
  }
  return linked.length;
}
