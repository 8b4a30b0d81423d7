/**
 * The claims library's entries on a real database (both engines): resolved claims added as new
 * entries and as wordings, the publish page's step, edits under the claims' conflict rule,
 * propagation to linked claims in unpublished revisions (and the affected publications listed
 * instead for published ones), withdraw, supersede, merge, split, permissions, audit events.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { insertLibraryPhrasing } from "../../db/queries/library";
import {
  libraryEntryDetail,
  listEntryUsage,
  listLibraryEntries,
  listUnlinkedResolvedClaims,
} from "../../db/queries/library-entry-reads";
import {
  articles,
  auditEvents,
  claims,
  evidence,
  libraryEntries,
  libraryEntryEvidence,
  libraryPhrasings,
  librarySupersessions,
} from "../../db/schema";
import type { Actor, Permission } from "../../lib/core/auth/permissions";
import { libraryListQuerySchema } from "../../lib/core/validation/library-entries";
import type { Verdict } from "../../lib/core/vocabulary";
import { type ActionDefinition, executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote, updateClaim } from "../../lib/services/claims/service";
import { addEvidence, deleteEvidence } from "../../lib/services/evidence/service";
import {
  addClaimToLibrary,
  addPublishedClaimsToLibrary,
  supersedeLibraryEntry,
  updateLibraryEntry,
  withdrawLibraryEntry,
} from "../../lib/services/library/entries";
import { mergeLibraryEntries, splitLibraryEntry } from "../../lib/services/library/merge";
import { freshDatabasePerTest } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  STEM_CELL_QUOTE,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

const t = freshDatabasePerTest();
const run = <S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
  actor: Actor,
  input: unknown,
) => executeAction(def, { db: t.db, actor }, input);

const OTHER_TEXT =
  "Clinics promise a cure. They say stem cells carry no risk of rejection or toxicity.\n\nThey also say vitamin C prevents colds.";
const OTHER_QUOTE = "stem cells carry no risk of rejection or toxicity";

async function people(db: Db) {
  return {
    viewer: await createActor(db, "viewer"),
    reviewer: await createActor(db, "reviewer"),
    author: await createActor(db, "editor"),
    editor: await createActor(db, "editor"),
  };
}
type People = Awaited<ReturnType<typeof people>>;

/** A claim on `quote`, with one piece of evidence, resolved with `verdict` by the reviewer. */
async function resolvedClaim(
  p: People,
  revisionId: string,
  quote: string,
  verdict: Verdict = "inaccurate",
) {
  const claim = await claimQuote(t.db, p.reviewer, revisionId, quote);
  const item = await ok(
    run(addEvidence, p.reviewer, {
      claimId: claim.id,
      title: `Review of “${quote}”`,
      stance: "contradicts",
      studyDesign: "systematic_review_rct",
    }),
  );
  const updated = await ok(
    run(updateClaim, p.reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict,
      severity: "high",
      rationale: `Rated ${verdict}.`,
      suggestedCorrection: "",
    }),
  );
  return { ...updated, evidenceId: item.id };
}

/** A draft article (never published) with one resolved claim on `quote`. */
async function draftWithClaim(p: People, text: string, quote: string, verdict?: Verdict) {
  const article = await importArticle(t.db, p.author, text, `Draft ${Math.random()}`);
  return { article, claim: await resolvedClaim(p, article.revisionId, quote, verdict) };
}

async function transition(actor: Actor, articleId: string, name: string) {
  const [a] = await t.db.select().from(articles).where(eq(articles.id, articleId));
  return ok(
    run(transitionArticle, actor, { articleId, transition: name, version: a?.version ?? 0 }),
  );
}

/** An article published with one resolved claim on `quote` (an editor's note on it). */
async function publishedWithClaim(p: People, text: string, quote: string) {
  const article = await importArticle(t.db, p.author, text, `Published ${Math.random()}`);
  await transition(p.author, article.id, "submit");
  const resolved = await resolvedClaim(p, article.revisionId, quote);
  const claim = await ok(
    run(setEditorNote, p.editor, {
      claimId: resolved.id,
      version: resolved.version,
      editorNote: "Published with a correction.",
    }),
  );
  await triageSuggestions(t.db, p.reviewer, article.id);
  await transition(p.editor, article.id, "approve");
  await transition(p.editor, article.id, "publish");
  return { article, claim: { ...claim, evidenceId: resolved.evidenceId } };
}

