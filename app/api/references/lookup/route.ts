import { NextResponse } from "next/server";
import { z } from "zod";
import { MAX_IDENTIFIER_INPUT } from "@/lib/core/validation/identifier";
import { defineRoute } from "@/lib/server/route";
import { LookupFailure, lookupReference } from "@/lib/services/references/lookup";

export const dynamic = "force-dynamic";

/**
 * Looks up a pasted DOI, PMID or PMCID (docs/evidence.md, "Look-up"), for the evidence form.
 * Reviewers and above. `{ metadata, referenceId?, cached }`, or `{ error: { code, kind, message } }`
 * with 400 (not an identifier), 404 (no such work), 502/504 (the service failed or timed out) or
 * 503 (look-ups are off): the message says what happened and that manual entry still works.
 * A read: no audit event (the cache is not user data).
 */
export const GET = defineRoute({
  name: "reference.lookup",
  input: z.object({
    id: z
      .string({ message: "Paste a DOI, PMID or PMCID to look up." })
      // Longer text is refused by the parser with a message of its own; this bounds the input.
      .max(MAX_IDENTIFIER_INPUT * 4, "That is too long for an identifier."),
  }),
  run: async ({ db, actor, input }) => {
    try {
      const result = await lookupReference(db, actor, input.id);
      return NextResponse.json(result, { headers: { "Cache-Control": "private, no-store" } });
    } catch (error) {
      if (!(error instanceof LookupFailure)) throw error;
      const code =
        error.status === 400 ? "validation" : error.status === 404 ? "not_found" : "unavailable";
      return NextResponse.json(
        { error: { code, kind: error.kind, message: error.message } },
        { status: error.status, headers: { "Cache-Control": "no-store" } },
      );
    }
  },
});
