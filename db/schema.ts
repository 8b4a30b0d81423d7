/**
 * The whole Claimdesk domain (see docs/data-model.md). Every table is followed by its inferred
 * types. Enumerations live in `lib/core/vocabulary.ts` so that pure code and the UI share them
 * without importing the database layer.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  EmailCadence,
  EmailState,
  FollowReason,
  NotificationKind,
  PresenceMode,
} from "@/lib/core/desk-vocabulary";
import type { DocRoot } from "@/lib/core/document/schema";
import {
  type ChecklistCriterion,
  type ChecklistRating,
  type GradeConcernLevel,
  type GradeUpgradeReason,
  REFERENCE_FLAGS,
  REFERENCE_SOURCES,
} from "@/lib/core/evidence-vocabulary";
import type { ExportModel } from "@/lib/core/export/model";
import type { StoredSuggestion } from "@/lib/core/suggestions/select";
import {
  ANCHOR_STATES,
  ARTICLE_STATES,
  CLAIM_STATUSES,
  EVIDENCE_STANCES,
  GRADE_CERTAINTIES,
  type GradeDowngradeReason,
  LIBRARY_ORIGINS,
  LIBRARY_RELATIONS,
  LIBRARY_STATES,
  ROLES,
  SEVERITIES,
  STUDY_DESIGNS,
  VERDICTS,
} from "@/lib/core/vocabulary";

export const roleEnum = pgEnum("role", ROLES);
export const articleStateEnum = pgEnum("article_state", ARTICLE_STATES);
export const claimStatusEnum = pgEnum("claim_status", CLAIM_STATUSES);
export const verdictEnum = pgEnum("verdict", VERDICTS);
export const severityEnum = pgEnum("severity", SEVERITIES);
export const anchorStateEnum = pgEnum("anchor_state", ANCHOR_STATES);
export const evidenceStanceEnum = pgEnum("evidence_stance", EVIDENCE_STANCES);
export const studyDesignEnum = pgEnum("study_design", STUDY_DESIGNS);
export const gradeCertaintyEnum = pgEnum("grade_certainty", GRADE_CERTAINTIES);
export const libraryStateEnum = pgEnum("library_state", LIBRARY_STATES);
export const libraryOriginEnum = pgEnum("library_origin", LIBRARY_ORIGINS);
export const libraryRelationEnum = pgEnum("library_relation", LIBRARY_RELATIONS);
export const referenceFlagEnum = pgEnum("reference_flag", REFERENCE_FLAGS);
export const referenceSourceEnum = pgEnum("reference_source", REFERENCE_SOURCES);

/**
 * A full-text search vector. Written by the queries that insert text
 * (`to_tsvector('english', claimdesk_search_text(…))`, db/queries/library.ts), never read back
 * as a value: a plain column rather than a generated one, so that backup and restore copy it
 * like any other.
 */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index is the identity. */
    email: text("email").notNull(),
    /** The display name shown wherever the person is named ("Medically reviewed by …"). */
    name: text("name").notNull(),
    /** Professional credentials shown after the name, e.g. "MD, nephrologist"; empty if none. */
    credentials: text("credentials").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    /**
     * Set for a temporary password (a new account, an admin's reset): the user must choose a
     * new one before doing anything else. Cleared by changing the password.
     */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    role: roleEnum("role").notNull().default("viewer"),
    /** A disabled user is refused on the next request (their JWT is not trusted alone). */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /**
     * When the user last opened the Activity page: events after it are "new since your last
     * visit". Null until the first visit. Not audited (a read receipt, not a change to the work).
     */
    activitySeenAt: timestamp("activity_seen_at", { withTimezone: true }),
    /**
     * Put in the session JWT at sign-in and compared on every request: bumping it ends every
     * session of the user (sign-out, disabling). A counter, not a "valid after" time: next-auth
     * re-issues the token with a fresh `iat` whenever the session is read.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
export type User = typeof users.$inferSelect;

/** One row (id = 1): the publishing organization and other workspace-wide settings. */
export const workspaceSettings = pgTable(
  "workspace_settings",
  {
    id: smallint("id").primaryKey().default(1),
    organizationName: text("organization_name").notNull().default("Claimdesk"),
    organizationUrl: text("organization_url"),
    /**
     * Where the public pages are read (`https://health.example.org`): the base of every absolute
     * URL in exports and on the public page. Null: `NEXTAUTH_URL`.
     */
    publicBaseUrl: text("public_base_url"),
    /** Short text shown as the organization's logo on the public page and exports; null: none. */
    logoText: text("logo_text"),
    /** Default months between medical reviews of an article ("next review due"). */
    reviewIntervalMonths: integer("review_interval_months").notNull().default(12),
    /** Show each publication's HealthNewsReview.org checklist on its public page. */
    checklistPublic: boolean("checklist_public").notNull().default(false),
    /** When false, `/p/**` answers 404: nothing is readable publicly. */
    publicPagesEnabled: boolean("public_pages_enabled").notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [check("workspace_settings_single_row", sql`${t.id} = 1`)],
);
export type WorkspaceSettings = typeof workspaceSettings.$inferSelect;

export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    sourceUrl: text("source_url"),
    originalAuthor: text("original_author"),
    /** As given by the source (free text such as "2016-04-02 10:37"), shown verbatim. */
    originalPublishedAt: text("original_published_at"),
    state: articleStateEnum("state").notNull().default("draft"),
    /**
     * The revision being reviewed and edited. Not a foreign key: articles and revisions refer
     * to each other, and the service layer sets this in the same transaction as the insert.
     */
    currentRevisionId: uuid("current_revision_id"),
    /**
     * Medical review dates (docs/evidence.md): when the article was last medically reviewed (set
     * when a revision is approved, or by an editor), its own interval in months (null: the
     * workspace's `review_interval_months`) and the date that gives, kept with both so the "Due
     * for review" queue is one indexed range.
     */
    lastReviewedOn: date("last_reviewed_on", { mode: "string" }),
    reviewIntervalMonths: integer("review_interval_months"),
    nextReviewDue: date("next_review_due", { mode: "string" }),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("articles_slug_key").on(t.slug),
    index("articles_next_review_due_idx").on(t.nextReviewDue),
    check(
      "articles_review_interval_positive",
      sql`${t.reviewIntervalMonths} IS NULL OR ${t.reviewIntervalMonths} BETWEEN 1 AND 120`,
    ),
  ],
);
export type Article = typeof articles.$inferSelect;

