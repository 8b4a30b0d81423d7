/**
 * The audit trail's event kinds: for each action code, the entity it names and the shapes of
 * its `before` and `after` values. Writers (`insertAuditEvent`) can only write an event of one
 * of these kinds; readers (the claim history, the Activity lines, the audit page, the verdict
 * givers) narrow a stored event by its action and read its values by name. The codes and entity
 * labels are the strings stored in `audit_events`: never rename one (old rows keep them). Pure.
 */

import type { ClaimFieldChanges } from "@/lib/core/claims/shapes";
import type { NotificationKind } from "@/lib/core/desk-vocabulary";
import type { GradeJudgements } from "@/lib/core/evidence/grade-assessment";
import type { EvidenceFields } from "@/lib/core/evidence/shapes";
import type {
  ChecklistCriterion,
  ChecklistRating,
  ReferenceFlag,
} from "@/lib/core/evidence-vocabulary";
import type { ImportFormat } from "@/lib/core/import/file-type";
import type {
  AnchorState,
  AuditEntityType,
  ClaimStatus,
  GradeCertainty,
  LibraryRelation,
  LibraryState,
  Role,
  Verdict,
} from "@/lib/core/vocabulary";

/** What one run of the retraction watch did (also the job's `last_summary`). */
export type WatchRunSummary = {
  checked: number;
  flagged: number;
  notices: number;
  rechecked: number;
  publicationNotices: number;
  errors: string[];
  requests: { crossref: number; ncbi: number };
  /** References left for the next run (the run's time or size bound was reached). */
  remaining: number;
};

/** One kind of event: the entity it names, and what `before` and `after` hold (null: nothing). */
interface Kind<E extends AuditEntityType, Before, After> {
  entity: E;
  before: Before;
  after: After;
}

type SessionVersion = { sessionVersion: number };
type PasswordState = { mustChangePassword: boolean; sessionVersion: number };
type Profile = { name: string; credentials: string };
/** Where a claim's quote stood, and any review fields a re-anchoring sent back for a re-check. */
type AnchorChange = ClaimFieldChanges & {
  anchorState: AnchorState;
  exact: string;
  start?: number | null;
  end?: number | null;
};
/** An evidence item's values (all of them when added or deleted, the changed ones on an edit). */
type EvidenceValues = Partial<EvidenceFields> & {
  /** The reference it cites (its citation is a copy of the reference's), or null. */
  referenceId?: string | null;
};
/** A reference's fields (all of them when created, the changed ones on a correction). */
type ReferenceValues = {
  title?: string;
  authors?: string;
  journal?: string;
  year?: number | null;
  volume?: string;
  issue?: string;
  pages?: string;
  url?: string | null;
  doi?: string | null;
  pmid?: string | null;
  pmcid?: string | null;
  publicationTypes?: string[];
  abstract?: string;
};
/** `mentions`: the ids the body @-mentions (absent on events written before mentions). */
type CommentOf = { claimId: string; body: string; mentions?: string[] };
/** A claim's GRADE judgements and the certainty they gave when saved (null: no GRADE start). */
type GradeValues = Required<GradeJudgements> & { certainty: GradeCertainty | null };
/** A claim linked to a library entry from a match, and what the entry brought with it. */
type LibraryLink = {
  entryId: string;
  entryNumber: number;
  relation: LibraryRelation;
  evidenceCopied: number;
};
/** A library entry's editable fields (the changed ones on an edit). */
type LibraryEntryValues = {
  canonicalText?: string;
  verdict?: Verdict | null;
  rationale?: string;
  tags?: string[];
  reviewDue?: string | null;
  state?: LibraryState;
};
/** What a change to an entry did to the claims linked to it: how many went back to re-check. */
type Rechecked = { number: number; rechecked: number };

/** A revision saved or re-imported: the text's size, the article's state, the anchors' fate. */
type RevisionSaved = Kind<
  "revision",
  { revision: number | null; state: string },
  {
    revision: number;
    summary: string;
    characters: number;
    state: string;
    anchors: Record<AnchorState, number>;
  }
>;

type ArticleTransitioned = Kind<
  "article",
  { state: string },
  {
    state: string;
    revisionId: string | null;
    publication?: Record<string, unknown>;
    /** An approval dates the article's medical review. */
    reviewDates?: { lastReviewedOn: string; nextReviewDue: string };
  }
>;

/** An article's medical review dates (the changed ones). */
type ReviewDateValues = {
  lastReviewedOn?: string | null;
  reviewIntervalMonths?: number | null;
  nextReviewDue?: string | null;
};
/** The checklist criteria that changed: each one's rating and note before and after. */
type ChecklistValues = {
  items: Partial<Record<ChecklistCriterion, { rating: ChecklistRating; note: string }>>;
};

