import { z } from "zod";
import { withNegotiatedEncoding } from "@/lib/server/negotiated-encoding";
import { defineRoute } from "@/lib/server/route";
import { publicationPageResponse } from "@/lib/services/publications/http";

export const dynamic = "force-dynamic";

/** The published article: its latest publication, or the retraction notice. No sign-in. */
export const GET = withNegotiatedEncoding(
  defineRoute({
    name: "publication.page",
    input: z.object({ slug: z.string().min(1).max(200) }),
    anonymous: true,
    run: ({ db, input, request }) => publicationPageResponse(db, request, input.slug, null),
  }),
);