/**
 * The database also keeps `search`, the text's stored tsvector for workspace search (migration
 * 0010, GENERATED ALWAYS … STORED), not declared here so that drizzle never reads or writes it.
 */
export const revisions = pgTable(
  "revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    number: integer("number").notNull(),
    /** The Tiptap/ProseMirror JSON document. Immutable once written. */
    doc: jsonb("doc").$type<DocRoot>().notNull(),
    /** `docToPlainText(doc)`: the coordinate space of every claim anchor in this revision. */
    plainText: text("plain_text").notNull(),
    summary: text("summary").notNull().default(""),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    parentId: uuid("parent_id"),
    approvedById: uuid("approved_by_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /**
     * An editor's record that this revision was reviewed and needs no claims (its suggestions
     * need no claim): lets approval through with untriaged suggestions, published as such.
     */
    noClaimsNote: text("no_claims_note"),
    noClaimsById: uuid("no_claims_by_id").references(() => users.id),
    noClaimsAt: timestamp("no_claims_at", { withTimezone: true }),
    /**
     * When this revision's sentences and claims were last matched against the claims library
     * (its `library_matches`); null when never (a revision saved before the library existed).
     */
    libraryCheckedAt: timestamp("library_checked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("revisions_article_number_key").on(t.articleId, t.number),
    check("revisions_number_positive", sql`${t.number} > 0`),
  ],
);
export type Revision = typeof revisions.$inferSelect;

