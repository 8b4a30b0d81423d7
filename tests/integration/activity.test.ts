/**
 * The Activity page's read: the lines a reviewer gets after other people's changes, the
 * "last visit" stamp that places the divider, and nothing from claims that are not theirs.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listActivityForUser } from "../../db/queries/activity";
import { users } from "../../db/schema";
import { activitySections } from "../../lib/core/activity/lines";
import type { Actor } from "../../lib/core/auth/permissions";
import { textToDoc } from "../../lib/core/document/from-text";
import { executeAction } from "../../lib/server/action";
import { readActivity } from "../../lib/services/activity/read";
import { transitionArticle } from "../../lib/services/articles/service";
import { assignClaim } from "../../lib/services/claims/assign";
import { updateClaim } from "../../lib/services/claims/service";
import { addComment } from "../../lib/services/comments/service";
import { saveRevision } from "../../lib/services/revisions/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, ok, STEM_CELL_TEXT } from "../helpers/fixtures";

const h = freshDatabasePerTest();
/** The article's title as lines show it: shortened to 48 characters. */
const TITLE = "“Stem cell therapy for kidney failure: a long ti…”";
const run = <T>(def: Parameters<typeof executeAction>[0], actor: Actor | null, input: T) =>
  ok(executeAction(def, { db: h.db, actor }, input));

/** The lines as a person reads them. */
const sentences = (page: Awaited<ReturnType<typeof readActivity>>) =>
  page.lines.map((l) => `${l.actor} ${l.verb} ${l.target.label}${l.tail}`);

async function seenAt(user: Actor): Promise<Date | null> {
  const [row] = await h.db
    .select({ at: users.activitySeenAt })
    .from(users)
    .where(eq(users.id, user.id));
  return row?.at ?? null;
}

async function setup() {
  const admin = await createActor(h.db, "admin", "Ada Admin");
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const rita = await createActor(h.db, "reviewer", "Rita Reviewer");
  const rob = await createActor(h.db, "reviewer", "Rob Reviewer");
  const article = await importArticle(
    h.db,
    editor,
    STEM_CELL_TEXT,
    "Stem cell therapy for kidney failure: a long title",
  );
  const other = await importArticle(
    h.db,
    editor,
    "Vitamin C cures colds in every case.",
    "Vitamin C",
  );
  // Rob's claim is created before Rita's, so Rita's is claim 2.
  const robsClaim = await claimQuote(h.db, rob, article.revisionId, "various kidney diseases");
  const ritasClaim = await claimQuote(h.db, rob, article.revisionId);
  const elsewhere = await claimQuote(h.db, rob, other.revisionId, "cures colds");
  return { admin, editor, rita, rob, article, other, robsClaim, ritasClaim, elsewhere };
}

