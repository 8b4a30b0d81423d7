/**
 * One editor's note for several claims in one step: the approval panel lists the claims whose
 * verdict needs a note, and the editor writes it once. All or nothing: a claim someone saved
 * since the page was read refuses the whole step, so no claim gets a note written for a state
 * of it the editor did not see.
 */
import "server-only";
import { type ClaimRow, lockClaimById } from "@/db/queries/claims";
import { AppError, notFound } from "@/lib/core/errors";
import { setEditorNotesSchema } from "@/lib/core/validation/claims";
import { defineAction } from "@/lib/server/action";
import { writeEditorNote } from "./service";

export const setEditorNotes = defineAction({
  name: "claim.set_editor_notes",
  input: setEditorNotesSchema,
  permission: "claim:override",
  // Audited when it changes something: claims that already have the note are left as they are.
  audit: "when-changed",
  run: async ({ tx, actor }, input) => {
    // Locked in id order, so two such steps over overlapping claims cannot deadlock.
    const wanted = [...input.claims].sort((a, b) => (a.claimId < b.claimId ? -1 : 1));
    const locked: { row: ClaimRow; version: number }[] = [];
    for (const c of wanted) {
      const row = await lockClaimById(tx, c.claimId);
      if (!row) throw notFound("A claim");
      locked.push({ row, version: c.version });
    }
    if (new Set(locked.map((c) => c.row.articleId)).size > 1) {
      throw new AppError("rule", "One editor's note covers claims of one article.");
    }
    const stale = locked.filter((c) => c.row.version !== c.version).map((c) => c.row);
    if (stale.length > 0) {
      const numbers = stale.map((c) => c.number).sort((a, b) => a - b);
      throw new AppError(
        "conflict",
        `Someone else saved claim${numbers.length === 1 ? "" : "s"} ${numbers.join(", ")} after you opened the page. Nothing was saved: reload and check ${numbers.length === 1 ? "it" : "them"} first.`,
        {
          details: {
            stale: stale.map((c) => ({ claimId: c.id, number: c.number, version: c.version })),
          },
        },
      );
    }
    const updated: { claimId: string; number: number; version: number }[] = [];
    for (const { row, version } of locked) {
      if (row.editorNote === input.editorNote) continue;
      // One write and audit event per claim, as a single note: each claim's history shows it.
      const after = await writeEditorNote(tx, actor.id, row, version, input.editorNote);
      // Cannot happen with the row locked; refusing keeps the all-or-nothing promise anyway.
      if (!after)
        throw new AppError("conflict", "A claim changed meanwhile. Reload and try again.");
      updated.push({ claimId: row.id, number: row.number, version: after.version });
    }
    return { updated };
  },
});
