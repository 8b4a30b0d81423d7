/**
 * Bulk actions on a selection of claims in the work queues: assign, add or remove a tag, set the
 * status. Each is one transaction and all or nothing: the selection is locked (in id order) and
 * refused as a whole if a claim was deleted or changed since the list showed it (its version),
 * or if any one claim may not take the change — the refusal names the claims. Assigning and
 * setting the status go through the single-claim services (their rules and audit events apply,
 * one event per claim); tagging writes its own `claim.tag` event per claim changed.
 */
import "server-only";
import type { Tx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { findClaimById } from "@/db/queries/claims";
import { lockSelectedClaims } from "@/db/queries/queues";
import {
  addTagToClaims,
  findTagById,
  listTagsOfClaims,
  removeTagFromClaims,
} from "@/db/queries/tags";
import { findUserById } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import {
  bulkAssignSchema,
  bulkStatusSchema,
  bulkTagSchema,
} from "@/lib/core/validation/desk-queues";
import { CLAIM_STATUS_LABELS } from "@/lib/core/vocabulary";
import { defineAction } from "@/lib/server/action";
import { assignClaim } from "@/lib/services/claims/assign";
import { updateClaim } from "@/lib/services/claims/service";

type Selected = Awaited<ReturnType<typeof lockSelectedClaims>>[number];

/** At most this many claims are named in a refusal; the rest are counted. */
const NAMED = 10;

/** "claims 3, 5 in “Stem cells”; claim 2 in “Vitamin D”", grouped by article. */
export function nameClaims(rows: Pick<Selected, "number" | "articleTitle">[]): string {
  const byArticle = new Map<string, number[]>();
  for (const r of rows.slice(0, NAMED)) {
    byArticle.set(r.articleTitle, [...(byArticle.get(r.articleTitle) ?? []), r.number]);
  }
  const parts = [...byArticle].map(([title, numbers]) => {
    const sorted = numbers.sort((a, b) => a - b);
    return `claim${sorted.length === 1 ? "" : "s"} ${sorted.join(", ")} in “${title}”`;
  });
  const more = rows.length > NAMED ? ` and ${rows.length - NAMED} more` : "";
  return `${parts.join("; ")}${more}`;
}

/**
 * Locks the selection and checks it is as the list showed it: every claim still there, at the
 * version sent. Returns the locked rows in id order.
 */
async function lockSelection(
  tx: Tx,
  selection: { claimId: string; version: number }[],
): Promise<Selected[]> {
  const rows = await lockSelectedClaims(
    tx,
    selection.map((c) => c.claimId),
  );
  const sent = new Map(selection.map((c) => [c.claimId, c.version]));
  const missing = selection.length - rows.length;
  if (missing > 0) {
    throw new AppError(
      "conflict",
      `${missing === 1 ? "One of the selected claims was" : `${missing} of the selected claims were`} deleted since the list was loaded. Nothing was changed: reload the list and select again.`,
    );
  }
  const stale = rows.filter((r) => r.version !== sent.get(r.id));
  if (stale.length > 0) {
    throw new AppError(
      "conflict",
      `Someone changed ${nameClaims(stale)} since the list was loaded. Nothing was changed: reload the list and check ${stale.length === 1 ? "it" : "them"} first.`,
      { details: { stale: stale.map((r) => ({ claimId: r.id, number: r.number })) } },
    );
  }
  return rows;
}

/**
 * Runs `change` on each claim; if any refuses (an expected error), the whole action is refused
 * with each refused claim named and why, and the transaction rolls back what the others did.
 * Anything unexpected (a database error) is thrown at once: the transaction is done for.
 */
async function eachOrNothing(
  rows: Selected[],
  change: (row: Selected) => Promise<boolean>,
): Promise<number> {
  const refused: { row: Selected; message: string }[] = [];
  let changed = 0;
  for (const row of rows) {
    try {
      if (await change(row)) changed += 1;
    } catch (err) {
      if (!(err instanceof AppError) || err.code === "internal") throw err;
      refused.push({ row, message: err.message });
    }
  }
  if (refused.length > 0) {
    const reasons = [...new Set(refused.map((r) => r.message))].slice(0, 3).join(" ");
    throw new AppError(
      "rule",
      `Nothing was changed: ${nameClaims(refused.map((r) => r.row))} cannot take it. ${reasons}`,
      { details: { refused: refused.map((r) => ({ claimId: r.row.id, number: r.row.number })) } },
    );
  }
  return changed;
}

const ctxOf = (tx: Tx, actor: Actor) => ({ tx, actor, prepared: undefined });

export const bulkAssignClaims = defineAction({
  name: "queue.bulk_assign",
  input: bulkAssignSchema,
  // The single-claim service's own permission: each claim goes through it.
  permission: "claim:assign",
  // Audited per claim changed; a selection already assigned so changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, { claims, assigneeId }) => {
    const rows = await lockSelection(tx, claims);
    // The assignee checked once, so a viewer or a disabled account is one clear refusal.
    let assigneeName: string | null = null;
    if (assigneeId !== null) {
      const assignee = await findUserById(tx, assigneeId);
      if (!assignee || assignee.disabledAt)
        throw new AppError(
          "validation",
          "That person cannot be assigned claims: reload and choose again.",
          {
            fieldErrors: { assigneeId: ["Choose a reviewer, editor or admin."] },
          },
        );
      assigneeName = assignee.name;
    }
    const changed = await eachOrNothing(rows, async (row) => {
      await assignClaim.run(ctxOf(tx, actor), { claimId: row.id, assigneeId });
      return row.assigneeId !== assigneeId;
    });
    return { selected: rows.length, changed, assigneeName };
  },
});

