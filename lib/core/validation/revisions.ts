import { z } from "zod";
import { docSchema } from "@/lib/core/document/schema";
import { MAX_NO_CLAIMS_NOTE, MAX_SUMMARY } from "@/lib/core/limits/revisions";
import { selectionFields, withSelectionChecks } from "./claims";
import { id, text, version } from "./common";

/**
 * Bounds checked before the (recursive) schema walks a document from a client: nesting (a deep
 * enough tree would exhaust the stack; each block counts twice, itself and its content array)
 * and the number of objects. The plain text's length is checked by the service, on the text it
 * computes itself.
 */
export const MAX_DOC_NESTING = 64;
export const MAX_DOC_NODES = 200_000;

/** True when `value`'s object/array nesting and node count are within the bounds above. */
export function withinDocLimits(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (++nodes > MAX_DOC_NODES || depth > MAX_DOC_NESTING) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A document from a client: bounded first, then checked against the editor's schema. */
export const clientDocSchema = z
  .unknown()
  .refine(withinDocLimits, { message: "The document is too large or too deeply nested." })
  .pipe(docSchema);

export const saveRevisionSchema = z.object({
  articleId: id(),
  /** The revision the editor started from: a save on top of a newer one is a conflict. */
  baseRevisionId: id(),
  summary: text(MAX_SUMMARY, 1, "Summary"),
  doc: clientDocSchema,
});

export const reattachClaimSchema = withSelectionChecks(
  z.object({
    claimId: id(),
    /** The claim version the person saw. */
    version: version(),
    ...selectionFields,
  }),
);

export const recordNoClaimsSchema = z.object({
  articleId: id(),
  /** The revision the editor reviewed: a newer one was not, so recording on it is a conflict. */
  revisionId: id(),
  note: text(MAX_NO_CLAIMS_NOTE, 1, "Note"),
});
