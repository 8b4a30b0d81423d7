import { z } from "zod";
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { CLAIM_STATUSES, SEVERITIES, VERDICTS } from "@/lib/core/vocabulary";
import { id, text, version } from "./common";

/**
 * A person's text selection in a revision, as a claim is created or re-attached from it. The
 * server checks `exact` against its own copy of the text.
 */
export const selectionFields = {
  /** The revision the selection was made in: must still be the current one. */
  revisionId: id(),
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  /** The text the browser believes it selected. */
  exact: z
    .string()
    .min(1, "Select some text first.")
    .max(MAX_QUOTE, "Select at most 5,000 characters."),
};

/** The checks of a selection's range, on a schema that has `selectionFields`. */
export function withSelectionChecks<Schema extends z.ZodType<{ start: number; end: number }>>(
  schema: Schema,
): Schema {
  return schema
    .refine((v) => v.end > v.start, { message: "The selection is empty.", path: ["end"] })
    .refine((v) => v.end - v.start <= MAX_QUOTE, {
      message: "Select at most 5,000 characters.",
      path: ["end"],
    });
}

export const createClaimSchema = withSelectionChecks(z.object(selectionFields));

export const updateClaimSchema = z.object({
  claimId: id(),
  version: version(),
  status: z.enum(CLAIM_STATUSES, { message: "Choose a status." }),
  verdict: z.enum(VERDICTS, { message: "Choose a verdict." }).nullable(),
  severity: z.enum(SEVERITIES, { message: "Choose a severity." }),
  rationale: text(20_000, 0, "Rationale"),
  suggestedCorrection: text(5_000, 0, "Suggested correction"),
});

export const setEditorNoteSchema = z.object({
  claimId: id(),
  version: version(),
  editorNote: text(5_000, 0, "Editor's note"),
});

export const assignClaimSchema = z.object({
  claimId: id(),
  /** null unassigns. */
  assigneeId: id().nullable(),
});

export const dismissSuggestionSchema = z.object({
  articleId: id(),
  sentence: text(MAX_QUOTE, 1, "Sentence"),
});

/** Deleting a claim made by mistake, and restoring it (the undo): both name the version read. */
export const deleteClaimSchema = z.object({
  claimId: id(),
  version: version(),
});

export const restoreClaimSchema = deleteClaimSchema;

/** Restoring a dismissed suggestion: the sentence as the dismissed list shows it. */
export const restoreSuggestionSchema = dismissSuggestionSchema;
/** One editor's note for several claims at once (the approval panel's form). */
export const setEditorNotesSchema = z.object({
  claims: z
    .array(z.object({ claimId: id(), version: version() }))
    .min(1, "Choose at least one claim.")
    .max(500, "At most 500 claims at once.")
    .refine((cs) => new Set(cs.map((c) => c.claimId)).size === cs.length, {
      message: "A claim is listed twice.",
    }),
  editorNote: text(5_000, 1, "Editor's note"),
});
