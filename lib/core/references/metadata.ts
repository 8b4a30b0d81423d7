/**
 * A work's bibliographic metadata as Claimdesk keeps it (docs/evidence.md), whichever way it came:
 * a look-up (Crossref for DOIs, PubMed for PMIDs), an imported reference-manager file, or typing.
 * The shape the look-up returns, the importer produces and a reference row is written from.
 */

import type { ReferenceSource } from "@/lib/core/evidence-vocabulary";
import type { StudyDesign } from "@/lib/core/vocabulary";

export interface ReferenceMetadata {
  /** Bare and lower-cased: 10.1000/xyz. */
  doi: string | null;
  pmid: string | null;
  /** With its prefix: PMC1234567. */
  pmcid: string | null;
  title: string;
  /** As cited: "Smith J, Doe A" (all of them; the citation shortens). */
  authors: string;
  journal: string;
  year: number | null;
  volume: string;
  issue: string;
  pages: string;
  url: string | null;
  /** PubMed's publication types ("Randomized Controlled Trial", …), or Crossref's work type. */
  publicationTypes: string[];
  abstract: string;
  source: ReferenceSource;
  /** The design the publication types suggest, for the reviewer to confirm; null: no hint. */
  suggestedDesign: StudyDesign | null;
}