/**
 * The database also keeps `search`, the rationale's stored tsvector for workspace search
 * (migration 0010, GENERATED ALWAYS … STORED), not declared here so that drizzle never reads or
 * writes it.
 */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    /** Short number per article ("Claim 3"), for people and for exports' note numbers. */
    number: integer("number").notNull(),
    createdInRevisionId: uuid("created_in_revision_id")
      .notNull()
      .references(() => revisions.id),
    status: claimStatusEnum("status").notNull().default("open"),
    verdict: verdictEnum("verdict"),
    /** True when the quoted text changed after the verdict was given (needs re-check). */
    verdictStale: boolean("verdict_stale").notNull().default(false),
    rationale: text("rationale").notNull().default(""),
    suggestedCorrection: text("suggested_correction").notNull().default(""),
    severity: severityEnum("severity").notNull().default("medium"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** The editor's override of the approval gate for this claim, published as an editor's note. */
    editorNote: text("editor_note"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * A claim created by mistake, deleted by its creator or an editor while in no publication.
     * The row, its anchors and its history stay (audited facts are never removed); every list,
     * gate and export leaves it out. Its number is not reused.
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
    /**
     * The claims-library entry this claim was recognised as (accepted from a match, or added to
     * the library), and how it relates: the same claim, or its opposite. Both or neither.
     */
    libraryEntryId: uuid("library_entry_id").references((): AnyPgColumn => libraryEntries.id),
    libraryRelation: libraryRelationEnum("library_relation"),
    /**
     * Why the claim must be checked again when the reason is not its own text (that is
     * `verdict_stale`): its library entry's verdict changed, or the entry was superseded or
     * withdrawn. Cleared when a reviewer confirms the claim.
     */
    recheckReason: text("recheck_reason"),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("claims_article_number_key").on(t.articleId, t.number),
    index("claims_library_entry_idx").on(t.libraryEntryId),
    check(
      "claims_library_link_whole",
      sql`(${t.libraryEntryId} IS NULL) = (${t.libraryRelation} IS NULL)`,
    ),
    index("claims_assignee_idx").on(t.assigneeId),
    /** The Activity page finds "my claims" (created or assigned) on every load. */
    index("claims_created_by_idx").on(t.createdById),
    check(
      "claims_resolved_has_verdict",
      sql`${t.status} <> 'resolved' OR ${t.verdict} IS NOT NULL`,
    ),
  ],
);
export type Claim = typeof claims.$inferSelect;

/**
 * Where a claim sits in one revision: W3C TextQuoteSelector (exact, prefix, suffix) and
 * TextPositionSelector (start, end) over that revision's plain text, and how it was found.
 * An orphaned claim keeps its last quote and has no position.
 * The database also keeps `search`, the quote's stored tsvector (migration 0010), not declared
 * here so that drizzle never reads or writes it.
 */
export const claimAnchors = pgTable(
  "claim_anchors",
  {
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => revisions.id),
    exact: text("exact").notNull(),
    prefix: text("prefix").notNull(),
    suffix: text("suffix").notNull(),
    start: integer("start"),
    end: integer("end"),
    state: anchorStateEnum("state").notNull(),
    score: real("score").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.revisionId] }),
    index("claim_anchors_revision_idx").on(t.revisionId),
    check(
      "claim_anchors_range",
      sql`(${t.state} = 'orphaned' AND ${t.start} IS NULL AND ${t.end} IS NULL) OR (${t.state} <> 'orphaned' AND ${t.start} >= 0 AND ${t.end} > ${t.start})`,
    ),
  ],
);
export type ClaimAnchor = typeof claimAnchors.$inferSelect;

/**
 * The database also keeps `search`, its title and authors' stored tsvector for workspace search (migration
 * 0010), not declared here so that drizzle never reads or writes it.
 */
export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    title: text("title").notNull(),
    authors: text("authors").notNull().default(""),
    publisher: text("publisher").notNull().default(""),
    year: integer("year"),
    url: text("url"),
    doi: text("doi"),
    pmid: text("pmid"),
    excerpt: text("excerpt").notNull().default(""),
    stance: evidenceStanceEnum("stance").notNull(),
    studyDesign: studyDesignEnum("study_design").notNull(),
    gradeCertainty: gradeCertaintyEnum("grade_certainty"),
    gradeDowngradeReasons: jsonb("grade_downgrade_reasons")
      .$type<GradeDowngradeReason[]>()
      .notNull()
      .default([]),
    /**
     * The reference in the workspace's list this item cites; its citation fields above are a
     * copy, rewritten when the reference is corrected. Null: typed by hand with no DOI or PMID.
     */
    referenceId: uuid("reference_id").references((): AnyPgColumn => bibReferences.id),
    addedById: uuid("added_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("evidence_claim_idx").on(t.claimId),
    index("evidence_reference_idx").on(t.referenceId),
  ],
);
export type Evidence = typeof evidence.$inferSelect;

