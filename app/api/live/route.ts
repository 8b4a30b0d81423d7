import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { authorizeLiveStream, openLiveStream } from "@/lib/services/live/stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The live connection (Server-Sent Events; docs/api.md "Live updates"): `?article=<id>` for a
 * review page's changes and presence, and the signed-in person's notifications. Signed-in
 * users who may read articles (viewers and above). Never buffered nor compressed on the way.
 */
export const GET = defineRoute({
  name: "live.stream",
  input: z.strictObject({
    article: z.uuid({ message: "Not a valid article id." }).optional(),
  }),
  run: async ({ db, actor, input, request }) => {
    const articleId = input.article ?? null;
    const me = await authorizeLiveStream(db, actor, articleId);
    const last = Number(request.headers.get("last-event-id") ?? "");
    const stream = await openLiveStream(
      db,
      me,
      {
        articleId,
        lastEventId: Number.isSafeInteger(last) && last > 0 ? last : null,
      },
      request.signal,
    );
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform: compression (next start's included) must not hold messages back.
        "Cache-Control": "private, no-cache, no-transform",
        "X-Accel-Buffering": "no",
        Connection: "keep-alive",
      },
    });
  },
});
