import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { loadUnreadCount } from "@/lib/services/notifications/read";

export const dynamic = "force-dynamic";

/** The bell's figure, refetched when a live message says it changed. Anyone signed in. */
export const GET = defineRoute({
  name: "notifications.unread",
  input: z.strictObject({}),
  run: async ({ db, actor }) =>
    NextResponse.json(
      { count: await loadUnreadCount(db, actor) },
      { headers: { "Cache-Control": "private, no-store" } },
    ),
});
