/**
 * The public page of a publication, `/p/<slug>` (the latest) and `/p/<slug>/v/<n>` (any), is
 * the standalone annotated HTML export (lib/core/export/html.ts) of its frozen snapshot with the
 * publication's details, so page and download are one rendering: no script, its own CSP, the
 * ClaimReview JSON-LD in the head. Pure: it reads only the publication it is given.
 *
 * Retraction: the latest page shows the notice (date and note) instead of the text, and drops
 * the ClaimReview markup (search engines must not keep showing a withdrawn fact-check). Every
 * version page keeps its text on record under a retraction banner, as journals keep retracted
 * papers readable and marked. Earlier versions say which version is current; only the latest
 * page carries ClaimReview, so a claim is not reviewed twice at two URLs.
 */
import type { PublicPublication } from "@/db/queries/publications";
import {
  EXPORT_FORMAT_IDS,
  EXPORT_FORMATS,
  type ExportFormatId,
  renderExport,
} from "@/lib/core/export/formats";
import { formatDate, link, renderHtmlExport } from "@/lib/core/export/html";
import { publicArticleUrl, publicationVersionUrl } from "@/lib/core/export/public-url";
import { escapeHtml as esc, proseHtml } from "@/lib/core/html/escape";

/** Which page: the article's (its latest publication) or one version's permanent page. */
export type PublicationView = "latest" | "version";

/** Site-relative paths: the page links within the site that serves it, whatever its host. */
export function publicPaths(slug: string) {
  const base = `/p/${encodeURIComponent(slug)}`;
  return {
    latest: base,
    version: (n: number) => `${base}/v/${n}`,
    download: (format: string, version?: number) =>
      `${base}/export?format=${format}${version === undefined ? "" : `&version=${version}`}`,
  };
}

/** The URL the exports of this page point at (W3C targets, ClaimReview `url`s). */
export function publicationSourceUrl(pub: PublicPublication, view: PublicationView): string {
  return view === "latest"
    ? publicArticleUrl(pub.snapshot)
    : publicationVersionUrl(pub.snapshot, pub.number);
}

function retractionNotice(pub: PublicPublication): string {
  const { retractedAt, retractionNote, number } = pub.latest;
  if (!retractedAt) return "";
  return `<div class="banner retraction" role="note" data-retracted="true"><p><strong>Retracted on ${esc(
    formatDate(retractedAt),
  )}.</strong> This fact-check (version ${number}) was withdrawn by the publisher.</p>${proseHtml(
    retractionNote ?? "",
  )}</div>`;
}

/**
 * The page (or, with `download`, the annotated HTML file offered on it: the same without the
 * links to other versions and downloads, which would not work offline).
 */
export function renderPublicationHtml(
  pub: PublicPublication,
  view: PublicationView,
  { download = false }: { download?: boolean } = {},
): string {
  const model = pub.snapshot;
  const paths = publicPaths(model.article.slug);
  const retracted = pub.latest.retractedAt !== null;
  const current = pub.number === pub.latest.number;
  // Checked like every link of the page: the URL is workspace configuration, and a
  // `javascript:` one must not become a link readers can click.
  const orgName = link(model.organization.url, model.organization.name);
  const approved = model.revision.approvedAt
    ? `, approved ${esc(formatDate(model.revision.approvedAt))}${
        model.revision.approvedBy ? ` by ${esc(model.revision.approvedBy)}` : ""
      }`
    : "";
  const details = `<p class="meta" data-testid="publication">Fact-checked by ${orgName}: version ${pub.number}, published ${esc(
    formatDate(pub.publishedAt),
  )} (revision ${model.revision.number}${approved}).</p>`;
  const earlier =
    !current && !retracted
      ? `<p class="banner" role="note">This is version ${pub.number}, an earlier version of this fact-check. ${
          download
            ? ""
            : `<a href="${esc(paths.latest)}">Read the current version (${pub.latest.number})</a>.`
        }</p>`
      : "";
  const showText = view === "version" || !retracted;

  const versions =
    pub.latest.number > 1 || retracted
      ? `<p>Versions: ${Array.from({ length: pub.latest.number }, (_, i) => i + 1)
          .map((n) =>
            n === pub.number && view === "version"
              ? `<strong aria-current="page">${n}</strong>`
              : `<a href="${esc(paths.version(n))}">${n}</a>`,
          )
          .join(" · ")}</p>`
      : "";
  const downloads = showText
    ? `<nav aria-label="Downloads"><p>Download this fact-check: ${EXPORT_FORMAT_IDS.map(
        (f) =>
          `<a href="${esc(paths.download(f, view === "version" ? pub.number : undefined))}" download>${esc(
            EXPORT_FORMATS[f].label,
          )}</a>`,
      ).join(" · ")}</p></nav>`
    : "";
  const published = `<p>Published with Claimdesk on ${esc(formatDate(pub.publishedAt))}.</p>`;

  return renderHtmlExport(model, {
    sourceUrl: publicationSourceUrl(pub, view),
    statusHtml: `${details}\n${showText ? retractionNotice(pub) : ""}${earlier}`,
    replaceBodyHtml: showText
      ? undefined
      : `<section class="retraction" aria-labelledby="retraction-heading"><h2 id="retraction-heading">Retracted</h2>${retractionNotice(
          pub,
        )}<p>The text and its fact-check notes stay on record at <a href="${esc(
          paths.version(pub.number),
        )}">version ${pub.number}</a>.</p></section>`,
    claimReview: view === "latest" && !retracted,
    evidenceUpdates: showText ? pub.evidenceUpdates : undefined,
    footerHtml: download ? published : `${published}${versions}${downloads}`,
  });
}

/**
 * A publication's download in one format, the same bytes for the public route and the CLI:
 * the HTML is the page without its links, the other formats render the snapshot pointing at
 * the page.
 */
export async function renderPublicationExport(
  pub: PublicPublication,
  view: PublicationView,
  format: ExportFormatId,
): Promise<Uint8Array<ArrayBuffer>> {
  if (format === "html") {
    return new TextEncoder().encode(renderPublicationHtml(pub, view, { download: true }));
  }
  return renderExport(pub.snapshot, format, {
    sourceUrl: publicationSourceUrl(pub, view),
    evidenceUpdates: pub.evidenceUpdates,
  });
}
