import { attachment } from "@/lib/core/export/formats";
import { articleExportQuery } from "@/lib/core/validation/exports";
import { defineRoute } from "@/lib/server/route";
import { exportFile, loadExportModel } from "@/lib/services/exports/load";

export const dynamic = "force-dynamic";

/** An article's export in one of the formats of `lib/core/export/formats.ts`, as a download. Viewers and above. */
export const GET = defineRoute({
  name: "article.export",
  input: articleExportQuery,
  run: async ({ db, actor, input }) => {
    // The revision as it stands now, never a publication's snapshot (why: `loadExportFile`).
    const model = await loadExportModel(db, actor, input.slug, { revision: input.revision });
    const file = await exportFile(model, input.format);
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
