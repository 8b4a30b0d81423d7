/**
 * The authorization matrix: every action definition, every server action and every route
 * handler in the code, called as anonymous, viewer, reviewer, editor and admin on a real
 * database, against the expected outcome written down below. The lists are discovered from the
 * code (tests/helpers/action-registry.ts), so a new action or route that is not in the tables
 * fails here until someone decides who may call it.
 *
 * Route handlers cannot be driven in-process: their actor comes from next-auth's session, which
 * needs Next's request context. So each route is listed with how it is protected: either it is
 * open (and says why), or it is a `defineRoute` whose `run` calls one authorized read, which is
 * called here with each actor; the test also checks that the route file still calls it. Over
 * HTTP, tests/e2e/access.spec.ts checks the anonymous 401 of a protected route.
 */

import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { insertComment } from "../../db/queries/comments";
import {
  insertLibraryEntry,
  insertLibraryPhrasing,
  listLibraryPhrasings,
} from "../../db/queries/library";
import { insertReference } from "../../db/queries/references";
import { insertSavedFilter } from "../../db/queries/saved-filters";
import { insertTag } from "../../db/queries/tags";
import {
  articleChecklists,
  articles,
  claimGradeAssessments,
  claims,
  evidence,
  libraryMatches,
  publications,
  suggestionDismissals,
  users,
} from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import { signUnsubscribeToken } from "../../lib/core/email/unsubscribe-token";
import { auditLogQuerySchema } from "../../lib/core/validation/audit";
import { ROLES, type Role } from "../../lib/core/vocabulary";
import { API_ACTIONS } from "../../lib/entry/api/actions";
import { type ActionResult, executeAction } from "../../lib/server/action";
import { appSecret } from "../../lib/server/session-secret";
import { getArticleForApi } from "../../lib/services/articles/read";
import { transitionArticle } from "../../lib/services/articles/service";
import { auditCsvStream } from "../../lib/services/audit/read";
import { deleteClaim } from "../../lib/services/claims/delete";
import { getClaimHistory } from "../../lib/services/claims/read";
import { updateClaim } from "../../lib/services/claims/service";
import { dashboardCsv } from "../../lib/services/dashboard/read";
import { loadExportFile } from "../../lib/services/downloads/export-file";
import { addEvidence } from "../../lib/services/evidence/service";
import { loadLibraryExport } from "../../lib/services/library/export";
import { setPresenceFocus } from "../../lib/services/live/presence";
import { authorizeLiveStream } from "../../lib/services/live/stream";
import { listMembersForPicker, loadUnreadCount } from "../../lib/services/notifications/read";
import { lookupReference } from "../../lib/services/references/lookup";
import {
  type AnyActionDefinition,
  discoverDefinitions,
  discoverRouteHandlers,
  discoverServerActions,
  ROOT,
  type ServerAction,
} from "../helpers/action-registry";
import { createTestDatabase, freshDatabasePerTest } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_QUOTE,
  TEST_PASSWORD,
  triageSuggestions,
} from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

type Caller = "anonymous" | Role;
const CALLERS: readonly Caller[] = ["anonymous", ...ROLES];

/** The least role allowed, or "anyone" for what is open to anonymous visitors. */
type Least = Role | "anyone";

interface Seed {
  db: Db;
  actors: Record<Role, Actor>;
  article: { id: string; slug: string; revisionId: string };
  claim: { id: string; version: number };
}

/** A valid input for `actor`, so that only the role can stand between the call and its work. */
type InputFor = (seed: Seed, actor: Actor | null) => Promise<unknown>;

const someone = (seed: Seed, actor: Actor | null) => actor ?? seed.actors.reviewer;
const unique = () => Math.random().toString(36).slice(2, 10);
const articleVersion = async (seed: Seed) =>
  (await seed.db.select().from(articles).where(eq(articles.id, seed.article.id)))[0]?.version ?? 1;
const claimVersion = async (seed: Seed) =>
  (await seed.db.select().from(claims).where(eq(claims.id, seed.claim.id)))[0]?.version ?? 1;