const claimRow = async (id: string) =>
  (await t.db.select().from(claims).where(eq(claims.id, id)))[0];
const entryRow = async (id: string) =>
  (await t.db.select().from(libraryEntries).where(eq(libraryEntries.id, id)))[0];
const phrasingsOf = (entryId: string) =>
  t.db
    .select()
    .from(libraryPhrasings)
    .where(eq(libraryPhrasings.entryId, entryId))
    .orderBy(libraryPhrasings.createdAt, libraryPhrasings.id);
const evidenceOf = async (entryId: string) =>
  (
    await t.db
      .select({ id: libraryEntryEvidence.evidenceId })
      .from(libraryEntryEvidence)
      .where(eq(libraryEntryEvidence.entryId, entryId))
  ).map((r) => r.id);
const eventsOf = (entityId: string, action?: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.entityId, entityId), action ? eq(auditEvents.action, action) : undefined),
    )
    .orderBy(auditEvents.id);

/** Adds a claim to the library as a new entry; returns the entry row. */
async function addAsEntry(actor: Actor, claimId: string, extra: object = {}) {
  const added = await ok(run(addClaimToLibrary, actor, { claimId, ...extra }));
  const entry = await entryRow(added.entryId);
  if (!entry) throw new Error("no entry");
  return entry;
}

