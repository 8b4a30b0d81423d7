import { NextResponse } from "next/server";
import { memberSearchSchema } from "@/lib/core/validation/notifications";
import { defineRoute } from "@/lib/server/route";
import { listMembersForPicker } from "@/lib/services/notifications/read";

export const dynamic = "force-dynamic";

/** Members for the @-mention picker (`?q=` the text after the `@`). Reviewers and above. */
export const GET = defineRoute({
  name: "members.search",
  input: memberSearchSchema,
  run: async ({ db, actor, input }) =>
    NextResponse.json(
      { members: await listMembersForPicker(db, actor, input.q) },
      { headers: { "Cache-Control": "private, no-store" } },
    ),
});
