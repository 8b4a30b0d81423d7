/**
 * The retraction watch against the local stand-in for Crossref and PubMed (recorded answers,
 * tests/fixtures/outside/): a cited study the world retracts flags its reference, sends the
 * claims citing it in unpublished revisions back to re-check with the reason, and gives the
 * publication citing it a dated evidence update, its snapshot untouched; a second watch adds
 * nothing twice; a service outage records the error and writes nothing half.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  articles,
  auditEvents,
  bibReferences,
  claims,
  evidence,
  publicationNotices,
  publications,
  referenceNotices,
} from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote } from "../../lib/services/claims/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { outsideConfig } from "../../lib/services/outside/config";
import { renderPublicationHtml } from "../../lib/services/publications/page";
import { getPublicPublication } from "../../lib/services/publications/read";
import { runWatch } from "../../lib/services/references/watch";
import { databasePerFile } from "../helpers/db";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";
import { type OutsideServices, startOutsideServices } from "../helpers/outside/server";

const file = databasePerFile();
const db = () => file.db;
let outside: OutsideServices;

beforeAll(async () => {
  outside = await startOutsideServices();
});
afterAll(async () => {
  await outside.close();
});
beforeEach(() => {
  outside.world.down = {};
  outside.world.state = {};
});

const config = () => ({ ...outsideConfig({ ...process.env, ...outside.env }), timeoutMs: 2_000 });
const watch = (actorId: string | null = null) => runWatch(db(), { actorId, config: config() });

async function transition(actor: Actor, articleId: string, name: "submit" | "approve" | "publish") {
  const [a] = await db().select().from(articles).where(eq(articles.id, articleId));
  return ok(
    file.run(transitionArticle, actor, {
      articleId,
      transition: name,
      version: a?.version,
      note: "",
    }),
  );
}

/** An article in review: one claim resolved, one open, both citing `doi`. */
async function articleInReview(doi: string, pmid?: string) {
  const editor = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const a = await importArticle(db(), editor, STEM_CELL_TEXT, `Watch ${randomUUID()}`);
  await transition(editor, a.id, "submit");
  const resolved = await resolvedInaccurateClaim(db(), reviewer, a.revisionId, { doi });
  const open = await claimQuote(
    db(),
    reviewer,
    a.revisionId,
    "used to treat various kidney diseases",
  );
  await ok(
    file.run(addEvidence, reviewer, {
      claimId: open.id,
      title: "Ileal-lymphoid-nodular hyperplasia",
      doi: doi.toUpperCase(),
      pmid,
      stance: "supports",
      studyDesign: "case_series",
    }),
  );
  return { article: a, resolved, open };
}

/** A published article whose one claim cites `doi`. */
async function publishedArticle(doi: string) {
  const author = await createActor(db(), "editor");
  const approver = await createActor(db(), "editor");
  const reviewer = await createActor(db(), "reviewer");
  const a = await importArticle(db(), author, STEM_CELL_TEXT, `Published ${randomUUID()}`);
  await transition(author, a.id, "submit");
  const resolved = await resolvedInaccurateClaim(db(), reviewer, a.revisionId, { doi });
  const claim = await ok(
    file.run(setEditorNote, approver, {
      claimId: resolved.id,
      version: resolved.version,
      editorNote: "Published as checked.",
    }),
  );
  await triageSuggestions(db(), reviewer, a.id);
  await transition(approver, a.id, "approve");
  await transition(approver, a.id, "publish");
  const [pub] = await db().select().from(publications).where(eq(publications.articleId, a.id));
  if (!pub) throw new Error("not published");
  return { article: a, claim, publication: pub };
}

const claimRow = async (id: string) =>
  (await db().select().from(claims).where(eq(claims.id, id)))[0];
const referenceOf = async (doi: string) =>
  (await db().select().from(bibReferences).where(eq(bibReferences.doi, doi.toLowerCase())))[0];

