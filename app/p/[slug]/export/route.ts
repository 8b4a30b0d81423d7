import { attachment, EXPORT_FORMATS, publicationFilename } from "@/lib/core/export/formats";
import { publicationExportQuery } from "@/lib/core/validation/exports";
import { withNegotiatedEncoding } from "@/lib/server/negotiated-encoding";
import { defineRoute } from "@/lib/server/route";
import { cachedRenderResponse, requirePublicPagesOn } from "@/lib/services/publications/http";
import { renderPublicationExport } from "@/lib/services/publications/page";
import { cachedPublicationRender } from "@/lib/services/publications/render-cache";

export const dynamic = "force-dynamic";

/**
 * A publication's export as a download, from its frozen snapshot (never the live article):
 * the latest one pointing at `/p/<slug>`, `version=N` pointing at `/p/<slug>/v/N`. The HTML
 * is the public page itself without its links. No sign-in.
 */
export const GET = withNegotiatedEncoding(
  defineRoute({
    name: "publication.export",
    input: publicationExportQuery,
    anonymous: true,
    run: async ({ db, input, request }) => {
      await requirePublicPagesOn(db);
      const view = input.version === undefined ? "latest" : "version";
      const { head, render } = await cachedPublicationRender(
        db,
        input.slug,
        input.version ?? null,
        `export:${input.format}:${view}`,
        (publication) => renderPublicationExport(publication, view, input.format),
      );
      const format = EXPORT_FORMATS[input.format];
      const filename = publicationFilename(input.slug, head.number, input.format);
      return cachedRenderResponse(request, render, {
        "Content-Type": format.mediaType,
        "Content-Disposition": attachment(filename),
      });
    },
  }),
);