describe("adding a resolved claim", () => {
  it("makes a new entry from the claim's quote, verdict, rationale, evidence and reviewer", async () => {
    const p = await people(t.db);
    const { article, claim } = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.editor, claim.id, {
      tags: ["Stem cells", "stem cells", " kidney "],
      reviewDue: "2031-06-30",
    });
    expect(entry).toMatchObject({
      number: 1,
      canonicalText: STEM_CELL_QUOTE,
      state: "current",
      origin: "internal",
      verdict: "inaccurate",
      rationale: "Rated inaccurate.",
      tags: ["stem cells", "kidney"],
      // The reviewer who gave the claim its verdict, not the editor who added it.
      reviewedById: p.reviewer.id,
      reviewDue: "2031-06-30",
      createdById: p.editor.id,
    });
    expect(entry.reviewedAt).toBeInstanceOf(Date);
    expect(await phrasingsOf(entry.id)).toMatchObject([
      { text: STEM_CELL_QUOTE, canonical: true, sourceClaimId: claim.id },
    ]);
    expect(await evidenceOf(entry.id)).toEqual([claim.evidenceId]);
    expect(await claimRow(claim.id)).toMatchObject({
      libraryEntryId: entry.id,
      libraryRelation: "same",
      version: claim.version + 1,
    });
    // The entry links the claim's evidence: deleting the item is refused, nothing written (an
    // item the entry does not rely on still goes).
    const extra = await ok(
      run(addEvidence, p.reviewer, {
        claimId: claim.id,
        title: "A later cohort",
        stance: "contradicts",
        studyDesign: "cohort",
      }),
    );
    const item = (await t.db.select().from(evidence).where(eq(evidence.id, claim.evidenceId)))[0];
    const rows = await countRows(t.db);
    expect(
      await run(deleteEvidence, p.reviewer, {
        evidenceId: claim.evidenceId,
        version: item?.version,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        message: "This evidence backs library entry K1: it stays while the library relies on it.",
      },
    });
    expect(await countRows(t.db)).toEqual(rows);
    await ok(run(deleteEvidence, p.reviewer, { evidenceId: extra.id, version: 1 }));
    const [event, ...more] = await eventsOf(entry.id);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      action: "library.add_claim",
      entityType: "library_entry",
      actorId: p.editor.id,
      articleId: article.id,
      after: { number: 1, claimId: claim.id, variant: false, verdict: "inaccurate", evidence: 1 },
    });
  });

  it("adds a claim as a wording of an entry with the same verdict, and refuses another verdict", async () => {
    const p = await people(t.db);
    const first = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.reviewer, first.claim.id);
    const second = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    const added = await ok(
      run(addClaimToLibrary, p.reviewer, { claimId: second.claim.id, entryId: entry.id }),
    );
    expect(added).toEqual({ entryId: entry.id, number: entry.number, variant: true });
    expect(
      (await phrasingsOf(entry.id)).map((x) => [x.text, x.canonical, x.sourceClaimId]),
    ).toEqual([
      [STEM_CELL_QUOTE, true, first.claim.id],
      [OTHER_QUOTE, false, second.claim.id],
    ]);
    expect((await evidenceOf(entry.id)).sort()).toEqual(
      [first.claim.evidenceId, second.claim.evidenceId].sort(),
    );
    expect(await claimRow(second.claim.id)).toMatchObject({
      libraryEntryId: entry.id,
      libraryRelation: "same",
    });

    const third = await importArticle(t.db, p.author, OTHER_TEXT, "Third");
    const misleading = await resolvedClaim(p, third.revisionId, OTHER_QUOTE, "misleading");
    const before = await countRows(t.db);
    const refused = await run(addClaimToLibrary, p.reviewer, {
      claimId: misleading.id,
      entryId: entry.id,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        message: expect.stringContaining("rated Misleading but library entry K1 says Inaccurate"),
      },
    });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses a claim that is not resolved, or already linked, and writes nothing", async () => {
    const p = await people(t.db);
    const { article, claim } = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const open = await claimQuote(t.db, p.reviewer, article.revisionId, "stem cell therapy");
    await addAsEntry(p.reviewer, claim.id);
    const before = await countRows(t.db);
    expect(await run(addClaimToLibrary, p.reviewer, { claimId: open.id })).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        message: `Only a resolved claim can go into the library: claim ${open.number} is unstarted. Give it a verdict first.`,
      },
    });
    expect(await run(addClaimToLibrary, p.reviewer, { claimId: claim.id })).toMatchObject({
      ok: false,
      error: {
        code: "rule",
        message: `Claim ${claim.number} is already linked to library entry K1.`,
      },
    });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("offers a published article's unlinked resolved claims and adds the picks in one step", async () => {
    const p = await people(t.db);
    const { article, claim } = await publishedWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const offered = await listUnlinkedResolvedClaims(t.db, article.id);
    expect(offered).toMatchObject([
      { id: claim.id, quote: STEM_CELL_QUOTE, verdict: "inaccurate" },
    ]);
    // A claim made after publication in a new revision is not in the published one.
    const draft = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    const before = await countRows(t.db);
    const wrong = await run(addPublishedClaimsToLibrary, p.reviewer, {
      articleId: draft.article.id,
      picks: [{ claimId: draft.claim.id }],
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: "rule", message: "This article has not been published yet." },
    });
    expect(await countRows(t.db)).toEqual(before);

    const result = await ok(
      run(addPublishedClaimsToLibrary, p.reviewer, {
        articleId: article.id,
        picks: [{ claimId: claim.id, tags: ["stem cells"] }],
        reviewDue: "2030-01-01",
      }),
    );
    expect(result.added).toMatchObject([{ number: 1, variant: false }]);
    expect(await claimRow(claim.id)).toMatchObject({ libraryRelation: "same" });
    expect(await listUnlinkedResolvedClaims(t.db, article.id)).toEqual([]);
    expect(await eventsOf(result.added[0]?.entryId ?? "", "library.add_claim")).toHaveLength(1);
  });
});

