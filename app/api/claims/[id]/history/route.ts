import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { getClaimHistory } from "@/lib/services/claims/read";

export const dynamic = "force-dynamic";

/** A claim's history (its audit events, in words), for the claim panel. Viewers and above. */
export const GET = defineRoute({
  name: "claim.history",
  input: z.object({ id: z.uuid({ message: "Not a valid claim id." }) }),
  run: async ({ db, actor, input }) =>
    NextResponse.json(
      { entries: await getClaimHistory(db, actor, input.id) },
      { headers: { "Cache-Control": "private, no-store" } },
    ),
});