/**
 * The database also keeps `search`, the body's stored tsvector for workspace search (migration
 * 0010), not declared here so that drizzle never reads or writes it.
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /**
     * The people the body @-mentions. The body stores each mention as `@[Name](user:<id>)`
     * (lib/core/comments/mentions.ts), rendered with the person's current name.
     */
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index("comments_claim_idx").on(t.claimId)],
);
export type Comment = typeof comments.$inferSelect;

/**
 * Append-only record of every change. A trigger (migration 0001) rejects UPDATE and DELETE.
 * `before`/`after` hold only the fields that the action touched.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    articleId: uuid("article_id").references(() => articles.id),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    note: text("note"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_article_idx").on(t.articleId),
    /** The admin audit page: one person's events, newest first, and a date range. */
    index("audit_events_actor_idx").on(t.actorId, t.id),
    index("audit_events_at_idx").on(t.at),
    /**
     * The dashboard's time to verdict: each claim's first event whose `after` names a verdict
     * (db/queries/dashboard.ts), read from this index instead of every event's JSON.
     */
    index("audit_events_claim_verdict_idx")
      .on(t.entityId, t.at)
      .where(sql`${t.entityType} = 'claim' AND (${t.after} ->> 'verdict') IS NOT NULL`),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

/** Immutable snapshot of an approved revision with its claims, verdicts and evidence. */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => revisions.id),
    number: integer("number").notNull(),
    /** The export model (lib/core/export/model.ts) frozen at publication time. */
    snapshot: jsonb("snapshot").$type<ExportModel>().notNull(),
    publishedById: uuid("published_by_id")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    retractedAt: timestamp("retracted_at", { withTimezone: true }),
    retractionNote: text("retraction_note"),
  },
  (t) => [uniqueIndex("publications_article_number_key").on(t.articleId, t.number)],
);
export type Publication = typeof publications.$inferSelect;

/**
 * Suggested claims a reviewer dismissed, remembered per article by the sentence's text (with
 * whitespace collapsed), so the suggestion stays dismissed in later revisions too.
 */
export const suggestionDismissals = pgTable(
  "suggestion_dismissals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    sentence: text("sentence").notNull(),
    dismissedById: uuid("dismissed_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("suggestion_dismissals_article_sentence_key").on(t.articleId, t.sentence)],
);
export type SuggestionDismissal = typeof suggestionDismissals.$inferSelect;

/**
 * The detector's suggestions for one revision, computed once (lib/services/articles/suggestions.ts)
 * instead of on every review-page request (seconds on a 2 MB article). Derived data, like a
 * cache: recomputable from the revision's immutable plain text, so it has no audit event.
 * `detectorVersion` is `DETECTOR_VERSION` when the row was written: a row of another version is
 * ignored and replaced, so a changed detector never serves stale suggestions.
 */
export const revisionSuggestions = pgTable(
  "revision_suggestions",
  {
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => revisions.id),
    detectorVersion: integer("detector_version").notNull(),
    /** Ordered by `start`; offsets into the revision's plain text. */
    suggestions: jsonb("suggestions").$type<StoredSuggestion[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.detectorVersion] })],
);

/**
 * Failed sign-in attempts in the throttling window (lib/server/auth/login-throttle.ts), shared by every
 * app instance: `key` is `account:<e-mail as typed>` or `ip:<address>`. An attempt is written
 * before its password is checked and removed if it succeeds; rows older than the window are
 * pruned as attempts come in. Not audit events: attacker-made volume, kept only for the window.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("login_failures_key_at_idx").on(t.key, t.at),
    index("login_failures_at_idx").on(t.at),
  ],
);
export type LoginFailure = typeof loginFailures.$inferSelect;

/**
 * The claims library: a claim the desk checked once, with its verdict and evidence, recognised
 * when it comes back in another article (docs/library-matching.md). Versioned like a claim; every
 * change is audited. External entries come from other fact-checkers' ClaimReview markup and keep
 * their publisher's words: `externalRating` is never turned into one of our verdicts.
 */