describe("editing an entry", () => {
  it("refuses a stale version with the newer entry, and writes nothing", async () => {
    const p = await people(t.db);
    const { claim } = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.reviewer, claim.id);
    const fields = {
      entryId: entry.id,
      canonicalText: entry.canonicalText,
      verdict: "inaccurate",
      rationale: "First edit.",
      tags: [],
      reviewDue: null,
    };
    const saved = await ok(run(updateLibraryEntry, p.reviewer, { ...fields, version: 1 }));
    expect(saved).toMatchObject({ version: 2, rationale: "First edit." });
    const before = await countRows(t.db);
    const stale = await run(updateLibraryEntry, p.editor, {
      ...fields,
      version: 1,
      rationale: "Second edit, from an old page.",
    });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringContaining("Someone else changed library entry K1"),
        details: { current: { version: 2, rationale: "First edit." } },
      },
    });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("changes the canonical wording, keeping the old one as a variant", async () => {
    const p = await people(t.db);
    const { claim } = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.reviewer, claim.id);
    const wording = "Stem cell therapy has no toxicity and no rejection reaction";
    await ok(
      run(updateLibraryEntry, p.reviewer, {
        entryId: entry.id,
        version: entry.version,
        canonicalText: wording,
        verdict: "inaccurate",
        rationale: entry.rationale,
        tags: ["stem cells"],
        reviewDue: "",
      }),
    );
    expect((await phrasingsOf(entry.id)).map((x) => [x.text, x.canonical])).toEqual([
      [STEM_CELL_QUOTE, false],
      [wording, true],
    ]);
    const [event] = await eventsOf(entry.id, "library.update");
    expect(event).toMatchObject({
      before: { canonicalText: STEM_CELL_QUOTE, tags: [] },
      after: { canonicalText: wording, tags: ["stem cells"], number: 1, rechecked: 0 },
    });
    // Unchanged claim: not re-checked.
    expect(await claimRow(claim.id)).toMatchObject({ status: "resolved", recheckReason: null });
  });
});

