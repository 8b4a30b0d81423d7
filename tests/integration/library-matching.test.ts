/**
 * Matching articles against the claims library on a real database (both engines): on import,
 * on a new revision and on demand; a paraphrase is the same claim, a negation its opposite, a
 * near miss nothing; accepting pre-fills a linked claim (the verdict only for the same claim of
 * our own), dismissing is remembered; every action is audited.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertLibraryEntry, listLibraryMatchesInRevision } from "../../db/queries/library";
import { linkEvidenceToEntry } from "../../db/queries/library-entries";
import {
  auditEvents,
  claims,
  evidence,
  libraryEntries,
  libraryMatchDismissals,
  revisions,
} from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import { executeAction } from "../../lib/server/action";
import {
  acceptLibraryMatch,
  dismissLibraryMatch,
  matchRevisionAction,
} from "../../lib/services/library/matching";
import { saveRevision } from "../../lib/services/revisions/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle, ok, resolvedInaccurateClaim } from "../helpers/fixtures";

const file = freshDatabasePerTest();

const ARTICLE = [
  "Some parents still believe the MMR jab causes autism in children.",
  "Others say vitamin C does not prevent colds.",
  "Statins lower cholesterol.",
].join(" ");

async function library() {
  const db = file.db;
  const editor = await createActor(db, "editor");
  const reviewer = await createActor(db, "reviewer");
  const mmr = await insertLibraryEntry(db, {
    canonicalText: "The MMR vaccine causes autism.",
    createdById: editor.id,
    verdict: "inaccurate",
    rationale: "Large cohort studies find no link.",
    reviewedById: reviewer.id,
    reviewedAt: new Date("2026-11-02T10:00:00Z"),
  });
  const vitaminC = await insertLibraryEntry(db, {
    canonicalText: "Vitamin C prevents colds.",
    createdById: editor.id,
    verdict: "misleading",
  });
  const statins = await insertLibraryEntry(db, {
    canonicalText: "Statins cause memory loss.",
    createdById: editor.id,
    verdict: "inaccurate",
  });
  // The MMR entry's evidence: an item of a claim reviewed in another article.
  const earlier = await importArticle(db, editor);
  const reviewed = await resolvedInaccurateClaim(db, reviewer, earlier.revisionId);
  const items = await db.select().from(evidence).where(eq(evidence.claimId, reviewed.id));
  await linkEvidenceToEntry(
    db,
    mmr.id,
    items.map((e) => e.id),
  );
  return { editor, reviewer, mmr, vitaminC, statins };
}

const matchesOf = (revisionId: string) => listLibraryMatchesInRevision(file.db, revisionId);

describe("library matching", () => {
  it("marks a paraphrase as the same claim and a negation as its opposite on import, not a near miss", async () => {
    const { editor, mmr, vitaminC } = await library();
    const article = await importArticle(file.db, editor, ARTICLE, "Myths");
    const found = await matchesOf(article.revisionId);
    expect(found.map((m) => [m.number, m.relation, m.text])).toEqual([
      [mmr.number, "same", "Some parents still believe the MMR jab causes autism in children."],
      [vitaminC.number, "opposite", "Others say vitamin C does not prevent colds."],
    ]);
    const [first] = found;
    expect(first?.verdict).toBe("inaccurate");
    expect(first?.evidenceCount).toBe(1);
    expect(first?.reviewerName).toBeTruthy();
    expect(first?.matchedTerms.length).toBeGreaterThan(0);
    const [revision] = await file.db
      .select()
      .from(revisions)
      .where(eq(revisions.id, article.revisionId));
    expect(revision?.libraryCheckedAt).toBeInstanceOf(Date);
  });

  it("accepts the same claim with its verdict, rationale and evidence, and never carries an opposite's verdict", async () => {
    const { editor, reviewer, mmr } = await library();
    const article = await importArticle(file.db, editor, ARTICLE, "Myths");
    const [same, opposite] = await matchesOf(article.revisionId);
    const as = { db: file.db, actor: reviewer };
    const accepted = await ok(executeAction(acceptLibraryMatch, as, { matchId: same?.id ?? "" }));
    expect(accepted.evidenceCopied).toBe(1);
    const [claim] = await file.db.select().from(claims).where(eq(claims.id, accepted.claimId));
    expect(claim).toMatchObject({
      status: "in_review",
      verdict: "inaccurate",
      libraryEntryId: mmr.id,
      libraryRelation: "same",
    });
    expect(claim?.rationale).toContain(`K${mmr.number}`);
    expect(claim?.rationale).toContain("Large cohort studies find no link.");
    const copied = await file.db
      .select()
      .from(evidence)
      .where(eq(evidence.claimId, accepted.claimId));
    expect(copied.map((e) => e.title)).toEqual([
      "Adverse events of stem cell therapy: a systematic review",
    ]);
    const [event] = await file.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, accepted.claimId));
    expect(event?.action).toBe("claim.create");
    expect(event?.after).toMatchObject({
      library: { entryId: mmr.id, relation: "same", evidenceCopied: 1 },
    });

    const flipped = await ok(
      executeAction(acceptLibraryMatch, as, { matchId: opposite?.id ?? "" }),
    );
    const [negation] = await file.db.select().from(claims).where(eq(claims.id, flipped.claimId));
    expect(negation).toMatchObject({ verdict: null, libraryRelation: "opposite" });
    expect(negation?.rationale).toContain("States the opposite");
    // Both accepted: nothing is offered again, even after matching once more.
    await ok(executeAction(matchRevisionAction, as, { revisionId: article.revisionId }));
    expect(await matchesOf(article.revisionId)).toEqual([]);
  });

  it("remembers a dismissal for that sentence of that article", async () => {
    const { editor, reviewer, vitaminC } = await library();
    const article = await importArticle(file.db, editor, ARTICLE, "Myths");
    const opposite = (await matchesOf(article.revisionId)).find((m) => m.entryId === vitaminC.id);
    const as = { db: file.db, actor: reviewer };
    await ok(executeAction(dismissLibraryMatch, as, { matchId: opposite?.id ?? "" }));
    expect(await file.db.select().from(libraryMatchDismissals)).toHaveLength(1);
    const again = await ok(
      executeAction(matchRevisionAction, as, { revisionId: article.revisionId }),
    );
    expect(again).toEqual({ matches: 1, same: 1, opposite: 0 });
    expect((await matchesOf(article.revisionId)).map((m) => m.entryId)).not.toContain(vitaminC.id);
    // A stale match (already dismissed, so gone) is a clear error, not a crash.
    const gone = await executeAction(dismissLibraryMatch, as, { matchId: opposite?.id ?? "" });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toMatch(/match is gone/);
  });

  it("matches every new revision, and an external entry is never our verdict", async () => {
    const { editor, reviewer } = await library();
    const article = await importArticle(file.db, editor, "Statins lower cholesterol.", "Statins");
    expect(await matchesOf(article.revisionId)).toEqual([]);
    const external = await insertLibraryEntry(file.db, {
      canonicalText: "Garlic cures the flu.",
      createdById: editor.id,
      origin: "external",
      externalPublisher: "Health Feedback",
      externalRating: "Incorrect",
      externalUrl: "https://healthfeedback.org/claimreview/garlic-flu/",
    });
    const saved = await ok(
      executeAction(
        saveRevision,
        { db: file.db, actor: editor },
        {
          articleId: article.id,
          baseRevisionId: article.revisionId,
          summary: "Added garlic",
          doc: textToDoc(
            "Statins lower cholesterol.\n\nEating garlic cures flu, readers were told.",
          ),
        },
      ),
    );
    const [match] = await matchesOf(saved.revisionId);
    expect(match).toMatchObject({ entryId: external.id, relation: "same", verdict: null });
    const accepted = await ok(
      executeAction(
        acceptLibraryMatch,
        { db: file.db, actor: reviewer },
        { matchId: match?.id ?? "" },
      ),
    );
    const [claim] = await file.db.select().from(claims).where(eq(claims.id, accepted.claimId));
    expect(claim?.verdict).toBeNull();
    expect(claim?.rationale).toContain("rated “Incorrect” by Health Feedback");
  });

  it("matches only current entries", async () => {
    const { editor, reviewer, mmr } = await library();
    await file.db
      .update(libraryEntries)
      .set({ state: "withdrawn" })
      .where(eq(libraryEntries.id, mmr.id));
    const article = await importArticle(file.db, editor, ARTICLE, "Myths");
    expect((await matchesOf(article.revisionId)).map((m) => m.entryId)).not.toContain(mmr.id);
    await ok(
      executeAction(
        matchRevisionAction,
        { db: file.db, actor: reviewer },
        { revisionId: article.revisionId },
      ),
    );
    expect(await matchesOf(article.revisionId)).toHaveLength(1);
  });

  it("refuses a viewer and writes nothing", async () => {
    const { editor } = await library();
    const viewer: Actor = await createActor(file.db, "viewer");
    const article = await importArticle(file.db, editor, ARTICLE, "Myths");
    const [match] = await matchesOf(article.revisionId);
    const before = await file.db.select().from(claims);
    const refused = await executeAction(
      acceptLibraryMatch,
      { db: file.db, actor: viewer },
      { matchId: match?.id ?? "" },
    );
    expect(refused.ok).toBe(false);
    expect(await file.db.select().from(claims)).toHaveLength(before.length);
  });
});
