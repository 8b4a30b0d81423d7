/**
 * The library as a file, for `GET /api/library/export` and `claimdesk library export`:
 *
 * - "json": the library JSON format (lib/core/validation/library.ts) that `library.import` and
 *   `claimdesk match --library` read; every current entry, "K12" as its id, its variant
 *   wordings, and an external entry's publisher, rating and URL under `external`.
 * - "claimreview": a JSON array of schema.org ClaimReviews for our own current entries that
 *   have a verdict, rated as the article export rates claims (`VERDICT_INFO`, best 5, worst 1).
 *   External entries are other desks' reviews: never re-published as ours.
 *
 * A ClaimReview's `url` is the entry's page in the workspace (`<public base URL>/library/K12`),
 * which only signed-in people can open: the file is for exchanging reviews with partners and
 * aggregators, not markup for a public page (articles' ClaimReviews are that).
 */
import "server-only";
import type { Db } from "@/db/client";
import {
  listCurrentEntriesForExport,
  listCurrentVariantPhrasings,
} from "@/db/queries/library-import";
import { getWorkspaceSettings } from "@/db/queries/settings";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import type { ClaimReviewJson } from "@/lib/core/export/claimreview";
import { publicBaseUrl } from "@/lib/core/export/public-url";
import type { LibraryExportFormat, LibraryFile } from "@/lib/core/validation/library";
import { VERDICT_INFO } from "@/lib/core/vocabulary";

/** A library ClaimReview: the article export's shape, without the article's own parts. */
export type LibraryClaimReview = Omit<ClaimReviewJson, "editor" | "itemReviewed"> & {
  itemReviewed: { "@type": "Claim"; text: string };
};

export interface LibraryExportFile {
  body: string;
  filename: string;
  mediaType: string;
  entries: number;
}

type ExportRows = Awaited<ReturnType<typeof listCurrentEntriesForExport>>;

async function readLibrary(db: Db) {
  const [rows, variants] = await Promise.all([
    listCurrentEntriesForExport(db),
    listCurrentVariantPhrasings(db),
  ]);
  const byEntry = new Map<string, string[]>();
  for (const v of variants) byEntry.set(v.entryId, [...(byEntry.get(v.entryId) ?? []), v.text]);
  return { rows, byEntry };
}

/** The current library in the library JSON format. */
export function libraryAsJson(rows: ExportRows, variants: Map<string, string[]>): LibraryFile {
  return rows.map((row) => {
    const more = variants.get(row.id) ?? [];
    return {
      id: `K${row.number}`,
      text: row.canonicalText,
      ...(row.origin === "internal" && row.verdict ? { verdict: row.verdict } : {}),
      ...(row.rationale ? { rationale: row.rationale } : {}),
      ...(row.tags.length > 0 ? { tags: row.tags } : {}),
      ...(more.length > 0 ? { variants: more } : {}),
      ...(row.origin === "external" && row.externalPublisher
        ? {
            external: {
              publisher: row.externalPublisher,
              ...(row.externalRating ? { rating: row.externalRating } : {}),
              ...(row.externalUrl ? { url: row.externalUrl } : {}),
            },
          }
        : {}),
    };
  });
}

/** Our rated current entries as ClaimReviews (see the module comment). */
export function libraryAsClaimReviews(
  rows: ExportRows,
  organization: { name: string; url: string | null },
  base: string | null,
): LibraryClaimReview[] {
  const orgUrl =
    organization.url && /^https?:\/\//i.test(organization.url) ? organization.url : base;
  const publisher = orgUrl
    ? { "@type": "Organization" as const, name: organization.name, url: orgUrl }
    : { "@type": "Organization" as const, name: organization.name };
  return rows.flatMap((row) => {
    if (row.origin !== "internal" || !row.verdict) return [];
    const verdict = VERDICT_INFO[row.verdict];
    const text = row.canonicalText.replace(/\s+/g, " ").trim();
    const credentials = row.reviewerCredentials?.trim();
    const reviewer = row.reviewerName
      ? {
          "@type": "Person" as const,
          name: row.reviewerName,
          ...(credentials ? { description: credentials } : {}),
        }
      : null;
    const review: LibraryClaimReview = {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${base ?? ""}/library/K${row.number}`,
      claimReviewed: text,
      reviewRating: {
        "@type": "Rating",
        ratingValue: verdict.rating,
        bestRating: 5,
        worstRating: 1,
        alternateName: verdict.label,
      },
      author: reviewer ? [publisher, reviewer] : publisher,
      datePublished: (row.reviewedAt ?? row.updatedAt).toISOString(),
      itemReviewed: { "@type": "Claim", text },
    };
    if (row.rationale.trim()) review.reviewBody = row.rationale.trim();
    return [review];
  });
}

/** The library as a download, for anyone who may read it (`library:read`). */
export async function loadLibraryExport(
  db: Db,
  actor: Actor | null,
  format: LibraryExportFormat,
): Promise<LibraryExportFile> {
  authorize(actor, "library:read");
  const [{ rows, byEntry }, settings] = await Promise.all([
    readLibrary(db),
    getWorkspaceSettings(db),
  ]);
  const day = new Date().toISOString().slice(0, 10);
  if (format === "json") {
    const entries = libraryAsJson(rows, byEntry);
    return {
      body: `${JSON.stringify(entries, null, 2)}\n`,
      filename: `claimdesk-library-${day}.json`,
      mediaType: "application/json",
      entries: entries.length,
    };
  }
  const reviews = libraryAsClaimReviews(
    rows,
    { name: settings.organizationName, url: settings.organizationUrl },
    publicBaseUrl(settings.publicBaseUrl),
  );
  return {
    body: `${JSON.stringify(reviews, null, 2)}\n`,
    filename: `claimdesk-library-${day}.claimreview.jsonld`,
    mediaType: "application/ld+json",
    entries: reviews.length,
  };
}