describe("propagation", () => {
  /** One entry linked to a claim in a draft and to a claim only in a published revision. */
  async function linkedTwice() {
    const p = await people(t.db);
    const published = await publishedWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.reviewer, published.claim.id);
    const draft = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    await ok(run(addClaimToLibrary, p.reviewer, { claimId: draft.claim.id, entryId: entry.id }));
    const fresh = await entryRow(entry.id);
    return { p, published, draft, entry: fresh ?? entry };
  }

  it("a verdict change sends the draft's claim back to re-check; the publication is listed as affected", async () => {
    const { p, published, draft, entry } = await linkedTwice();
    const draftBefore = await claimRow(draft.claim.id);
    const publishedBefore = await claimRow(published.claim.id);
    await ok(
      run(updateLibraryEntry, p.reviewer, {
        entryId: entry.id,
        version: entry.version,
        canonicalText: entry.canonicalText,
        verdict: "misleading",
        rationale: "Rejection is rare with autologous cells; toxicity is reported.",
        tags: [],
        reviewDue: null,
      }),
    );
    const reason = "Library entry K1's verdict changed from Inaccurate to Misleading.";
    expect(await claimRow(draft.claim.id)).toMatchObject({
      status: "in_review",
      verdict: "inaccurate",
      recheckReason: reason,
      version: (draftBefore?.version ?? 0) + 1,
    });
    expect(await claimRow(published.claim.id)).toEqual(publishedBefore);
    expect(await eventsOf(draft.claim.id, "claim.library_recheck")).toMatchObject([
      {
        actorId: p.reviewer.id,
        articleId: draft.article.id,
        before: { status: "resolved", recheckReason: null },
        after: { status: "in_review", recheckReason: reason, entryId: entry.id, entryNumber: 1 },
      },
    ]);
    expect(await eventsOf(published.claim.id, "claim.library_recheck")).toEqual([]);
    expect(await entryRow(entry.id)).toMatchObject({
      verdict: "misleading",
      reviewedById: p.reviewer.id,
    });
    expect((await eventsOf(entry.id, "library.update"))[0]).toMatchObject({
      before: { verdict: "inaccurate" },
      after: { verdict: "misleading", rechecked: 1 },
    });

    const usage = await listEntryUsage(t.db, entry.id);
    expect(usage.claims.map((c) => [c.claimId, c.workInProgress])).toEqual(
      expect.arrayContaining([
        [draft.claim.id, true],
        [published.claim.id, false],
      ]),
    );
    expect(usage.publications).toMatchObject([
      {
        articleId: published.article.id,
        number: 1,
        latest: true,
        retracted: false,
        claimNumbers: [published.claim.number],
      },
    ]);

    // The reviewer confirms the claim: the reason is cleared with the save.
    const claim = await claimRow(draft.claim.id);
    await ok(
      run(updateClaim, p.reviewer, {
        claimId: draft.claim.id,
        version: claim?.version,
        status: "resolved",
        verdict: "misleading",
        severity: "high",
        rationale: "Re-checked against K1.",
        suggestedCorrection: "",
      }),
    );
    expect(await claimRow(draft.claim.id)).toMatchObject({
      status: "resolved",
      recheckReason: null,
    });
  });

  it("withdrawing sends the draft's claim back with the reason, and is audited with it", async () => {
    const { p, published, draft, entry } = await linkedTwice();
    const reviewerRefused = await run(withdrawLibraryEntry, p.reviewer, {
      entryId: entry.id,
      version: entry.version,
      reason: "x",
    });
    expect(reviewerRefused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await ok(
      run(withdrawLibraryEntry, p.editor, {
        entryId: entry.id,
        version: entry.version,
        reason: "The trial it relied on was retracted.",
      }),
    );
    expect(await entryRow(entry.id)).toMatchObject({ state: "withdrawn" });
    expect(await claimRow(draft.claim.id)).toMatchObject({
      status: "in_review",
      recheckReason: "Library entry K1 was withdrawn: The trial it relied on was retracted.",
    });
    expect(await claimRow(published.claim.id)).toMatchObject({
      status: "resolved",
      recheckReason: null,
    });
    expect(await eventsOf(entry.id, "library.withdraw")).toMatchObject([
      {
        before: { state: "current" },
        after: { state: "withdrawn", rechecked: 1 },
        note: "The trial it relied on was retracted.",
      },
    ]);
    // A withdrawn entry is not superseded afterwards.
    const other = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const successor = await addAsEntry(p.reviewer, other.claim.id);
    const withdrawn = await entryRow(entry.id);
    expect(
      await run(supersedeLibraryEntry, p.editor, {
        entryId: entry.id,
        version: withdrawn?.version,
        successorId: successor.id,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "rule", message: "Library entry K1 is withdrawn: it cannot be superseded." },
    });
  });

  it("superseding sends the draft's claim back and records the successor", async () => {
    const { p, published, draft, entry } = await linkedTwice();
    const other = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const successor = await addAsEntry(p.reviewer, other.claim.id);
    await ok(
      run(supersedeLibraryEntry, p.editor, {
        entryId: entry.id,
        version: entry.version,
        successorId: successor.id,
      }),
    );
    expect(await entryRow(entry.id)).toMatchObject({ state: "superseded" });
    expect(
      await t.db
        .select()
        .from(librarySupersessions)
        .where(eq(librarySupersessions.entryId, entry.id)),
    ).toMatchObject([{ successorId: successor.id, supersededById: p.editor.id }]);
    expect(await claimRow(draft.claim.id)).toMatchObject({
      status: "in_review",
      recheckReason: "Library entry K1 was superseded by K2.",
    });
    expect(await claimRow(published.claim.id)).toMatchObject({ recheckReason: null });
    const detail = await libraryEntryDetail(t.db, 1);
    expect(detail?.successor).toMatchObject({ number: 2, state: "current" });
    expect((await libraryEntryDetail(t.db, 2))?.predecessors).toMatchObject([{ number: 1 }]);
    expect(detail?.history.map((h) => h.action)).toEqual([
      "library.add_claim",
      "library.add_claim",
      "library.supersede",
    ]);
  });
});

