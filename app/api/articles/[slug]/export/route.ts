import { z } from "zod";
import { HTML_EXPORT, htmlExportFilename, renderHtmlExport } from "@/lib/export/html";
import { loadExportModel } from "@/lib/export/load";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const exportInput = z.object({
  slug: z.string().min(1).max(200),
  format: z.enum(["html"], { message: "Unknown export format; use format=html." }).default("html"),
  revision: z.coerce
    .number({ message: "revision must be a number." })
    .int("revision must be a whole number.")
    .positive("revision must be 1 or more.")
    .optional(),
});

/** An article's annotated export, as a download. Viewers and above. */
export const GET = defineRoute({
  name: "article.export",
  input: exportInput,
  run: async ({ db, actor, input }) => {
    const model = await loadExportModel(db, actor, input.slug, { revision: input.revision });
    const filename = htmlExportFilename(model);
    return new Response(renderHtmlExport(model), {
      headers: {
        "Content-Type": HTML_EXPORT.mediaType,
        "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