/** A fresh evidence item (added by the seed's reviewer), so each caller has one to change. */
const freshEvidence = async (seed: Seed) => {
  const added = await ok(
    executeAction(
      addEvidence,
      { db: seed.db, actor: seed.actors.reviewer },
      {
        claimId: seed.claim.id,
        title: `Study ${unique()}`,
        stance: "supports",
        studyDesign: "rct",
      },
    ),
  );
  const [row] = await seed.db.select().from(evidence).where(eq(evidence.id, added.id));
  return { evidenceId: added.id, version: row?.version ?? 1 };
};
/** A comment written by the caller, so that only the role (not authorship) can refuse. */
const ownComment = async (seed: Seed, actor: Actor | null) =>
  (
    await insertComment(seed.db, {
      claimId: seed.claim.id,
      authorId: someone(seed, actor).id,
      body: "A comment.",
    })
  ).id;
/**
 * A fresh claim created by the caller (by the seed's reviewer for those who cannot create one),
 * so that only the role (not authorship) can refuse deleting or restoring it.
 */
const ownClaim = async (seed: Seed, actor: Actor | null) => {
  const creator = actor && actor.role !== "viewer" ? actor : seed.actors.reviewer;
  const claim = await claimQuote(seed.db, creator, seed.article.revisionId);
  return { claimId: claim.id, version: claim.version, creator };
};
/** A claim of the caller's, deleted by them (or by the seed's reviewer), to restore. */
const ownDeletedClaim = async (seed: Seed, actor: Actor | null) => {
  const { claimId, version, creator } = await ownClaim(seed, actor);
  const deleted = await ok(
    executeAction(deleteClaim, { db: seed.db, actor: creator }, { claimId, version }),
  );
  return { claimId, version: deleted.version };
};
/** A fresh library entry matched to the seed article's first sentence, so each caller has one. */
const freshLibraryMatch = async (seed: Seed) => {
  const entry = await insertLibraryEntry(seed.db, {
    canonicalText: `Stem cell therapy treats kidney failure ${unique()}.`,
    createdById: seed.actors.editor.id,
    verdict: "misleading",
  });
  const sentence = STEM_CELL_PLAIN.split("\n\n")[0] ?? "";
  const [row] = await seed.db
    .insert(libraryMatches)
    .values({
      revisionId: seed.article.revisionId,
      entryId: entry.id,
      start: 0,
      end: sentence.length,
      text: sentence,
      relation: "same",
      score: 0.8,
    })
    .returning();
  return { matchId: row?.id };
};
/** A fresh tag of the workspace's list, so each caller has one of its own to change. */
const freshTag = (seed: Seed) => insertTag(seed.db, `Tag ${unique()}`, seed.actors.editor.id);
/** A fresh library entry with no claim linked (so no change to it sends any to re-check). */
const freshEntry = async (seed: Seed) => {
  const entry = await insertLibraryEntry(seed.db, {
    canonicalText: `Vitamin C prevents colds ${unique()}`,
    verdict: "misleading",
    createdById: seed.actors.editor.id,
  });
  return { entryId: entry.id, version: entry.version };
};
/** A fresh resolved claim of the seed article (by the seed's reviewer), not in the library. */
/** A fresh reference (no evidence cites it), so each caller has one to correct. */
const freshReference = async (seed: Seed) => {
  const row = await insertReference(seed.db, {
    doi: `10.5555/${unique()}`,
    pmid: null,
    pmcid: null,
    title: "A randomized trial",
    authors: "Smith J",
    journal: "Trials",
    year: 2020,
    volume: "",
    issue: "",
    pages: "",
    url: null,
    publicationTypes: [],
    abstract: "",
    source: "manual",
    createdById: seed.actors.reviewer.id,
  });
  return { referenceId: row.id, version: row.version };
};
const freshResolvedClaim = async (seed: Seed) =>
  (await resolvedInaccurateClaim(seed.db, seed.actors.reviewer, seed.article.revisionId)).id;
/**
 * The seed article published once (its open claim set not check-worthy, suggestions triaged,
 * approved by someone other than its author): claims made afterwards are anchored in the
 * published revision.
 */
const publishedSeedArticle = async (seed: Seed) => {
  const published = await seed.db
    .select({ id: publications.id })
    .from(publications)
    .where(eq(publications.articleId, seed.article.id));
  if (published.length > 0) return;
  const move = async (actor: Actor, transition: string) =>
    ok(
      executeAction(
        transitionArticle,
        { db: seed.db, actor },
        { articleId: seed.article.id, transition, version: await articleVersion(seed) },
      ),
    );
  await move(seed.actors.editor, "submit");
  await ok(
    executeAction(
      updateClaim,
      { db: seed.db, actor: seed.actors.reviewer },
      {
        claimId: seed.claim.id,
        version: await claimVersion(seed),
        status: "dismissed",
        verdict: null,
        severity: "medium",
        rationale: "",
        suggestedCorrection: "",
      },
    ),
  );
  await triageSuggestions(seed.db, seed.actors.reviewer, seed.article.id);
  await move(seed.actors.admin, "approve");
  await move(seed.actors.admin, "publish");
};
const quoteRange = (text: string) => ({
  start: text.indexOf(STEM_CELL_QUOTE),
  end: text.indexOf(STEM_CELL_QUOTE) + STEM_CELL_QUOTE.length,
  exact: STEM_CELL_QUOTE,
});
const STEM_CELL_PLAIN = `Stem cell therapy as one of the new treatment of kidney failure, it has been used to treat various kidney diseases widely.\n\nEven though stem cell therapy has no toxicity and rejection reaction, it still has some side effects or risks.`;