describe("merge and split", () => {
  it("moves wordings, evidence and links to the survivor; a differing verdict sends claims to re-check", async () => {
    const p = await people(t.db);
    const a = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const b = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE, "misleading");
    const c = await draftWithClaim(p, OTHER_TEXT, "vitamin C prevents colds");
    const survivor = await addAsEntry(p.reviewer, a.claim.id);
    const other = await addAsEntry(p.reviewer, b.claim.id);
    const same = await addAsEntry(p.reviewer, c.claim.id);
    await insertLibraryPhrasing(t.db, {
      entryId: other.id,
      text: "stem cells never cause rejection",
    });
    // A wording both have is kept once on the survivor.
    await insertLibraryPhrasing(t.db, { entryId: other.id, text: STEM_CELL_QUOTE });

    const reviewer = await run(mergeLibraryEntries, p.reviewer, {
      survivor: { entryId: survivor.id, version: survivor.version },
      entries: [{ entryId: other.id, version: other.version }],
    });
    expect(reviewer).toMatchObject({ ok: false, error: { code: "forbidden" } });

    await ok(
      run(mergeLibraryEntries, p.editor, {
        survivor: { entryId: survivor.id, version: survivor.version },
        entries: [
          { entryId: other.id, version: other.version },
          { entryId: same.id, version: same.version },
        ],
      }),
    );
    const texts = (await phrasingsOf(survivor.id)).map((x) => x.text).sort();
    expect(texts).toEqual(
      [
        STEM_CELL_QUOTE,
        OTHER_QUOTE,
        "stem cells never cause rejection",
        "vitamin C prevents colds",
      ].sort(),
    );
    expect((await evidenceOf(survivor.id)).sort()).toEqual(
      [a.claim.evidenceId, b.claim.evidenceId, c.claim.evidenceId].sort(),
    );
    expect(await evidenceOf(other.id)).toEqual([]);
    for (const merged of [other, same]) {
      expect(await entryRow(merged.id)).toMatchObject({ state: "superseded" });
      expect(
        await t.db
          .select({ successorId: librarySupersessions.successorId })
          .from(librarySupersessions)
          .where(eq(librarySupersessions.entryId, merged.id)),
      ).toEqual([{ successorId: survivor.id }]);
    }
    // Misleading merged into Inaccurate: its claim must be checked again; the same verdict: not.
    expect(await claimRow(b.claim.id)).toMatchObject({
      libraryEntryId: survivor.id,
      status: "in_review",
      recheckReason:
        "Library entry K2 was merged into K1, whose verdict is Inaccurate (was Misleading).",
    });
    expect(await claimRow(c.claim.id)).toMatchObject({
      libraryEntryId: survivor.id,
      status: "resolved",
      recheckReason: null,
    });
    expect(await eventsOf(survivor.id, "library.merge")).toMatchObject([
      { after: { mergedNumbers: [2, 3], evidence: 2, rechecked: 1 } },
    ]);
    // The merged entry's page tells the merge too.
    const detail = await libraryEntryDetail(t.db, 2);
    expect(detail?.history.map((h) => h.action)).toEqual(["library.add_claim", "library.merge"]);
    expect(detail?.successor).toMatchObject({ number: 1 });
  });

  it("splits wordings and the claims they came from into a new entry", async () => {
    const p = await people(t.db);
    const a = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const b = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    const entry = await addAsEntry(p.reviewer, a.claim.id);
    await ok(run(addClaimToLibrary, p.reviewer, { claimId: b.claim.id, entryId: entry.id }));
    const [canonical, variant] = await phrasingsOf(entry.id);
    const current = await entryRow(entry.id);
    const before = await countRows(t.db);
    expect(
      await run(splitLibraryEntry, p.editor, {
        entryId: entry.id,
        version: current?.version,
        phrasingIds: [canonical?.id],
        canonicalText: "anything",
      }),
    ).toMatchObject({ ok: false, error: { code: "rule" } });
    expect(await countRows(t.db)).toEqual(before);

    const split = await ok(
      run(splitLibraryEntry, p.editor, {
        entryId: entry.id,
        version: current?.version,
        phrasingIds: [variant?.id],
        canonicalText: OTHER_QUOTE,
      }),
    );
    expect(split.created.number).toBe(2);
    expect(await phrasingsOf(split.created.id)).toMatchObject([
      { id: variant?.id, text: OTHER_QUOTE, canonical: true, sourceClaimId: b.claim.id },
    ]);
    expect((await phrasingsOf(entry.id)).map((x) => x.id)).toEqual([canonical?.id]);
    expect(await entryRow(split.created.id)).toMatchObject({
      canonicalText: OTHER_QUOTE,
      verdict: "inaccurate",
      state: "current",
    });
    expect(await claimRow(b.claim.id)).toMatchObject({
      libraryEntryId: split.created.id,
      status: "resolved",
    });
    expect(await claimRow(a.claim.id)).toMatchObject({ libraryEntryId: entry.id });
    expect(await evidenceOf(split.created.id)).toEqual([b.claim.evidenceId]);
    expect(await eventsOf(entry.id, "library.split")).toMatchObject([
      { after: { newEntryId: split.created.id, newNumber: 2, claimIds: [b.claim.id] } },
    ]);
    expect((await libraryEntryDetail(t.db, 2))?.history.map((h) => h.action)).toEqual([
      "library.split",
    ]);
  });
});