/** Every action code the code writes, with its entity and values. */
export interface AuditEventKinds {
  "user.setup": Kind<"user", null, { email: string; name: string; role: Role }>;
  "user.create": Kind<
    "user",
    null,
    { email: string; name: string; role: Role; mustChangePassword: true }
  >;
  "user.change_role": Kind<"user", { role: Role }, { role: Role }>;
  "user.disable": Kind<
    "user",
    { disabledAt: null; sessionVersion: number },
    { disabledAt: string; sessionVersion: number }
  >;
  "user.enable": Kind<"user", { disabledAt: string }, { disabledAt: null }>;
  "user.signout": Kind<"user", SessionVersion, SessionVersion>;
  "user.reset_password": Kind<"user", PasswordState, PasswordState>;
  "user.unlock": Kind<"user", { failedSignIns: number }, { failedSignIns: 0 }>;
  "user.update_profile": Kind<"user", Profile, Profile>;
  "account.change_password": Kind<"user", PasswordState, PasswordState>;
  "account.update_profile": Kind<"user", Profile, Profile>;
  /** Only the settings that changed, by name. */
  "settings.update": Kind<"settings", Record<string, unknown>, Record<string, unknown>>;
  "demo.seed_user": Kind<"user", null, { email: string; role: Role }>;
  /**
   * E-mail turned off for kinds of notification from an e-mail's unsubscribe link (the
   * person is the actor and the entity): each kind's e-mail setting before and after.
   */
  "notification.unsubscribe": Kind<
    "user",
    { email: Partial<Record<NotificationKind, boolean>> },
    { email: Partial<Record<NotificationKind, boolean>> }
  >;
  "article.import": Kind<
    "article",
    null,
    {
      slug: string;
      title: string;
      sourceUrl: string | null;
      revision: number;
      characters: number;
      format?: ImportFormat;
      fileName?: string | null;
    }
  >;
  "article.transition.submit": ArticleTransitioned;
  "article.transition.request_changes": ArticleTransitioned;
  "article.transition.approve": ArticleTransitioned;
  "article.transition.publish": ArticleTransitioned;
  "article.transition.retract": ArticleTransitioned;
  "article.review_dates": Kind<"article", ReviewDateValues, ReviewDateValues>;
  /**
   * The daily review-due job found the article's medical review date had come (once per due
   * date; the actor is null): the editors are told.
   */
  "article.review_due": Kind<"article", null, { nextReviewDue: string }>;
  "article.checklist": Kind<"article", ChecklistValues, ChecklistValues & { summary: string }>;
  "revision.create": RevisionSaved;
  "revision.import": RevisionSaved;
  "revision.record_no_claims": Kind<
    "revision",
    { note: string } | null,
    { revision: number; note: string }
  >;
  "annotations.import": Kind<
    "article",
    null,
    {
      revision: number;
      total: number;
      created: number;
      changed: number;
      skipped: Record<string, number>;
      claimNumbers: number[];
    }
  >;
  "claim.create": Kind<
    "claim",
    null,
    {
      number: number;
      exact: string;
      start: number | null;
      end: number | null;
      revision: number;
      /** The rest: from an annotation import (its anchor, the review it carried, its author). */
      state?: AnchorState;
      score?: number;
      status?: ClaimStatus;
      verdict?: Verdict | null;
      annotation?: {
        id: string | null;
        creator: string | null;
        created: string | null;
        quote: string;
      };
      /** Accepted from a claims-library match: the entry and what came with it. */
      library?: LibraryLink;
    }
  >;
  /** An existing claim recognised as a library entry: the review fields it was given. */
  "claim.library_link": Kind<
    "claim",
    ClaimFieldChanges,
    ClaimFieldChanges & { library: LibraryLink }
  >;
  /** Only the fields that changed. */
  "claim.update": Kind<"claim", ClaimFieldChanges, ClaimFieldChanges>;
  "claim.assign": Kind<
    "claim",
    { assigneeId: string | null; assigneeName: string | null },
    { assigneeId: string | null; assigneeName: string | null }
  >;
  "claim.set_editor_note": Kind<
    "claim",
    { editorNote: string | null },
    { editorNote: string | null }
  >;
  "claim.reanchor": Kind<"claim", AnchorChange, AnchorChange & { revision: number }>;
  "claim.reattach": Kind<"claim", AnchorChange, AnchorChange & { revision: number }>;
  "claim.delete": Kind<
    "claim",
    { status: ClaimStatus; verdict: Verdict | null },
    { number: number; quote: string | null }
  >;
  "claim.restore": Kind<
    "claim",
    { deletedAt: string },
    { number: number; anchorState?: AnchorState; exact?: string; revision?: number }
  >;
  /** The first assessment has no `before`. */
  "claim.grade_assessment": Kind<"claim", GradeValues | null, GradeValues>;
  "evidence.add": Kind<"evidence", null, EvidenceValues & { claimId: string }>;
  "evidence.update": Kind<
    "evidence",
    EvidenceValues & { claimId: string },
    EvidenceValues & { claimId: string }
  >;
  /** A hard delete: `before` keeps the item's values. */
  "evidence.delete": Kind<
    "evidence",
    EvidenceValues & { claimId: string; addedById: string; createdAt: string; version: number },
    null
  >;
  "comment.add": Kind<"comment", null, CommentOf>;
  "comment.edit": Kind<"comment", CommentOf, CommentOf>;
  "comment.delete": Kind<"comment", CommentOf, { claimId: string; deletedAt: string | null }>;
  /** A revision matched against the claims library on demand: what was found. */
  "library.match_revision": Kind<
    "revision",
    null,
    { revision: number; spans: number; same: number; opposite: number }
  >;
  /** A library match dismissed for one sentence of one article. */
  "library.dismiss_match": Kind<
    "library_entry",
    null,
    { entryNumber: number; sentence: string; relation: LibraryRelation }
  >;
  /** The entity is the article (a sentence has no id of its own). */
  "suggestion.dismiss": Kind<"suggestion", null, { sentence: string }>;
  /** A resolved claim added to the library: a new entry, or (`variant`) a wording of one. */
  "library.add_claim": Kind<
    "library_entry",
    null,
    {
      number: number;
      claimId: string;
      claimNumber: number;
      variant: boolean;
      text: string;
      verdict: Verdict | null;
      evidence: number;
    }
  >;
  /** Only the fields that changed. */
  "library.update": Kind<"library_entry", LibraryEntryValues, LibraryEntryValues & Rechecked>;
  "library.supersede": Kind<
    "library_entry",
    { state: LibraryState },
    Rechecked & { state: "superseded"; successorId: string; successorNumber: number }
  >;
  /** The reason is the event's note. */
  "library.withdraw": Kind<
    "library_entry",
    { state: LibraryState },
    Rechecked & { state: "withdrawn" }
  >;
  /** The entity is the survivor; the merged entries are superseded by it. */
  "library.merge": Kind<
    "library_entry",
    null,
    Rechecked & {
      mergedIds: string[];
      mergedNumbers: number[];
      phrasings: number;
      evidence: number;
      claimIds: string[];
    }
  >;
  /** The entity is the entry split; `newEntryId` the entry made from its wordings. */
  "library.split": Kind<
    "library_entry",
    null,
    {
      number: number;
      newEntryId: string;
      newNumber: number;
      canonicalText: string;
      phrasingIds: string[];
      claimIds: string[];
    }
  >;
  /** A claim sent back to re-check because its library entry changed (the reason in words). */
  "claim.library_recheck": Kind<
    "claim",
    { status: ClaimStatus; recheckReason: string | null },
    { status: ClaimStatus; recheckReason: string; entryId: string; entryNumber: number }
  >;
  /**
   * The retraction watch (lib/services/references/watch.ts) found a new notice for a cited
   * reference: its flag before and after. The actor is null when the scheduled job ran it, the
   * editor who pressed "Run the watch now" otherwise.
   */
  "reference.flag": Kind<
    "reference",
    { flag: ReferenceFlag | null },
    { flag: ReferenceFlag; number: number; notices: { kind: ReferenceFlag; origin: string }[] }
  >;
  /** A claim sent back to re-check because a study its evidence cites was flagged. */
  "claim.reference_recheck": Kind<
    "claim",
    { status: ClaimStatus; recheckReason: string | null },
    { status: ClaimStatus; recheckReason: string; referenceId: string; referenceNumber: number }
  >;
  /** A dated "Evidence update" added to a publication (its snapshot untouched). */
  "publication.evidence_update": Kind<
    "publication",
    null,
    { referenceId: string; kind: ReferenceFlag; text: string }
  >;
  /** An editor ran the watch from the Evidence updates page: what it did. */
  "reference.watch_run": Kind<"job", null, WatchRunSummary>;
  "suggestion.restore": Kind<
    "suggestion",
    { sentence: string; dismissedById: string; dismissedAt: string },
    null
  >;
  /**
   * Entries brought into the library from a file (ClaimReview markup or a library JSON file):
   * the entity is the first entry created; `numbers` are all of them ("K12" is 12).
   */
  "library.import": Kind<
    "library_entry",
    null,
    { format: "claimreview" | "json"; created: number; skipped: number; numbers: number[] }
  >;
  /** The workspace's tag list (issue 14): a tag made, renamed, deleted (with what it was on). */
  "tag.create": Kind<"tag", null, { name: string }>;
  "tag.rename": Kind<"tag", { name: string }, { name: string }>;
  "tag.delete": Kind<"tag", { name: string; articles: number; claims: number }, null>;
  /** An article's or a claim's tags, by name, before and after (alone or in a bulk action). */
  "article.tag": Kind<"article", { tags: string[] }, { tags: string[] }>;
  "claim.tag": Kind<"claim", { tags: string[] }, { tags: string[] }>;
  /** A person's own saved filter of the work queues (the entity is the person). */
  "filter.save": Kind<"user", null, { name: string; query: string }>;
  "filter.delete": Kind<"user", { name: string; query: string }, null>;
  /** A reference added to the list: typed, found for an evidence item, or (`source`) imported. */
  "reference.create": Kind<"reference", null, ReferenceValues & { number: number; source: string }>;
  /** A correction; `evidenceCorrected` items had their copied citation rewritten. */
  "reference.update": Kind<
    "reference",
    ReferenceValues & { number: number },
    ReferenceValues & { number: number; evidenceCorrected: number }
  >;
  /**
   * References brought in from a reference manager's file: the entity is the first created;
   * `numbers` are all of them ("R12" is 12); `skipped` were duplicates or not picked.
   */
  "reference.import": Kind<
    "reference",
    null,
    { format: string; fileName: string; created: number; skipped: number; numbers: number[] }
  >;
  /** One's own notification preferences: the kinds whose choice changed, before and after. */
  "notification.preferences": Kind<
    "user",
    Record<string, { inApp: boolean; email: boolean; cadence: string }>,
    Record<string, { inApp: boolean; email: boolean; cadence: string }>
  >;
}