/**
 * Every action definition: who may call it, and a valid input. Written by hand on purpose: it
 * is the statement of policy the code is checked against, not a copy of PERMISSIONS.
 */
/**
 * `receipt`: a read receipt about the caller (marking their own notifications read), which the
 * wrapper lets through unaudited (`audit: "receipt"`): its allowed calls must write no event.
 */
const ACTIONS: Record<
  string,
  { least: Least; input: InputFor; emptyDatabase?: true; receipt?: true }
> = {
  "user.setup": {
    // First-run setup is open, and refuses once any account exists (own empty database here).
    least: "anyone",
    emptyDatabase: true,
    input: async () => ({
      name: "Ada",
      email: `ada.${unique()}@example.org`,
      password: TEST_PASSWORD,
    }),
  },
  "notification.unsubscribe": {
    // The signed link of an e-mail is the authority (no session: one-click POSTs carry none).
    least: "anyone",
    input: async (seed, actor) => ({
      token: signUnsubscribeToken(
        appSecret(),
        { userId: someone(seed, actor).id, kinds: ["assigned"] },
        new Date(),
      ),
    }),
  },
  "user.create": {
    least: "admin",
    input: async () => ({
      name: "New person",
      email: `new.${unique()}@example.org`,
      password: TEST_PASSWORD,
      role: "viewer",
    }),
  },
  "user.change_role": {
    least: "admin",
    input: async (seed) => ({
      userId: (await createActor(seed.db, "viewer")).id,
      role: "reviewer",
    }),
  },
  "user.disable": {
    least: "admin",
    input: async (seed) => ({ userId: (await createActor(seed.db, "viewer")).id }),
  },
  "user.enable": {
    least: "admin",
    input: async (seed) => {
      const target = await createActor(seed.db, "viewer");
      await seed.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, target.id));
      return { userId: target.id };
    },
  },
  "user.reset_password": {
    least: "admin",
    input: async (seed) => ({
      userId: (await createActor(seed.db, "viewer")).id,
      temporaryPassword: "a temporary password",
    }),
  },
  "user.unlock": {
    least: "admin",
    input: async (seed) => ({ userId: (await createActor(seed.db, "viewer")).id }),
  },
  "user.update_profile": {
    least: "admin",
    input: async (seed) => ({
      userId: (await createActor(seed.db, "viewer")).id,
      name: "Dr Renamed",
      credentials: "MD, nephrologist",
    }),
  },
  "account.change_password": {
    // Anyone signed in, for their own account (createActor's password is TEST_PASSWORD).
    least: "viewer",
    input: async () => {
      const next = `a new password ${unique()}`;
      return { currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: next };
    },
  },
  "account.update_profile": {
    least: "viewer",
    input: async () => ({ name: `Renamed ${unique()}`, credentials: "PhD" }),
  },
  "settings.update": {
    least: "admin",
    input: async () => ({
      organizationName: `Health desk ${unique()}`,
      organizationUrl: "https://health.example.org",
      publicBaseUrl: "https://read.example.org",
      logoText: "HD",
      reviewIntervalMonths: 6,
      publicPagesEnabled: true,
      checklistPublic: false,
    }),
  },
  "article.import": {
    least: "editor",
    input: async () => ({ title: `Imported ${unique()}`, text: "A short article." }),
  },
  "article.import_document": {
    least: "editor",
    input: async () => ({
      source: "paste",
      format: "markdown",
      title: `Imported ${unique()}`,
      text: "# A title\n\nA short article.",
    }),
  },
  "article.transition": {
    least: "editor",
    input: async (seed) => ({
      articleId: seed.article.id,
      transition: "submit",
      version: await articleVersion(seed),
    }),
  },
  "article.review_dates": {
    least: "editor",
    input: async (seed) => ({
      articleId: seed.article.id,
      version: await articleVersion(seed),
      // A different day each call, so that every allowed call changes something.
      lastReviewedOn: `20${10 + Math.floor(Math.random() * 80)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`,
      reviewIntervalMonths: 6,
    }),
  },
  "article.checklist": {
    least: "reviewer",
    input: async (seed) => ({
      articleId: seed.article.id,
      version:
        (
          await seed.db
            .select({ version: articleChecklists.version })
            .from(articleChecklists)
            .where(eq(articleChecklists.articleId, seed.article.id))
        )[0]?.version ?? 0,
      items: { costs: { rating: "satisfactory", note: `Priced ${unique()}` } },
    }),
  },
  "revision.save": {
    least: "editor",
    input: async (seed) => ({
      articleId: seed.article.id,
      baseRevisionId: seed.article.revisionId,
      summary: "Tightened the wording",
      doc: textToDoc(`${STEM_CELL_PLAIN}\n\nA new paragraph ${unique()}.`),
    }),
  },
  "annotations.import": {
    least: "reviewer",
    input: async (seed) => ({ articleId: seed.article.id, json: "[]" }),
  },
  "claim.create": {
    least: "reviewer",
    input: async (seed) => ({
      revisionId: seed.article.revisionId,
      ...quoteRange(STEM_CELL_PLAIN),
    }),
  },
  "claim.update": {
    least: "reviewer",
    input: async (seed) => ({
      claimId: seed.claim.id,
      version: await claimVersion(seed),
      status: "in_review",
      verdict: null,
      severity: "medium",
      rationale: "",
      suggestedCorrection: "",
    }),
  },
  "claim.reattach": {
    least: "reviewer",
    input: async (seed) => ({
      claimId: seed.claim.id,
      version: await claimVersion(seed),
      revisionId: seed.article.revisionId,
      ...quoteRange(STEM_CELL_PLAIN),
    }),
  },
  "claim.set_editor_note": {
    least: "editor",
    input: async (seed) => ({
      claimId: seed.claim.id,
      version: await claimVersion(seed),
      editorNote: "Check the primary source.",
    }),
  },
  "claim.set_editor_notes": {
    least: "editor",
    input: async (seed) => ({
      claims: [{ claimId: seed.claim.id, version: await claimVersion(seed) }],
      editorNote: `One note for these claims ${unique()}.`,
    }),
  },
  "revision.record_no_claims": {
    least: "editor",
    input: async (seed) => ({
      articleId: seed.article.id,
      revisionId: seed.article.revisionId,
      note: "Reviewed: nothing here needs a claim.",
    }),
  },
  "claim.grade_assessment": {
    least: "reviewer",
    // A new reason each call, at the version the caller reads, so every allowed call changes it.
    input: async (seed) => {
      const [row] = await seed.db
        .select()
        .from(claimGradeAssessments)
        .where(eq(claimGradeAssessments.claimId, seed.claim.id));
      return {
        claimId: seed.claim.id,
        version: row?.version ?? null,
        domains: { risk_of_bias: { level: "serious", reason: `Unblinded ${unique()}` } },
      };
    },
  },
  "tag.create": { least: "editor", input: async () => ({ name: `Tag ${unique()}` }) },
  "tag.rename": {
    least: "editor",
    input: async (seed) => ({ tagId: (await freshTag(seed)).id, name: `Renamed ${unique()}` }),
  },
  "tag.delete": { least: "editor", input: async (seed) => ({ tagId: (await freshTag(seed)).id }) },
  "article.tag": {
    least: "editor",
    input: async (seed) => ({ articleId: seed.article.id, tagIds: [(await freshTag(seed)).id] }),
  },
  "queue.bulk_assign": {
    least: "editor",
    input: async (seed, actor) => {
      const { claimId, version } = await ownClaim(seed, actor);
      return { claims: [{ claimId, version }], assigneeId: seed.actors.reviewer.id };
    },
  },
  "queue.bulk_tag": {
    least: "reviewer",
    input: async (seed) => ({
      claims: [{ claimId: seed.claim.id, version: await claimVersion(seed) }],
      tagId: (await freshTag(seed)).id,
      mode: "add",
    }),
  },
  "queue.bulk_status": {
    least: "reviewer",
    input: async (seed, actor) => {
      const { claimId, version } = await ownClaim(seed, actor);
      return { claims: [{ claimId, version }], status: "in_review" };
    },
  },
  "filter.save": {
    least: "viewer",
    input: async () => ({ name: `Mine ${unique()}`, query: "queue=mine" }),
  },
  "filter.delete": {
    // One's own filter: another's is "not found" (tests/integration/queues.test.ts).
    least: "viewer",
    input: async (seed, actor) => ({
      filterId: (
        await insertSavedFilter(seed.db, {
          userId: someone(seed, actor).id,
          name: `Filter ${unique()}`,
          query: "queue=mine",
        })
      ).id,
    }),
  },
  "claim.assign": {
    least: "editor",
    input: async (seed) => ({ claimId: seed.claim.id, assigneeId: seed.actors.reviewer.id }),
  },
  "claim.delete": {
    // A reviewer may delete their own claim (another's is refused: tests/integration/claims-delete).
    least: "reviewer",
    input: async (seed, actor) => {
      const { claimId, version } = await ownClaim(seed, actor);
      return { claimId, version };
    },
  },
  "claim.restore": { least: "reviewer", input: ownDeletedClaim },
  "suggestion.restore": {
    least: "reviewer",
    input: async (seed) => {
      const sentence = `A sentence ${unique()}.`;
      await seed.db
        .insert(suggestionDismissals)
        .values({ articleId: seed.article.id, sentence, dismissedById: seed.actors.reviewer.id });
      return { articleId: seed.article.id, sentence };
    },
  },
  "library.match_revision": {
    least: "reviewer",
    input: async (seed) => ({ revisionId: seed.article.revisionId }),
  },
  "library.accept_match": { least: "reviewer", input: freshLibraryMatch },
  "library.dismiss_match": { least: "reviewer", input: freshLibraryMatch },
  "suggestion.dismiss": {
    least: "reviewer",
    input: async (seed) => ({ articleId: seed.article.id, sentence: `A sentence ${unique()}.` }),
  },
  "evidence.add": {
    least: "reviewer",
    input: async (seed) => ({
      claimId: seed.claim.id,
      title: "A cohort study",
      stance: "contradicts",
      studyDesign: "cohort",
    }),
  },
  "evidence.update": {
    least: "reviewer",
    input: async (seed) => ({
      ...(await freshEvidence(seed)),
      title: "A better title",
      stance: "mixed",
      studyDesign: "rct",
    }),
  },
  "evidence.delete": { least: "reviewer", input: freshEvidence },
  "library.add_claim": {
    least: "reviewer",
    input: async (seed) => ({ claimId: await freshResolvedClaim(seed), tags: ["stem cells"] }),
  },
  "library.add_published_claims": {
    least: "reviewer",
    input: async (seed) => {
      await publishedSeedArticle(seed);
      return { articleId: seed.article.id, picks: [{ claimId: await freshResolvedClaim(seed) }] };
    },
  },
  "library.update": {
    // Reviewers edit entries (library:write); the verdict is kept, so no claim is re-checked.
    least: "reviewer",
    input: async (seed) => {
      const { entryId, version } = await freshEntry(seed);
      return {
        entryId,
        version,
        canonicalText: `Vitamin C prevents the common cold ${unique()}`,
        verdict: "misleading",
        rationale: "Trials show a small effect on duration, none on incidence.",
        tags: ["nutrition"],
        reviewDue: "2031-01-01",
      };
    },
  },
  "library.supersede": {
    least: "editor",
    input: async (seed) => ({
      ...(await freshEntry(seed)),
      successorId: (await freshEntry(seed)).entryId,
    }),
  },
  "library.withdraw": {
    least: "editor",
    input: async (seed) => ({ ...(await freshEntry(seed)), reason: "Retracted study." }),
  },
  "library.merge": {
    least: "editor",
    input: async (seed) => ({
      survivor: await freshEntry(seed),
      entries: [await freshEntry(seed)],
    }),
  },
  "library.split": {
    least: "editor",
    input: async (seed) => {
      const { entryId, version } = await freshEntry(seed);
      const text = `Ascorbic acid wards off colds ${unique()}`;
      await insertLibraryPhrasing(seed.db, { entryId, text });
      const variant = (await listLibraryPhrasings(seed.db, entryId)).find((p) => !p.canonical);
      return { entryId, version, phrasingIds: [variant?.id], canonicalText: text };
    },
  },
  // The watch in the request: with no stand-in configured its requests fail at once (no
  // network in tests) and the run still records its summary, so the allowed call audits.
  "reference.watch_run": { least: "editor", input: async () => ({ maxReferences: 50 }) },
  "comment.add": {
    least: "reviewer",
    input: async (seed) => ({ claimId: seed.claim.id, body: "Looks right to me." }),
  },
  // One's own notifications: a read receipt (not audited), and one's own preferences.
  "notification.mark_read": { least: "viewer", receipt: true, input: async () => ({ ids: null }) },
  "notification.preferences": {
    least: "viewer",
    // A change for every caller (the default has e-mail on), so the allowed call audits.
    input: async () => ({
      preferences: { reply: { inApp: true, email: false, cadence: "daily" } },
    }),
  },
  "comment.edit": {
    least: "reviewer",
    input: async (seed, actor) => ({ commentId: await ownComment(seed, actor), body: "Edited." }),
  },
  "comment.delete": {
    least: "reviewer",
    input: async (seed, actor) => ({ commentId: await ownComment(seed, actor) }),
  },
  "reference.create": {
    least: "reviewer",
    input: async () => ({ title: "A cohort study", doi: `10.5555/${unique()}` }),
  },
  "reference.update": {
    least: "reviewer",
    input: async (seed) => ({ ...(await freshReference(seed)), title: `Corrected ${unique()}` }),
  },
  "reference.import": {
    // Confirming a one-record RIS file of its own DOI per caller, so the allowed call creates one.
    least: "reviewer",
    input: async () => ({
      step: "confirm",
      fileName: "one.ris",
      text: `TY  - JOUR\nTI  - A trial\nDO  - 10.5555/${unique()}\nER  - \n`,
    }),
  },
  "library.import": {
    least: "editor",
    // A wording of its own per caller, so the allowed call creates an entry (and its event).
    input: async () => ({
      format: "json",
      text: JSON.stringify([{ id: "a", text: `Vitamin C prevents colds ${unique()}.` }]),
    }),
  },
};