export const bulkSetClaimStatus = defineAction({
  name: "queue.bulk_status",
  input: bulkStatusSchema,
  // The single-claim service's own permission: each claim goes through it.
  permission: "claim:update",
  // Audited per claim changed; claims that have the status already are left as they are.
  audit: "when-changed",
  run: async ({ tx, actor }, { claims, status }) => {
    const rows = await lockSelection(tx, claims);
    const changed = await eachOrNothing(rows, async (row) => {
      const claim = await findClaimById(tx, row.id);
      if (!claim) throw new AppError("not_found", "The claim was deleted meanwhile.");
      // The claim's own review fields as they are, but the status: the service's rules decide
      // (a resolved claim needs a verdict and evidence) and it writes the claim.update event.
      const updated = await updateClaim.run(ctxOf(tx, actor), {
        claimId: claim.id,
        version: row.version,
        status,
        verdict: claim.verdict,
        severity: claim.severity,
        rationale: claim.rationale,
        suggestedCorrection: claim.suggestedCorrection,
      });
      return updated.version !== row.version;
    });
    return { selected: rows.length, changed, statusLabel: CLAIM_STATUS_LABELS[status] };
  },
});

export const bulkTagClaims = defineAction({
  name: "queue.bulk_tag",
  input: bulkTagSchema,
  permission: "tag:apply",
  // Audited per claim changed; claims that have (or lack) the tag already are left as they are.
  audit: "when-changed",
  run: async ({ tx, actor }, { claims, tagId, mode }) => {
    const rows = await lockSelection(tx, claims);
    const tag = await findTagById(tx, tagId);
    if (!tag)
      throw new AppError("conflict", "That tag was deleted meanwhile. Reload and choose another.");
    const tagsOf = await listTagsOfClaims(
      tx,
      rows.map((r) => r.id),
    );
    const names = (id: string) => (tagsOf.get(id) ?? []).map((t) => t.name);
    const has = (id: string) => (tagsOf.get(id) ?? []).some((t) => t.id === tag.id);
    const toChange = rows.filter((r) => (mode === "add" ? !has(r.id) : has(r.id)));
    const ids = toChange.map((r) => r.id);
    if (mode === "add") await addTagToClaims(tx, tag.id, ids, actor.id);
    else await removeTagFromClaims(tx, tag.id, ids);
    for (const row of toChange) {
      const before = names(row.id);
      const after =
        mode === "add"
          ? [...before, tag.name].sort((a, b) => a.localeCompare(b))
          : before.filter((n) => n !== tag.name);
      await insertAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.tag",
        entityType: "claim",
        entityId: row.id,
        articleId: row.articleId,
        before: { tags: before },
        after: { tags: after },
      });
    }
    return { selected: rows.length, changed: toChange.length, tagName: tag.name };
  },
});