describe("permissions", () => {
  it("a viewer may not add or edit; a reviewer may not manage; nothing is written", async () => {
    const p = await people(t.db);
    const { claim } = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const entry = await addAsEntry(p.reviewer, claim.id);
    const other = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    const before = await countRows(t.db);
    const refusals = await Promise.all([
      run(addClaimToLibrary, p.viewer, { claimId: other.claim.id }),
      run(updateLibraryEntry, p.viewer, {
        entryId: entry.id,
        version: entry.version,
        canonicalText: "x",
        verdict: null,
        rationale: "",
        tags: [],
      }),
      run(supersedeLibraryEntry, p.reviewer, {
        entryId: entry.id,
        version: entry.version,
        successorId: entry.id.replace(/.$/, "0"),
      }),
      run(splitLibraryEntry, p.reviewer, {
        entryId: entry.id,
        version: entry.version,
        phrasingIds: [entry.id],
        canonicalText: "x",
      }),
    ]);
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await countRows(t.db)).toEqual(before);
  });
});

describe("the library list", () => {
  it("searches wordings, filters by tag, verdict, state and due date, and sorts by usage", async () => {
    const p = await people(t.db);
    const a = await draftWithClaim(p, STEM_CELL_TEXT, STEM_CELL_QUOTE);
    const b = await draftWithClaim(p, OTHER_TEXT, "vitamin C prevents colds", "misleading");
    const c = await draftWithClaim(p, OTHER_TEXT, OTHER_QUOTE);
    const k1 = await addAsEntry(p.reviewer, a.claim.id, {
      tags: ["stem cells"],
      reviewDue: "2030-01-01",
    });
    await addAsEntry(p.reviewer, b.claim.id, { tags: ["nutrition"], reviewDue: "2032-01-01" });
    await ok(run(addClaimToLibrary, p.reviewer, { claimId: c.claim.id, entryId: k1.id }));
    const list = (q: Record<string, unknown>) =>
      listLibraryEntries(t.db, libraryListQuerySchema.parse(q)).then((r) => ({
        numbers: r.entries.map((e) => e.number),
        total: r.total,
      }));
    // "toxic" finds the stemmed "toxicity", and the variant's words find its entry too.
    expect(await list({ q: "toxic" })).toEqual({ numbers: [1], total: 1 });
    expect(await list({ q: "rejection risk" })).toEqual({ numbers: [1], total: 1 });
    expect(await list({ q: "K2" })).toEqual({ numbers: [2], total: 1 });
    expect(await list({ tags: "nutrition" })).toEqual({ numbers: [2], total: 1 });
    expect(await list({ verdict: "inaccurate" })).toEqual({ numbers: [1], total: 1 });
    expect(await list({ state: "withdrawn" })).toEqual({ numbers: [], total: 0 });
    expect(await list({ dueBefore: "2031-01-01" })).toEqual({ numbers: [1], total: 1 });
    expect(await list({ sort: "due" })).toEqual({ numbers: [1, 2], total: 2 });
    expect(await list({ sort: "number" })).toEqual({ numbers: [2, 1], total: 2 });
    const byUsage = await listLibraryEntries(t.db, libraryListQuerySchema.parse({ sort: "usage" }));
    expect(byUsage.entries.map((e) => [e.number, e.usage, e.evidenceCount])).toEqual([
      [1, 2, 2],
      [2, 1, 1],
    ]);
    expect(await list({ limit: "1", offset: "1" })).toEqual({ numbers: [1], total: 2 });
    // Evidence rows stay where they are; only links were made.
    expect(await t.db.select({ id: evidence.id }).from(evidence)).toHaveLength(3);
  });
});