/**
 * Every route handler ("METHOD /path"): open (and why), the authorized read its `run` calls, or
 * ("per action") the HTTP face of action definitions, each checked in ACTIONS above.
 */
const ROUTES: Record<
  string,
  | { least: "anyone"; why: string }
  | { least: "per action"; calls: "actionRoute" }
  | { least: Role; calls: string; read: (seed: Seed, actor: Actor | null) => Promise<unknown> }
> = {
  "POST /api/actions/[name]": { least: "per action", calls: "actionRoute" },
  "POST /api/unsubscribe": {
    least: "anyone",
    why: "RFC 8058 one-click unsubscribe of an e-mail: the signed token in its link names the person and kinds; mail providers send no session",
  },
  "GET /api/health": {
    least: "anyone",
    why: "liveness for the load balancer; says only that the database answers and its engine",
  },
  "GET /api/auth/[...nextauth]": {
    least: "anyone",
    why: "next-auth: the sign-in page's CSRF token, providers and the session itself",
  },
  "POST /api/auth/[...nextauth]": {
    least: "anyone",
    why: "next-auth: signing in (the password check) and out",
  },
  "GET /p/[slug]": {
    least: "anyone",
    why: "the published article (a frozen snapshot); the route does not read the session",
  },
  "GET /p/[slug]/v/[n]": {
    least: "anyone",
    why: "one publication of the article, kept at its address; no session read",
  },
  "GET /p/[slug]/export": {
    least: "anyone",
    why: "a publication's download, from its frozen snapshot; no session read",
  },
  "GET /api/admin/audit": {
    least: "admin",
    calls: "auditCsvStream",
    read: (seed, actor) =>
      new Response(auditCsvStream(seed.db, actor, auditLogQuerySchema.parse({}))).text(),
  },
  "GET /api/articles/[slug]": {
    least: "viewer",
    calls: "getArticleForApi",
    read: (seed, actor) => getArticleForApi(seed.db, actor, seed.article.slug),
  },
  "GET /api/articles/[slug]/export": {
    least: "viewer",
    calls: "loadExportFile",
    read: (seed, actor) => loadExportFile(seed.db, actor, seed.article.slug, { format: "html" }),
  },
  "GET /api/library/export": {
    least: "viewer",
    calls: "loadLibraryExport",
    read: (seed, actor) => loadLibraryExport(seed.db, actor, "json"),
  },
  "GET /api/references/lookup": {
    least: "reviewer",
    calls: "lookupReference",
    // Not an identifier: allowed through the door, refused for what was pasted, no HTTP made.
    read: (seed, actor) => lookupReference(seed.db, actor, "not an identifier"),
  },
  "GET /api/dashboard/[figure]": {
    least: "viewer",
    calls: "dashboardCsv",
    read: (seed, actor) => dashboardCsv(seed.db, actor, "verdicts", {}),
  },
  "GET /api/members": {
    least: "reviewer",
    calls: "listMembersForPicker",
    read: (seed, actor) => listMembersForPicker(seed.db, actor, "a"),
  },
  "GET /api/notifications/unread": {
    least: "viewer",
    calls: "loadUnreadCount",
    read: (seed, actor) => loadUnreadCount(seed.db, actor),
  },
  "GET /api/live": {
    least: "viewer",
    calls: "authorizeLiveStream",
    read: (seed, actor) => authorizeLiveStream(seed.db, actor, seed.article.id),
  },
  "POST /api/live/presence": {
    least: "viewer",
    calls: "setPresenceFocus",
    // No such connection: allowed through the door, then nothing to update.
    read: (seed, actor) =>
      setPresenceFocus(seed.db, actor, {
        connectionId: "00000000-0000-4000-8000-000000000000",
        claimId: null,
        mode: "viewing",
      }),
  },
  "GET /api/claims/[id]/history": {
    least: "viewer",
    calls: "getClaimHistory",
    read: (seed, actor) => getClaimHistory(seed.db, actor, seed.claim.id),
  },
};

