import { attachment } from "@/lib/core/export/formats";
import { libraryExportQuery } from "@/lib/core/validation/library";
import { defineRoute } from "@/lib/server/route";
import { loadLibraryExport } from "@/lib/services/library/export";

export const dynamic = "force-dynamic";

/**
 * The claims library as a download: `?format=json` (the library JSON format, the default) or
 * `?format=claimreview` (our rated entries as ClaimReviews). Viewers and above (`library:read`).
 */
export const GET = defineRoute({
  name: "library.export",
  input: libraryExportQuery,
  run: async ({ db, actor, input }) => {
    const file = await loadLibraryExport(db, actor, input.format);
    return new Response(file.body, {
      headers: {
        "Content-Type": `${file.mediaType}; charset=utf-8`,
        "Content-Disposition": attachment(file.filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
