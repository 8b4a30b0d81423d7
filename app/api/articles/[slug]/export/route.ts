import { z } from "zod";
import {
  EXPORT_FORMAT_IDS,
  EXPORT_FORMATS,
  exportFilename,
  renderExport,
} from "@/lib/core/export/formats";
import { defineRoute } from "@/lib/server/route";
import { loadExportModel } from "@/lib/services/exports/load";

export const dynamic = "force-dynamic";

const exportInput = z.object({
  slug: z.string().min(1).max(200),
  format: z
    .enum(EXPORT_FORMAT_IDS, {
      message: `Unknown export format; use one of ${EXPORT_FORMAT_IDS.map((f) => `format=${f}`).join(", ")}.`,
    })
    .default("html"),
  revision: z.coerce
    .number({ message: "revision must be a number." })
    .int("revision must be a whole number.")
    .positive("revision must be 1 or more.")
    .optional(),
});

/** An article's export in one of the formats of `lib/core/export/formats.ts`, as a download. Viewers and above. */
export const GET = defineRoute({
  name: "article.export",
  input: exportInput,
  run: async ({ db, actor, input }) => {
    const model = await loadExportModel(db, actor, input.slug, { revision: input.revision });
    const filename = exportFilename(model, input.format);
    const body = await renderExport(model, input.format);
    return new Response(body, {
      headers: {
        "Content-Type": EXPORT_FORMATS[input.format].mediaType,
        "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
