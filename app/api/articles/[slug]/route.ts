import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { getArticleForApi } from "@/lib/services/articles/read";

export const dynamic = "force-dynamic";

/**
 * An article's current revision (plain text) and its claims, for scripts that annotate it
 * through `POST /api/actions/…`. Viewers and above.
 */
export const GET = defineRoute({
  name: "article.read",
  input: z.object({ slug: z.string().min(1).max(200) }),
  run: async ({ db, actor, input }) =>
    NextResponse.json(await getArticleForApi(db, actor, input.slug), {
      headers: { "Cache-Control": "private, no-store" },
    }),
});