export type AuditAction = keyof AuditEventKinds;
/** What an event of `A` records as `before` / `after`. */
export type AuditBefore<A extends AuditAction> = AuditEventKinds[A]["before"];
export type AuditAfter<A extends AuditAction> = AuditEventKinds[A]["after"];

/** The values `record` had in the fields that `changes` sets: the `before` of that change. */
export function valuesBefore<T extends object>(record: T, changes: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.keys(changes).map((k) => [k, record[k as keyof T]]),
  ) as Partial<T>;
}

/** A value slot: required when the kind has one, absent (or null) when it has none. */
type Slot<Name extends string, V> = [V] extends [null]
  ? { [K in Name]?: null }
  : null extends V
    ? { [K in Name]?: V }
    : { [K in Name]: V };

/** An event as a writer gives it: one kind's action, entity and values, plus who and where. */
export type AuditEventInput = {
  [A in AuditAction]: {
    actorId: string | null;
    action: A;
    entityType: AuditEventKinds[A]["entity"];
    entityId: string;
    articleId?: string | null;
    note?: string | null;
  } & Slot<"before", AuditEventKinds[A]["before"]> &
    Slot<"after", AuditEventKinds[A]["after"]>;
}[AuditAction];

type Values<V> = [V] extends [null] ? null : Partial<NonNullable<V>> | null;

