import { describe, expect, it } from "vitest";
import { auditEvents, claimAnchors, claims, revisions } from "../../db/schema";
import { executeAction } from "../../lib/server/action";
import { createClaim } from "../../lib/services/claims/service";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor, importArticle } from "../helpers/fixtures";

const h = freshDatabasePerTest();

const QUOTE = "no toxicity and rejection reaction";

describe("create claim", () => {
  it("stores the claim, its selectors in the revision and an audit event", async () => {
    const editor = await createActor(h.db, "editor");
    const reviewer = await createActor(h.db, "reviewer");
    const article = await importArticle(h.db, editor);
    const [rev] = await h.db.select().from(revisions);
    const text = rev?.plainText ?? "";
    const start = text.indexOf(QUOTE);
    const result = await executeAction(
      createClaim,
      { db: h.db, actor: reviewer },
      {
        revisionId: article.revisionId,
        start,
        end: start + QUOTE.length,
        exact: QUOTE,
      },
    );
    expect(result).toMatchObject({ ok: true, data: { number: 1 } });
    const [anchor] = await h.db.select().from(claimAnchors);
    expect(anchor).toMatchObject({
      exact: QUOTE,
      state: "exact",
      start,
      end: start + QUOTE.length,
    });
    expect(anchor?.prefix).toBe(text.slice(start - 32, start));
    const events = await h.db.select().from(auditEvents);
    expect(events.map((e) => e.action)).toEqual(["article.import", "claim.create"]);
  });

  it("refuses a viewer and writes nothing", async () => {
    const editor = await createActor(h.db, "editor");
    const viewer = await createActor(h.db, "viewer");
    const article = await importArticle(h.db, editor);
    const result = await executeAction(
      createClaim,
      { db: h.db, actor: viewer },
      {
        revisionId: article.revisionId,
        start: 0,
        end: 5,
        exact: "Stem ",
      },
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden" }) });
    expect(await h.db.select().from(claims)).toHaveLength(0);
    expect(await h.db.select().from(auditEvents)).toHaveLength(1);
  });
});
