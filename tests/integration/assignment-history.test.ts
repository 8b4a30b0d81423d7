import { describe, expect, it } from "vitest";
import { auditEvents, claims } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { assignClaim } from "../../lib/services/claims/assign";
import { getClaimHistory, listMyOpenClaims } from "../../lib/services/claims/read";
import { updateClaim } from "../../lib/services/claims/service";
import { addEvidence } from "../../lib/services/evidence/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, STEM_CELL_QUOTE } from "../helpers/fixtures";

const h = freshDatabasePerTest();

async function setup() {
  const editor = await createActor(h.db, "editor", "Edna Editor");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const viewer = await createActor(h.db, "viewer", "Vic Viewer");
  const article = await importArticle(h.db, editor);
  const claim = await claimQuote(h.db, reviewer, article.revisionId);
  return { editor, reviewer, viewer, article, claim };
}
const run = <T>(def: Parameters<typeof executeAction>[0], actor: Actor | null, input: T) =>
  executeAction(def, { db: h.db, actor }, input);

describe("assignment", () => {
  it("lets an editor assign a reviewer, shows it in their claims and records it", async () => {
    const { editor, reviewer, claim } = await setup();
    const result = await run(assignClaim, editor, { claimId: claim.id, assigneeId: reviewer.id });
    expect(result).toEqual({
      ok: true,
      data: { assigneeId: reviewer.id, assigneeName: "Rita Reviewer" },
    });
    const mine = await listMyOpenClaims(h.db, reviewer);
    expect(mine).toMatchObject([
      {
        id: claim.id,
        number: 1,
        exact: STEM_CELL_QUOTE,
        articleSlug: "stem-cells",
        status: "open",
      },
    ]);
    // Assignment leaves the version alone: a reviewer's open edit does not become a conflict.
    const [row] = await h.db.select().from(claims);
    expect(row?.version).toBe(claim.version);
    const events = await h.db.select().from(auditEvents);
    expect(events.at(-1)).toMatchObject({
      action: "claim.assign",
      before: { assigneeId: null, assigneeName: null },
      after: { assigneeId: reviewer.id, assigneeName: "Rita Reviewer" },
    });
  });

  it("refuses reviewers, viewer assignees and unknown users, writing nothing", async () => {
    const { editor, reviewer, viewer, claim } = await setup();
    const before = (await h.db.select().from(auditEvents)).length;
    expect(
      await run(assignClaim, reviewer, { claimId: claim.id, assigneeId: reviewer.id }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      await run(assignClaim, editor, { claimId: claim.id, assigneeId: viewer.id }),
    ).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { assigneeId: ["Choose a reviewer, editor or admin."] },
      },
    });
    expect(
      await run(assignClaim, editor, {
        claimId: claim.id,
        assigneeId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await h.db.select().from(auditEvents)).length).toBe(before);
    expect((await h.db.select().from(claims))[0]?.assigneeId).toBeNull();
  });

  it("drops resolved claims from My claims", async () => {
    const { editor, reviewer, claim } = await setup();
    await run(assignClaim, editor, { claimId: claim.id, assigneeId: reviewer.id });
    await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "unsupported",
      severity: "high",
      rationale: "",
      suggestedCorrection: "",
    });
    expect(await listMyOpenClaims(h.db, reviewer)).toEqual([]);
  });
});

describe("history", () => {
  it("tells who changed what, before and after, including evidence", async () => {
    const { editor, reviewer, claim } = await setup();
    await run(addEvidence, reviewer, {
      claimId: claim.id,
      title: "A systematic review",
      stance: "contradicts",
      studyDesign: "systematic_review_rct",
    });
    await run(updateClaim, reviewer, {
      claimId: claim.id,
      version: claim.version,
      status: "resolved",
      verdict: "inaccurate",
      severity: "high",
      rationale: "Rejection is documented.",
      suggestedCorrection: "",
    });
    await run(assignClaim, editor, { claimId: claim.id, assigneeId: reviewer.id });

    const viewer = await createActor(h.db, "viewer");
    const history = await getClaimHistory(h.db, viewer, claim.id);
    expect(history.map((e) => `${e.actor} ${e.summary}`)).toEqual([
      "Rita Reviewer created the claim",
      "Rita Reviewer added evidence “A systematic review”",
      "Rita Reviewer updated the claim",
      "Edna Editor assigned the claim to Rita Reviewer",
    ]);
    expect(history[2]?.changes).toEqual([
      { field: "Status", before: "Unstarted", after: "Resolved" },
      { field: "Verdict", before: "—", after: "Inaccurate" },
      { field: "Severity", before: "Medium", after: "High" },
      { field: "Rationale", before: "—", after: "Rejection is documented." },
    ]);
    expect(history[3]?.changes).toEqual([
      { field: "Assignee", before: "—", after: "Rita Reviewer" },
    ]);
  });

  it("is refused to anonymous readers", async () => {
    const { claim } = await setup();
    await expect(getClaimHistory(h.db, null, claim.id)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