export const libraryEntries = pgTable(
  "library_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number for people and URLs ("K12"). */
    number: integer("number").notNull(),
    /** The canonical wording; also stored as the entry's canonical phrasing, which is matched. */
    canonicalText: text("canonical_text").notNull(),
    /** `superseded` has its successor in `library_supersessions`. */
    state: libraryStateEnum("state").notNull().default("current"),
    origin: libraryOriginEnum("origin").notNull().default("internal"),
    /** Our verdict (internal entries); null for external ones and for entries not yet rated. */
    verdict: verdictEnum("verdict"),
    rationale: text("rationale").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** External entries: who rated it, in their words, where (ClaimReview `author`, `reviewRating.alternateName`, `url`). */
    externalPublisher: text("external_publisher"),
    externalRating: text("external_rating"),
    externalUrl: text("external_url"),
    /** Who last gave the verdict, and when (internal entries). */
    reviewedById: uuid("reviewed_by_id").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** When the desk must look at the entry again (the workspace's review interval by default). */
    reviewDue: date("review_due", { mode: "string" }),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("library_entries_number_key").on(t.number),
    index("library_entries_state_idx").on(t.state),
    index("library_entries_review_due_idx").on(t.reviewDue),
    index("library_entries_tags_idx").using("gin", t.tags),
    check(
      "library_entries_external_has_publisher",
      sql`${t.origin} <> 'external' OR ${t.externalPublisher} IS NOT NULL`,
    ),
  ],
);
export type LibraryEntry = typeof libraryEntries.$inferSelect;

/**
 * Which entry replaced a superseded one (a merge, or a newer wording of the finding). A table of
 * its own rather than a column referring to its own table: backups load tables parents first
 * (lib/core/backup/order.ts), which a self-reference would make impossible.
 */
export const librarySupersessions = pgTable(
  "library_supersessions",
  {
    entryId: uuid("entry_id")
      .primaryKey()
      .references(() => libraryEntries.id),
    successorId: uuid("successor_id")
      .notNull()
      .references(() => libraryEntries.id),
    supersededById: uuid("superseded_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("library_supersessions_successor_idx").on(t.successorId),
    check("library_supersessions_not_itself", sql`${t.entryId} <> ${t.successorId}`),
  ],
);
export type LibrarySupersession = typeof librarySupersessions.$inferSelect;

/**
 * The wordings of an entry that matching searches: its canonical text and the variants seen
 * in articles. Indexed for full-text search (English, unaccented) and trigram similarity by
 * expression indexes in the migration (drizzle-kit cannot express them), so the library is
 * searched in the database at any size, never loaded into memory.
 */
export const libraryPhrasings = pgTable(
  "library_phrasings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => libraryEntries.id),
    text: text("text").notNull(),
    canonical: boolean("canonical").notNull().default(false),
    /** `to_tsvector('english', claimdesk_search_text(text))`, set with the text. */
    search: tsvector("search").notNull(),
    /** The claim whose wording this variant is, when it came from one. */
    sourceClaimId: uuid("source_claim_id").references(() => claims.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("library_phrasings_search_idx").using("gin", t.search),
    index("library_phrasings_entry_idx").on(t.entryId),
    // Unique per entry by md5(text), and searched by trigrams: expression indexes written by
    // hand in migration 0006 (a wording may be longer than a btree entry allows).
    uniqueIndex("library_phrasings_one_canonical_key").on(t.entryId).where(sql`${t.canonical}`),
  ],
);
export type LibraryPhrasing = typeof libraryPhrasings.$inferSelect;

/** The evidence behind an entry: items of the claims it was reviewed on, linked, not copied. */
export const libraryEntryEvidence = pgTable(
  "library_entry_evidence",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => libraryEntries.id),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.evidenceId] }),
    index("library_entry_evidence_evidence_idx").on(t.evidenceId),
  ],
);
export type LibraryEntryEvidence = typeof libraryEntryEvidence.$inferSelect;