describe("the retraction watch", () => {
  it("marks a retracted study, sends its claims back to re-check and notes it on the publication", async () => {
    const doi = `10.1016/s0140-6736(97)${randomUUID().slice(0, 8)}`;
    const review = await articleInReview(doi);
    const published = await publishedArticle(doi);
    const snapshotBefore = published.publication.snapshot;

    // Before the world retracts it: checked, nothing found.
    const clean = await watch();
    expect(clean).toMatchObject({ flagged: 0, notices: 0, errors: [] });
    const ref = await referenceOf(doi);
    expect(ref).toMatchObject({ flag: null, watchError: null });
    expect(ref?.watchedAt).not.toBeNull();
    const linked = await db()
      .select()
      .from(evidence)
      .where(eq(evidence.referenceId, ref?.id ?? ""));
    expect(linked).toHaveLength(3);

    outside.world.state.retracted = [doi];
    const editor = await createActor(db(), "editor");
    const summary = await watch(editor.id);
    expect(summary).toMatchObject({ flagged: 1, notices: 2, rechecked: 3, publicationNotices: 1 });
    expect(summary.requests.crossref).toBeGreaterThanOrEqual(1);

    const flagged = await referenceOf(doi);
    expect(flagged).toMatchObject({ flag: "retracted", watchError: null });
    expect(flagged?.flaggedAt).not.toBeNull();
    const notices = await db()
      .select()
      .from(referenceNotices)
      .where(eq(referenceNotices.referenceId, flagged?.id ?? ""));
    expect(notices.map((n) => [n.kind, n.origin, n.noticeDate]).sort()).toEqual([
      ["corrected", "retraction-watch", "2004-03-06"],
      ["retracted", "retraction-watch", "2010-02-06"],
    ]);

    const reason = `Cited study R${flagged?.number} (DOI ${doi}) was retracted on 6 February 2010 (Crossref, Retraction Watch).`;
    expect(await claimRow(review.resolved.id)).toMatchObject({
      status: "in_review",
      recheckReason: reason,
    });
    expect(await claimRow(review.open.id)).toMatchObject({ status: "open", recheckReason: reason });
    // The published claim goes back too (a new revision is due); its publication keeps its
    // snapshot and gains the dated notice.
    expect(await claimRow(published.claim.id)).toMatchObject({
      status: "in_review",
      recheckReason: reason,
    });
    const [notice, ...more] = await db()
      .select()
      .from(publicationNotices)
      .where(eq(publicationNotices.publicationId, published.publication.id));
    expect(more).toHaveLength(0);
    expect(notice?.text).toBe(
      `A study cited for claim ${published.claim.number} (DOI ${doi}) was retracted on 6 February 2010 (Crossref, Retraction Watch).`,
    );
    const [after] = await db()
      .select()
      .from(publications)
      .where(eq(publications.id, published.publication.id));
    expect(after?.snapshot).toEqual(snapshotBefore);

    const events = await db()
      .select()
      .from(auditEvents)
      .where(
        inArray(auditEvents.action, [
          "reference.flag",
          "claim.reference_recheck",
          "publication.evidence_update",
        ]),
      );
    const mine = events.filter(
      (e) =>
        e.entityId === flagged?.id ||
        e.entityId === review.resolved.id ||
        e.entityId === review.open.id ||
        e.entityId === published.claim.id ||
        e.entityId === published.publication.id,
    );
    expect(mine.map((e) => e.action).sort()).toEqual([
      "claim.reference_recheck",
      "claim.reference_recheck",
      "claim.reference_recheck",
      "publication.evidence_update",
      "reference.flag",
    ]);
    expect(mine.every((e) => e.actorId === editor.id)).toBe(true);

    // The public page shows the dated notice beside the unchanged snapshot.
    const pub = await getPublicPublication(db(), published.article.slug, null);
    const html = renderPublicationHtml(pub, "latest");
    expect(html).toContain("Evidence update");
    expect(html).toContain("was retracted on 6 February 2010");

    // A second watch finds the same notices and adds nothing twice.
    const again = await watch();
    expect(again).toMatchObject({ flagged: 0, notices: 0, rechecked: 0, publicationNotices: 0 });
    expect(
      await db()
        .select()
        .from(publicationNotices)
        .where(eq(publicationNotices.publicationId, published.publication.id)),
    ).toHaveLength(1);
  });

  it("reads PubMed's Retracted Publication for a study cited by PMID", async () => {
    const doi = `10.1000/watch.${randomUUID().slice(0, 8)}`;
    const pmid = String(90_000_000 + Math.floor(Math.random() * 9_000_000));
    const review = await articleInReview(doi, pmid);
    outside.world.state.retracted = [pmid];
    const summary = await watch();
    expect(summary.requests.ncbi).toBeGreaterThanOrEqual(1);
    const ref = (await db().select().from(bibReferences).where(eq(bibReferences.pmid, pmid)))[0];
    expect(ref).toMatchObject({ flag: "retracted" });
    expect((await claimRow(review.open.id))?.recheckReason).toContain(
      "was retracted on 6 February 2010 (PubMed)",
    );
  });

  it("a service outage records the error on the references and writes nothing else", async () => {
    const doi = `10.1000/outage.${randomUUID().slice(0, 8)}`;
    const review = await articleInReview(doi);
    outside.world.state.retracted = [doi];
    outside.world.down = { crossref: "error" };
    const summary = await watch();
    expect(summary.errors.join(" ")).toContain("Crossref answered with an error (HTTP 503)");
    const ref = await referenceOf(doi);
    expect(ref).toMatchObject({ flag: null, watchedAt: null });
    expect(ref?.watchError).toContain("HTTP 503");
    expect(
      await db()
        .select()
        .from(referenceNotices)
        .where(eq(referenceNotices.referenceId, ref?.id ?? "")),
    ).toHaveLength(0);
    expect(await claimRow(review.open.id)).toMatchObject({ recheckReason: null });

    // Back up: the next run checks it and flags it.
    outside.world.down = {};
    await watch();
    expect(await referenceOf(doi)).toMatchObject({ flag: "retracted", watchError: null });
    expect(
      (
        await db()
          .select()
          .from(claims)
          .where(and(eq(claims.id, review.open.id)))
      )[0]?.recheckReason,
    ).toContain("was retracted");
  });
});