/**
 * An event as read back: narrowed by its action, its values typed by name but every field
 * optional (rows written by older versions of the code may lack a field added since), and
 * null where nothing was recorded.
 */
export type StoredAuditEvent = {
  [A in AuditAction]: {
    action: A;
    before: Values<AuditEventKinds[A]["before"]>;
    after: Values<AuditEventKinds[A]["after"]>;
  };
}[AuditAction];

/** A stored event of one action. */
export type StoredEventOf<A extends AuditAction> = Extract<StoredAuditEvent, { action: A }>;

/** The values' shape as the database returns them (jsonb), before they are read as a kind. */
export interface AuditRowValues {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * A row of `audit_events` read as the kind its action names. The database is the trust
 * boundary: every row was written through `AuditEventInput`, whose codes never change, so the
 * row is taken at its word; a code this version does not know still reads (readers fall back
 * to words made from the code).
 */
export function storedAuditEvent<T extends AuditRowValues>(
  row: T,
): Omit<T, keyof AuditRowValues> & StoredAuditEvent {
  return row as unknown as Omit<T, keyof AuditRowValues> & StoredAuditEvent;
}

/**
 * The claim an evidence or comment event is about: named in `after`, or in `before` for a
 * deletion. Null for every other event (a claim's own events name it as their entity).
 */
export function claimNamedBy(event: StoredAuditEvent): string | null {
  switch (event.action) {
    case "evidence.add":
    case "evidence.update":
    case "evidence.delete":
    case "comment.add":
    case "comment.edit":
    case "comment.delete": {
      const id = event.after?.claimId ?? event.before?.claimId;
      return typeof id === "string" ? id : null;
    }
    default:
      return null;
  }
}

/** The name of a value field of an action's `after`, checked against its kind (for SQL). */
export function afterField<A extends AuditAction>(
  _action: A,
  field: keyof NonNullable<AuditEventKinds[A]["after"]> & string,
): string {
  return field;
}