/** A library match a reviewer dismissed for one sentence of one article: not offered again. */
export const libraryMatchDismissals = pgTable(
  "library_match_dismissals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => libraryEntries.id),
    sentence: text("sentence").notNull(),
    dismissedById: uuid("dismissed_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  // Unique per (article, entry, md5(sentence)): an expression index in migration 0006.
  (t) => [index("library_match_dismissals_article_idx").on(t.articleId)],
);
export type LibraryMatchDismissal = typeof libraryMatchDismissals.$inferSelect;

/**
 * What matching found in one revision (docs/library-matching.md): a span of its plain text
 * (a sentence, or a claim's quote) that makes a library entry's claim or states its opposite,
 * with the classifier's score and the entry's terms found and missing (the review page
 * highlights the differing words). Replaced as a whole each time the revision is matched; a
 * revision's matches are as of its `library_checked_at`.
 */
export const libraryMatches = pgTable(
  "library_matches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => revisions.id),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => libraryEntries.id),
    /** The wording of the entry that matched best. */
    phrasingId: uuid("phrasing_id").references(() => libraryPhrasings.id),
    /** UTF-16 offsets into the revision's plain text. */
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    /** The matched span's text (a sentence or a claim's quote), as it was matched. */
    text: text("text").notNull(),
    /** The claim whose quote was matched, when the span is a claim's. */
    claimId: uuid("claim_id").references(() => claims.id),
    relation: libraryRelationEnum("relation").notNull(),
    score: real("score").notNull(),
    /** The entry's terms found in the span and those missing (for highlighting). */
    matchedTerms: text("matched_terms").array().notNull().default(sql`'{}'::text[]`),
    missingTerms: text("missing_terms").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    index("library_matches_revision_idx").on(t.revisionId),
    index("library_matches_entry_idx").on(t.entryId),
    uniqueIndex("library_matches_span_key").on(t.revisionId, t.entryId, t.start, t.end),
    check("library_matches_range", sql`${t.start} >= 0 AND ${t.end} > ${t.start}`),
  ],
);
export type LibraryMatch = typeof libraryMatches.$inferSelect;

/**
 * Workspace search's lexicon (docs/search.md): every distinct word (unstemmed, lower-cased,
 * unaccented, 3–40 letters) of the searched texts, for typo tolerance: a query word that is not
 * here is widened to its nearest words here by trigram similarity. Filled by triggers on every
 * searched table (migration 0008), so every writer keeps it current; words are never removed
 * (a stale word only widens a query to a word that finds nothing).
 */
export const searchWords = pgTable(
  "search_words",
  {
    word: text("word").primaryKey(),
  },
  (t) => [index("search_words_trgm_idx").using("gin", t.word.op("gin_trgm_ops"))],
);

/**
 * The workspace's reference list (docs/evidence.md): each cited work once, looked up by DOI or
 * PMID, imported from a reference manager or typed in. Evidence items point at it; correcting a
 * reference rewrites every item's copy. The retraction watch records what it finds here.
 */
export const bibReferences = pgTable(
  "bib_references",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number for people and URLs ("R12"). */
    number: integer("number").notNull(),
    /** Lower-cased, bare (10.1000/xyz). */
    doi: text("doi"),
    pmid: text("pmid"),
    /** With its prefix (PMC1234567). */
    pmcid: text("pmcid"),
    title: text("title").notNull(),
    /** As cited: "Smith J, Doe A". */
    authors: text("authors").notNull().default(""),
    journal: text("journal").notNull().default(""),
    year: integer("year"),
    volume: text("volume").notNull().default(""),
    issue: text("issue").notNull().default(""),
    pages: text("pages").notNull().default(""),
    url: text("url"),
    /** PubMed's publication types ("Randomized Controlled Trial", …) or Crossref's work type. */
    publicationTypes: text("publication_types").array().notNull().default(sql`'{}'::text[]`),
    abstract: text("abstract").notNull().default(""),
    source: referenceSourceEnum("source").notNull().default("manual"),
    /** The worst of its notices (below), or null when none was found. */
    flag: referenceFlagEnum("flag"),
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    /** When the watch last checked it, and what went wrong that time (null: it worked). */
    watchedAt: timestamp("watched_at", { withTimezone: true }),
    watchError: text("watch_error"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("bib_references_number_key").on(t.number),
    uniqueIndex("bib_references_doi_key").on(t.doi).where(sql`${t.doi} IS NOT NULL`),
    uniqueIndex("bib_references_pmid_key").on(t.pmid).where(sql`${t.pmid} IS NOT NULL`),
    index("bib_references_watched_idx").on(t.watchedAt),
    index("bib_references_flag_idx").on(t.flag),
  ],
);
export type BibReference = typeof bibReferences.$inferSelect;