function expected(least: Least, caller: Caller): "allowed" | "unauthenticated" | "forbidden" {
  if (least === "anyone") return "allowed";
  if (caller === "anonymous") return "unauthenticated";
  return ROLES.indexOf(caller) >= ROLES.indexOf(least) ? "allowed" : "forbidden";
}

/** The outcome as the matrix sees it: a refusal for want of a session or a role, or not. */
function outcome(result: ActionResult<unknown>): string {
  if (result.ok) return "allowed";
  const { code, message } = result.error;
  if (code === "unauthenticated" || code === "forbidden") return code;
  // Allowed through the door, then refused for what was asked (a rule, a stale version…).
  return `allowed (${code}: ${message})`;
}

async function seed(db: Db): Promise<Seed> {
  const actors = {} as Record<Role, Actor>;
  for (const role of ROLES) actors[role] = await createActor(db, role);
  const article = await importArticle(db, actors.editor);
  const claim = await claimQuote(db, actors.reviewer, article.revisionId);
  return { db, actors, article, claim: { id: claim.id, version: claim.version } };
}

let definitions: Map<string, AnyActionDefinition>;
let serverActions: ServerAction[];
let routes: Map<string, string>;

beforeAll(async () => {
  [definitions, serverActions, routes] = await Promise.all([
    discoverDefinitions(),
    discoverServerActions(),
    discoverRouteHandlers(),
  ]);
});