describe("activity", () => {
  it("tells a reviewer what others did on their claims and articles, and nothing else", async () => {
    const s = await setup();
    await run(assignClaim, s.admin, { claimId: s.ritasClaim.id, assigneeId: s.rita.id });
    await run(addComment, s.rob, {
      claimId: s.ritasClaim.id,
      body: "Please look at the 2019 cohort first.",
    });
    await run(updateClaim, s.editor, {
      claimId: s.ritasClaim.id,
      version: s.ritasClaim.version,
      status: "in_review",
      verdict: null,
      severity: "high",
      rationale: "",
      suggestedCorrection: "",
    });
    // Not Rita's: Rob's claim, a comment on it, and anything on the other article.
    await run(addComment, s.editor, {
      claimId: s.robsClaim.id,
      body: "Secret note on Rob's claim",
    });
    await run(assignClaim, s.admin, { claimId: s.elsewhere.id, assigneeId: s.rob.id });
    // Rita's own comment is no news to her.
    await run(addComment, s.rita, { claimId: s.ritasClaim.id, body: "On it." });
    const saved = await ok(
      executeAction(
        saveRevision,
        { db: h.db, actor: s.editor },
        {
          articleId: s.article.id,
          baseRevisionId: s.article.revisionId,
          summary: "Added a closing sentence",
          doc: textToDoc(`${STEM_CELL_TEXT}\n\nAsk your doctor.`),
        },
      ),
    );
    await run(transitionArticle, s.editor, {
      articleId: s.article.id,
      transition: "submit",
      version: saved.articleVersion,
    });

    const page = await readActivity(h.db, s.rita);
    expect(sentences(page)).toEqual([
      `Edna Editor submitted ${TITLE} for review`,
      `Edna Editor saved revision 2 of ${TITLE}`,
      `Edna Editor updated claim 2 of ${TITLE}`,
      `Rob Reviewer commented on claim 2 of ${TITLE}`,
      `Ada Admin assigned claim 2 of ${TITLE} to you`,
    ]);
    const [submit, revision, update, comment, assign] = page.lines;
    expect(assign?.target.href).toBe(`/articles/${s.article.slug}?claim=${s.ritasClaim.id}`);
    expect(submit?.target.href).toBe(`/articles/${s.article.slug}`);
    expect(revision?.excerpt).toBe("Added a closing sentence");
    expect(comment?.excerpt).toBe("Please look at the 2019 cohort first.");
    expect(update?.changes).toEqual([
      { field: "Status", before: "Unstarted", after: "In progress" },
      { field: "Severity", before: "Medium", after: "High" },
    ]);
    expect(JSON.stringify(page)).not.toContain("Secret note");
    expect(JSON.stringify(page)).not.toContain("Vitamin C");
    expect(page.lastVisit).toBeNull();
    expect(page.olderCursor).toBeNull();

    // Rob created every claim, so he hears about Rita's update of his claim 2 and the editor's
    // comment, but not about his own actions.
    const robs = sentences(await readActivity(h.db, s.rob));
    expect(robs).toContain(`Edna Editor commented on claim 1 of ${TITLE}`);
    expect(robs).toContain("Ada Admin assigned claim 1 of “Vitamin C” to you");
    expect(robs.join("\n")).not.toContain("Rob Reviewer");
  });

  it("stamps each visit: the divider moves to what came after the last one", async () => {
    const s = await setup();
    await run(assignClaim, s.admin, { claimId: s.ritasClaim.id, assigneeId: s.rita.id });

    const first = await readActivity(h.db, s.rita);
    expect(first.lastVisit).toBeNull();
    expect(activitySections(first.lines, first.lastVisit).map((x) => x.isNew)).toEqual([true]);
    const stamped = await seenAt(s.rita);
    expect(stamped).toBeInstanceOf(Date);

    await sleep(20);
    await run(addComment, s.rob, { claimId: s.ritasClaim.id, body: "New evidence is in." });
    const second = await readActivity(h.db, s.rita);
    expect(second.lastVisit).toEqual(stamped);
    const sections = activitySections(second.lines, second.lastVisit, "UTC");
    expect(sections.map((x) => [x.isNew, x.dividerBefore, x.showHeading, x.lines.length])).toEqual([
      [true, false, true, 1],
      [false, true, false, 1],
    ]);
    expect(sections[0]?.lines[0]?.verb).toBe("commented on");

    // Nothing happened since: everything is old and there is no divider.
    const third = await readActivity(h.db, s.rita);
    expect(Number(third.lastVisit)).toBeGreaterThan(Number(second.lastVisit));
    expect(
      activitySections(third.lines, third.lastVisit).every((x) => !x.isNew && !x.dividerBefore),
    ).toBe(true);

    // An older page keeps the visit it came from and stamps nothing.
    const stampBefore = await seenAt(s.rita);
    const older = await readActivity(h.db, s.rita, {
      before: Number.MAX_SAFE_INTEGER,
      lastVisit: second.lastVisit ?? undefined,
    });
    expect(older.lastVisit).toEqual(second.lastVisit);
    expect(await seenAt(s.rita)).toEqual(stampBefore);
  });

  it("survives two tabs loading at once, and the stamp never moves back", async () => {
    const s = await setup();
    await run(assignClaim, s.admin, { claimId: s.ritasClaim.id, assigneeId: s.rita.id });
    const [a, b] = await Promise.all([readActivity(h.db, s.rita), readActivity(h.db, s.rita)]);
    expect(a.lines).toHaveLength(1);
    expect(b.lines).toHaveLength(1);
    expect(await seenAt(s.rita)).toBeInstanceOf(Date);
    // A later stamp (a tab whose statement committed first) is kept rather than moved back.
    const future = new Date(Date.now() + 3_600_000);
    await h.db.update(users).set({ activitySeenAt: future }).where(eq(users.id, s.rita.id));
    expect((await readActivity(h.db, s.rita)).lastVisit).toEqual(future);
    expect(await seenAt(s.rita)).toEqual(future);
  });

  it("pages with a keyset cursor", async () => {
    const s = await setup();
    await run(assignClaim, s.admin, { claimId: s.ritasClaim.id, assigneeId: s.rita.id });
    for (const body of ["one", "two", "three"]) {
      await run(addComment, s.rob, { claimId: s.ritasClaim.id, body });
    }
    const first = await listActivityForUser(h.db, s.rita.id, { limit: 2 });
    const rest = await listActivityForUser(h.db, s.rita.id, { limit: 2, before: first.at(-1)?.id });
    expect([...first, ...rest].map((r) => r.after?.body ?? r.action)).toEqual([
      "three",
      "two",
      "one",
      "claim.assign",
    ]);
  });

  it("works for viewers with nothing personal, and refuses anonymous visitors", async () => {
    const s = await setup();
    await run(assignClaim, s.admin, { claimId: s.ritasClaim.id, assigneeId: s.rita.id });
    const viewer = await createActor(h.db, "viewer", "Vic Viewer");
    expect(await readActivity(h.db, viewer)).toEqual({
      lines: [],
      lastVisit: null,
      olderCursor: null,
    });
    await expect(readActivity(h.db, null)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
