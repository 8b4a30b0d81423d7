import type {
  AnchorState,
  ClaimStatus,
  LibraryRelation,
  Severity,
  Verdict,
} from "@/lib/core/vocabulary";

/**
 * The shapes of a claim that the core's rules read and the database stores. The core owns them
 * so that pure code (re-anchoring, the export model, selections) never imports the SQL layer;
 * `db/queries/claims.ts` returns rows of these shapes.
 */

/** A claim's fields, as stored. */
export type ClaimRecord = {
  id: string;
  articleId: string;
  number: number;
  createdInRevisionId: string;
  status: ClaimStatus;
  verdict: Verdict | null;
  verdictStale: boolean;
  rationale: string;
  suggestedCorrection: string;
  severity: Severity;
  assigneeId: string | null;
  editorNote: string | null;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
  /** The claims-library entry it was recognised as, and how it relates (both or neither). */
  libraryEntryId: string | null;
  libraryRelation: LibraryRelation | null;
  /** Why it must be checked again when that is not its own text (its library entry changed). */
  recheckReason: string | null;
  version: number;
};

/** Where a claim stands in one revision: its W3C selectors (quote and position) and state. */
export type AnchorValues = {
  exact: string;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  state: AnchorState;
  score: number;
};

/** The review fields a save may change. */
export type ClaimFieldChanges = Partial<
  Pick<
    ClaimRecord,
    | "status"
    | "verdict"
    | "verdictStale"
    | "rationale"
    | "suggestedCorrection"
    | "severity"
    | "assigneeId"
    | "editorNote"
    | "recheckReason"
  >
>;
