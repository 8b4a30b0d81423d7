import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, type ExportFormatId } from "@/lib/core/export/formats";
import type { ExportChoice } from "@/lib/services/exports/load";

/**
 * The article's downloads, each naming the revision it exports: the latest approved revision
 * (what readers get), and the draft beside it while one is being revised, so nobody downloads
 * the approved text believing it is their draft.
 */
export function ExportDownloads({ slug, choice }: { slug: string; choice: ExportChoice }) {
  const href = (format: ExportFormatId, revision: number) =>
    `/api/articles/${encodeURIComponent(slug)}/export?format=${format}&revision=${revision}`;
  const main = choice.approved ?? choice.draft;
  if (main === null) return null;
  return (
    <>
      <a className="button" href={href("html", main)} download data-testid="download-html">
        Download annotated HTML (revision {main}
        {choice.approved === null ? ", not yet approved" : ", approved"})
      </a>
      {choice.approved !== null && choice.draft !== null ? (
        <a
          className="button"
          href={href("html", choice.draft)}
          download
          data-testid="download-draft-html"
        >
          Download draft HTML (revision {choice.draft}, not yet approved)
        </a>
      ) : null}
      <details className="export-menu">
        <summary className="button">Other exports (revision {main})</summary>
        <ul aria-label="Other exports">
          {EXPORT_FORMAT_IDS.filter((id) => id !== "html").map((id) => (
            <li key={id}>
              <a href={href(id, main)} download>
                {EXPORT_FORMATS[id].label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
