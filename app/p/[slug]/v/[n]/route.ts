import { z } from "zod";
import { withNegotiatedEncoding } from "@/lib/server/negotiated-encoding";
import { defineRoute } from "@/lib/server/route";
import { publicationPageResponse } from "@/lib/services/publications/http";

export const dynamic = "force-dynamic";

/** One publication of the article, kept at this address for good. No sign-in. */
export const GET = withNegotiatedEncoding(
  defineRoute({
    name: "publication.version_page",
    input: z.object({
      slug: z.string().min(1).max(200),
      n: z.coerce
        .number({ message: "The version must be a number." })
        .int("The version must be a whole number.")
        .positive("The version must be 1 or more."),
    }),
    anonymous: true,
    run: ({ db, input, request }) => publicationPageResponse(db, request, input.slug, input.n),
  }),
);