describe("the matrix covers everything in the code", () => {
  it("lists every action definition, and nothing that no longer exists", () => {
    const missing = [...definitions.keys()].filter((name) => !(name in ACTIONS));
    expect(
      missing,
      `action definitions missing from ACTIONS in ${__filename}: ${missing.join(", ")}; add each with the least role that may call it`,
    ).toEqual([]);
    const stale = Object.keys(ACTIONS).filter((name) => !definitions.has(name));
    expect(stale, `ACTIONS lists definitions that no longer exist: ${stale.join(", ")}`).toEqual(
      [],
    );
  });

  it("maps every server action to a definition in the matrix", () => {
    expect(serverActions.length).toBeGreaterThan(0);
    const unlisted = serverActions
      .filter((a) => !(a.definition.name in ACTIONS))
      .map((a) => `${a.id} (${a.definition.name})`);
    expect(unlisted, `server actions whose definition is not in ACTIONS: ${unlisted}`).toEqual([]);
  });

  it("lists every route handler, and each protected one still calls its authorized read", () => {
    const missing = [...routes.keys()].filter((route) => !(route in ROUTES));
    expect(
      missing,
      `route handlers missing from ROUTES in ${__filename}: ${missing.join(", ")}; say who may call each and how it is checked`,
    ).toEqual([]);
    const stale = Object.keys(ROUTES).filter((route) => !routes.has(route));
    expect(stale, `ROUTES lists handlers that no longer exist: ${stale.join(", ")}`).toEqual([]);
    for (const [route, entry] of Object.entries(ROUTES)) {
      if (entry.least === "anyone") continue;
      const source = fs.readFileSync(path.join(ROOT, routes.get(route) ?? ""), "utf8");
      if (entry.least === "per action") {
        expect(source, `${route} must be actionRoute(API_ACTIONS)`).toMatch(
          /=\s*actionRoute\(API_ACTIONS\)/,
        );
        continue;
      }
      expect(source, `${route} must be a defineRoute`).toMatch(/=\s*defineRoute\(/);
      expect(source, `${route} must call ${entry.calls}(db, actor, …)`).toMatch(
        new RegExp(`\\b${entry.calls}\\(\\s*db,\\s*actor\\b`),
      );
    }
  });
});

describe("the HTTP action route", () => {
  it("offers every definition that needs a permission, each under its own name", () => {
    for (const [name, definition] of API_ACTIONS) {
      expect(definition.name, "API_ACTIONS is keyed by the definition's name").toBe(name);
      expect(definitions.get(name), `${name} on the API is the definition in the code`).toBe(
        definition,
      );
    }
    // What the UI can do, a script can do, with the same checks; first-run setup is a page.
    const notOffered = [...definitions.values()]
      .filter((d) => d.permission !== null && !API_ACTIONS.has(d.name))
      .map((d) => d.name);
    expect(notOffered, "definitions missing from lib/entry/api/actions.ts").toEqual([]);
    const open = [...API_ACTIONS.values()].filter((d) => d.permission === null).map((d) => d.name);
    expect(open, "actions open to anonymous callers stay off the API").toEqual([]);
  });
});

describe("every action, as every role", () => {
  const t = freshDatabasePerTest();

  it.each(Object.keys(ACTIONS))("%s", async (name) => {
    const entry = ACTIONS[name];
    const definition = definitions.get(name);
    if (!entry || !definition) throw new Error(`${name} is not both in ACTIONS and in the code`);
    const s = await seed(t.db);
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    let audited = false;
    for (const caller of CALLERS) {
      const actor = caller === "anonymous" ? null : s.actors[caller];
      want[caller] = expected(entry.least, caller);
      const own = entry.emptyDatabase ? await createTestDatabase() : null;
      try {
        const db = own?.db ?? s.db;
        const input = await entry.input({ ...s, db }, actor);
        const before = await countRows(db);
        const result = await executeAction(definition, { db, actor }, input);
        got[caller] = outcome(result);
        // A refusal writes nothing, not even an audit event.
        if (want[caller] !== "allowed")
          expect(await countRows(db), `${name} as ${caller}`).toEqual(before);
        // The first call let through (the least role's, on its own fresh input) changes
        // something, so it writes its audit event (the wrapper refuses a change without one).
        if (result.ok && entry.receipt) {
          expect((await countRows(db)).audit_events, `${name} as ${caller} is a receipt`).toBe(
            before.audit_events ?? 0,
          );
        } else if (result.ok && !audited) {
          expect((await countRows(db)).audit_events, `${name} as ${caller} is audited`).toBe(
            (before.audit_events ?? 0) + 1,
          );
          audited = true;
        }
      } finally {
        await own?.close();
      }
    }
    // Compare the whole row at once so a failure shows every caller's outcome.
    const normalized = Object.fromEntries(
      Object.entries(got).map(([caller, o]) => [caller, o.startsWith("allowed") ? "allowed" : o]),
    );
    expect(normalized, `${name}: ${JSON.stringify(got)}`).toEqual(want);
  });
});

describe("every protected route's read, as every role", () => {
  const t = freshDatabasePerTest();

  const protectedRoutes = Object.keys(ROUTES).filter(
    (r) => ROUTES[r]?.least !== "anyone" && ROUTES[r]?.least !== "per action",
  );
  it.each(protectedRoutes)("%s", async (route) => {
    const entry = ROUTES[route];
    if (!entry || entry.least === "anyone" || entry.least === "per action")
      throw new Error(`${route} is not a protected route`);
    const s = await seed(t.db);
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const caller of CALLERS) {
      want[caller] = expected(entry.least, caller);
      const actor = caller === "anonymous" ? null : s.actors[caller];
      // Through a promise, so that a read that refuses synchronously is caught the same way.
      got[caller] = await Promise.resolve()
        .then(() => entry.read(s, actor))
        .then(
          () => "allowed",
          (err: unknown) => {
            const code = (err as { code?: unknown }).code;
            return code === "unauthenticated" || code === "forbidden" ? code : `allowed (${err})`;
          },
        );
    }
    const normalized = Object.fromEntries(
      Object.entries(got).map(([caller, o]) => [caller, o.startsWith("allowed") ? "allowed" : o]),
    );
    expect(normalized, `${route}: ${JSON.stringify(got)}`).toEqual(want);
  });
});
