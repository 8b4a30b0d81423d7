import { attachment } from "@/lib/core/export/formats";
import { articleExportQuery } from "@/lib/core/validation/exports";
import { defineRoute } from "@/lib/server/route";
import { loadExportFile } from "@/lib/services/downloads/export-file";

export const dynamic = "force-dynamic";

/** An article's export in one of the formats of `lib/core/export/formats.ts`, as a download. Viewers and above. */
export const GET = defineRoute({
  name: "article.export",
  input: articleExportQuery,
  run: async ({ db, actor, input }) => {
    // The same choice as `claimdesk export`: the workspace's buttons always name a revision.
    const file = await loadExportFile(db, actor, input.slug, {
      format: input.format,
      revision: input.revision,
    });
    return new Response(file.bytes, {
      headers: {
        "Content-Type": file.mediaType,
        "Content-Disposition": attachment(file.filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
