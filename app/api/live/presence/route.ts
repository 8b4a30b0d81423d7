import { z } from "zod";
import { PRESENCE_MODES } from "@/lib/core/desk-vocabulary";
import { AppError } from "@/lib/core/errors";
import { isSameOrigin } from "@/lib/server/origin";
import { defineRoute } from "@/lib/server/route";
import { setPresenceFocus } from "@/lib/services/live/presence";

export const dynamic = "force-dynamic";

/**
 * Which claim the person has open on their live connection and whether they are typing in it
 * (`?connection=…&claim=…&mode=viewing|editing`, no body). Answers 204, or 404 when the
 * connection is not theirs or closed. Not audited: presence changes nothing anyone made.
 */
export const POST = defineRoute({
  name: "live.presence",
  input: z.strictObject({
    connection: z.uuid({ message: "Not a valid connection id." }),
    claim: z.uuid({ message: "Not a valid claim id." }).optional(),
    mode: z.enum(PRESENCE_MODES).default("viewing"),
  }),
  run: async ({ db, actor, input, request }) => {
    if (!isSameOrigin(request.url, request.headers)) {
      throw new AppError("forbidden", "Cross-site requests are not accepted.");
    }
    const found = await setPresenceFocus(db, actor, {
      connectionId: input.connection,
      claimId: input.claim ?? null,
      mode: input.mode,
    });
    if (!found) throw new AppError("not_found", "This live connection is closed.");
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  },
});