/** A notice the watch found for a reference: a retraction, withdrawal, concern or correction. */
export const referenceNotices = pgTable(
  "reference_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referenceId: uuid("reference_id")
      .notNull()
      .references(() => bibReferences.id),
    kind: referenceFlagEnum("kind").notNull(),
    /** Where it was found: `crossref` (its update notices, Retraction Watch's data) or `pubmed`. */
    origin: text("origin").notNull(),
    /** The notice itself, when it has one (the retraction notice's DOI, or PMID). */
    noticeDoi: text("notice_doi"),
    noticePmid: text("notice_pmid"),
    /** The notice's own date as the source gives it (YYYY-MM-DD, YYYY-MM or YYYY), if any. */
    noticeDate: text("notice_date"),
    label: text("label").notNull().default(""),
    foundAt: timestamp("found_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reference_notices_key").on(t.referenceId, t.kind, t.origin),
    index("reference_notices_reference_idx").on(t.referenceId),
  ],
);
export type ReferenceNotice = typeof referenceNotices.$inferSelect;

/**
 * A dated "Evidence update" on a publication: a reference it cites was flagged after it was
 * published. The publication's snapshot is never touched; its public page and exports show these.
 */
export const publicationNotices = pgTable(
  "publication_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    publicationId: uuid("publication_id")
      .notNull()
      .references(() => publications.id),
    referenceId: uuid("reference_id")
      .notNull()
      .references(() => bibReferences.id),
    kind: referenceFlagEnum("kind").notNull(),
    /** The notice as published, in words (which evidence, of which claims, what happened). */
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("publication_notices_key").on(t.publicationId, t.referenceId, t.kind),
    index("publication_notices_publication_idx").on(t.publicationId),
  ],
);
export type PublicationNotice = typeof publicationNotices.$inferSelect;

/**
 * Answers of outside services (Crossref, NCBI), by request: look-ups read here first. `status`
 * 404 remembers that a DOI or PMID does not exist. Rows past `expires_at` are fetched again.
 */
export const lookupCache = pgTable(
  "lookup_cache",
  {
    key: text("key").primaryKey(),
    status: integer("status").notNull(),
    body: jsonb("body").$type<unknown>(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("lookup_cache_expires_idx").on(t.expiresAt)],
);
export type LookupCacheRow = typeof lookupCache.$inferSelect;

/**
 * Scheduled jobs (lib/services/jobs): one row per job, leased by the instance that runs it
 * (`SELECT … FOR UPDATE SKIP LOCKED`, then `locked_until`), so a job runs once across every
 * instance on the database; a crashed holder's lease runs out and another takes over.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text("name").primaryKey(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lockedBy: text("locked_by"),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  /** `ok` or `failed`; null before the first run. */
  lastOutcome: text("last_outcome"),
  lastSummary: jsonb("last_summary").$type<Record<string, unknown>>(),
  lastError: text("last_error"),
});
export type ScheduledJob = typeof scheduledJobs.$inferSelect;

/** GRADE rated down in one domain for a claim's body of evidence, with why. */
export type GradeDomainRating = { level: GradeConcernLevel; reason: string };
/** GRADE rated up for one reason, with why. */
export type GradeUpgradeRating = { applies: boolean; reason: string };

/**
 * GRADE for a claim's whole body of evidence (lib/core/evidence/grade-assessment.ts): the five
 * domains for rating down and the three reasons for rating up, each with a reason. The certainty
 * is computed from them and the evidence's designs, never stored.
 */
export const claimGradeAssessments = pgTable("claim_grade_assessments", {
  claimId: uuid("claim_id")
    .primaryKey()
    .references(() => claims.id),
  domains: jsonb("domains")
    .$type<Partial<Record<GradeDowngradeReason, GradeDomainRating>>>()
    .notNull()
    .default({}),
  upgrades: jsonb("upgrades")
    .$type<Partial<Record<GradeUpgradeReason, GradeUpgradeRating>>>()
    .notNull()
    .default({}),
  updatedById: uuid("updated_by_id")
    .notNull()
    .references(() => users.id),
  updatedAt: updatedAt(),
  version: integer("version").notNull().default(1),
});
export type ClaimGradeAssessment = typeof claimGradeAssessments.$inferSelect;

/** One criterion of an article's checklist: its rating and a note. */
export type ChecklistItem = { rating: ChecklistRating; note: string };

/**
 * An article's HealthNewsReview.org checklist, filled in the approval panel; copied into each
 * publication's snapshot when it is published.
 */
export const articleChecklists = pgTable("article_checklists", {
  articleId: uuid("article_id")
    .primaryKey()
    .references(() => articles.id),
  items: jsonb("items")
    .$type<Partial<Record<ChecklistCriterion, ChecklistItem>>>()
    .notNull()
    .default({}),
  updatedById: uuid("updated_by_id")
    .notNull()
    .references(() => users.id),
  updatedAt: updatedAt(),
  version: integer("version").notNull().default(1),
});
export type ArticleChecklist = typeof articleChecklists.$inferSelect;

/**
 * The workspace's tag list (issue 14): editors manage it; reviewers put tags on claims and
 * editors on articles. Names are unique whatever their case.
 */
export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tags_name_idx").on(sql`lower(${t.name})`)],
);
export type Tag = typeof tags.$inferSelect;

export const articleTags = pgTable(
  "article_tags",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    addedById: uuid("added_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tagId] }),
    index("article_tags_tag_idx").on(t.tagId),
  ],
);

export const claimTags = pgTable(
  "claim_tags",
  {
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    addedById: uuid("added_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.tagId] }), index("claim_tags_tag_idx").on(t.tagId)],
);

/**
 * Who follows a claim: told of replies on it. One follows what one created, was assigned or
 * commented on (`reason`: the first of these); `muted` stops it without forgetting why.
 */
export const claimFollowers = pgTable(
  "claim_followers",
  {
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").$type<FollowReason>().notNull(),
    muted: boolean("muted").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.userId] }),
    index("claim_followers_user_idx").on(t.userId),
  ],
);

/**
 * One thing one person is told, written in the transaction of the audit event that caused it
 * (`auditEventId`; at most one notification of a kind per person per event). `summary` is the
 * sentence shown, in words, fixed when written. `readAt` is a read receipt, not audited.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").$type<NotificationKind>().notNull(),
    articleId: uuid("article_id").references(() => articles.id),
    claimId: uuid("claim_id").references(() => claims.id),
    auditEventId: bigint("audit_event_id", { mode: "number" }),
    actorId: uuid("actor_id").references(() => users.id),
    summary: text("summary").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_event_idx").on(t.userId, t.auditEventId, t.kind),
    /** The bell: one person's unread, newest first. */
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

/** One person's choice for one kind of notification; a kind without a row uses the default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").$type<NotificationKind>().notNull(),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(true),
    cadence: text("cadence").$type<EmailCadence>().notNull().default("immediate"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * The transactional outbox of e-mail: a row per notification to be e-mailed, written in the
 * notification's transaction (so a crash after the commit loses nothing) only while SMTP is
 * configured, delivered by the `email-outbox` job (one instance at a time). `notificationId`
 * is unique: one e-mail per notification, never two. `deliverAfter` holds a daily digest's
 * rows until its hour.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    notificationId: bigint("notification_id", { mode: "number" })
      .notNull()
      .references(() => notifications.id),
    articleId: uuid("article_id").references(() => articles.id),
    kind: text("kind").$type<NotificationKind>().notNull(),
    cadence: text("cadence").$type<EmailCadence>().notNull(),
    state: text("state").$type<EmailState>().notNull().default("pending"),
    deliverAfter: timestamp("deliver_after", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** The Message-ID sent (fixed before the first attempt, so a retry carries the same one). */
    messageId: text("message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_notification_idx").on(t.notificationId),
    index("email_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} IN ('pending', 'sending')`),
  ],
);
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;

/**
 * Who is on which review page, one row per open page (browser tab), refreshed by its live
 * connection; a row not seen for a minute is gone. Shared through the database so that every
 * app instance sees the same people. Not audited (it changes nothing anyone made).
 */
export const presence = pgTable(
  "presence",
  {
    connectionId: text("connection_id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    claimId: uuid("claim_id"),
    mode: text("mode").$type<PresenceMode>().notNull().default("viewing"),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("presence_article_idx").on(t.articleId)],
);

/** A person's named filter of the work queues (its query string). */
export const savedFilters = pgTable(
  "saved_filters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("saved_filters_name_idx").on(t.userId, sql`lower(${t.name})`)],
);
export type SavedFilter = typeof savedFilters.$inferSelect;
