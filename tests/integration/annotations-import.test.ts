import fs from "node:fs";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claimAnchors, claims } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { importAnnotations } from "../../lib/services/annotations/service";
import { freshDatabasePerTest } from "../helpers/db";
import { claimQuote, createActor, importArticle, STEM_CELL_TEXT } from "../helpers/fixtures";

const h = freshDatabasePerTest();

const HARM = "no toxicity and rejection reaction";
const WIDELY = "used to treat various kidney diseases widely";

/** A W3C annotation quoting `exact` with the article's own context around it. */
function annotation(id: string, exact: string, extra: Record<string, unknown> = {}) {
  const at = STEM_CELL_TEXT.indexOf(exact);
  return {
    id,
    type: "Annotation",
    target: {
      source: "https://clinic.example/stem-cells",
      selector: [
        {
          type: "TextQuoteSelector",
          exact,
          prefix: at >= 0 ? STEM_CELL_TEXT.slice(Math.max(0, at - 32), at) : "",
          suffix: at >= 0 ? STEM_CELL_TEXT.slice(at + exact.length, at + exact.length + 32) : "",
        },
      ],
    },
    ...extra,
  };
}

async function setup() {
  const editor = await createActor(h.db, "editor");
  const reviewer = await createActor(h.db, "reviewer", "Rita Reviewer");
  const article = await importArticle(h.db, editor);
  const run = (json: unknown, actor: Actor = reviewer) =>
    executeAction(
      importAnnotations,
      { db: h.db, actor },
      { articleId: article.id, json: typeof json === "string" ? json : JSON.stringify(json) },
    );
  return { editor, reviewer, article, run };
}

const allClaims = () => h.db.select().from(claims).orderBy(asc(claims.number));
const allEvents = () => h.db.select().from(auditEvents).orderBy(asc(auditEvents.id));

describe("importing annotations", () => {
  it("creates claims with their anchors, the note as rationale, and audit events", async () => {
    const { reviewer, article, run } = await setup();
    const result = await run({
      type: "AnnotationPage",
      items: [
        annotation("urn:a1", HARM, {
          body: { type: "TextualBody", value: "Which trial shows this?" },
          creator: { id: "https://hyp.example/alice", name: "Alice" },
          created: "2024-05-01T09:00:00Z",
        }),
        annotation("urn:a2", WIDELY),
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({
      revisionNumber: 1,
      created: 2,
      changed: 0,
      skipped: { no_quote: 0, malformed: 0, orphaned: 0, duplicate: 0 },
      notices: [],
    });
    expect(result.data.outcomes).toMatchObject([
      {
        index: 0,
        annotationId: "urn:a1",
        quote: HARM,
        kind: "created",
        claimNumber: 1,
        anchor: "exact",
      },
      {
        index: 1,
        annotationId: "urn:a2",
        quote: WIDELY,
        kind: "created",
        claimNumber: 2,
        anchor: "exact",
      },
    ]);

    const rows = await allClaims();
    expect(rows.map((c) => [c.number, c.createdById, c.status, c.rationale])).toEqual([
      [1, reviewer.id, "open", "Which trial shows this?"],
      [2, reviewer.id, "open", ""],
    ]);
    const anchor = (await h.db.select().from(claimAnchors)).find((a) => a.claimId === rows[0]?.id);
    const start = STEM_CELL_TEXT.indexOf(HARM);
    expect(anchor).toMatchObject({
      revisionId: article.revisionId,
      exact: HARM,
      prefix: STEM_CELL_TEXT.slice(start - 32, start),
      suffix: STEM_CELL_TEXT.slice(start + HARM.length, start + HARM.length + 32),
      start,
      end: start + HARM.length,
      state: "exact",
      score: 1,
    });

    const events = await allEvents();
    expect(events.map((e) => e.action)).toEqual([
      "article.import",
      "claim.create",
      "claim.create",
      "annotations.import",
    ]);
    // The annotation's author and date are kept in the claim's audit event, not on the claim.
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      entityId: rows[0]?.id,
      after: {
        number: 1,
        state: "exact",
        annotation: {
          id: "urn:a1",
          creator: "Alice (https://hyp.example/alice)",
          created: "2024-05-01T09:00:00Z",
        },
      },
    });
    expect(events[3]).toMatchObject({
      entityType: "article",
      entityId: article.id,
      after: { revision: 1, total: 2, created: 2, claimNumbers: [1, 2] },
    });
  });

  it("lists every annotation it could not place, with the reason, and creates the rest", async () => {
    const { run } = await setup();
    const result = await run([
      annotation("urn:gone", "stem cells cure diabetes in every single patient", {
        target: {
          selector: {
            type: "TextQuoteSelector",
            exact: "stem cells cure diabetes in every single patient",
            prefix: "An unrelated sentence says that ",
            suffix: ", which is not in this article.",
          },
        },
      }),
      { id: "urn:note", type: "Annotation", body: "https://x/c", target: "https://clinic.example" },
      {
        id: "urn:bad",
        type: "Annotation",
        target: { selector: { type: "TextQuoteSelector", exact: 5 } },
      },
      annotation("urn:ok", HARM),
    ]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.outcomes).toEqual([
      {
        index: 0,
        annotationId: "urn:gone",
        quote: "stem cells cure diabetes in every single patient",
        kind: "skipped",
        reason: "orphaned",
        message: "The quote was not found in revision 1.",
      },
      {
        index: 1,
        annotationId: "urn:note",
        quote: null,
        kind: "skipped",
        reason: "no_quote",
        message: expect.stringContaining("no TextQuoteSelector"),
      },
      {
        index: 2,
        annotationId: "urn:bad",
        quote: null,
        kind: "skipped",
        reason: "malformed",
        message: "selector: exact: The quote (exact) must be text.",
      },
      expect.objectContaining({ index: 3, kind: "created", claimNumber: 1 }),
    ]);
    expect(result.data.skipped).toEqual({ no_quote: 1, malformed: 1, orphaned: 1, duplicate: 0 });
    expect(await allClaims()).toHaveLength(1);
    const summary = (await allEvents()).at(-1);
    expect(summary).toMatchObject({
      action: "annotations.import",
      after: { total: 4, created: 1, skipped: { no_quote: 1, malformed: 1, orphaned: 1 } },
    });
  });

  it("creates a claim from changed wording at the article's range, with a note", async () => {
    const { run } = await setup();
    // The article says "has been used to treat various kidney diseases widely".
    const quoted = "has been widely used to treat many kidney diseases";
    const result = await run(
      annotation("urn:reworded", quoted, {
        target: {
          selector: {
            type: "TextQuoteSelector",
            exact: quoted,
            prefix: "new treatment of kidney failure, it ",
            suffix: ".\n\nEven though stem cell therapy",
          },
        },
      }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({ created: 1, changed: 1 });
    expect(result.data.outcomes[0]).toMatchObject({ kind: "created", anchor: "changed" });
    const [anchor] = await h.db.select().from(claimAnchors);
    if (!anchor || anchor.start === null || anchor.end === null) throw new Error("no anchor");
    // The stored quote is the article's text at the found range, not the annotation's.
    expect(anchor.exact).toBe(STEM_CELL_TEXT.slice(anchor.start, anchor.end));
    expect(anchor.exact).toContain("kidney diseases");
    expect(anchor.state).toBe("changed");
    expect(anchor.score).toBeLessThan(1);
    const [claim] = await allClaims();
    expect(claim?.status).toBe("open");
    expect(claim?.rationale).toContain(`quoted “${quoted}”, which differs`);
  });

  it("skips a range that a claim already covers, also within one file, and numbers on", async () => {
    const { reviewer, article, run } = await setup();
    await claimQuote(h.db, reviewer, article.revisionId, HARM);
    const file = [
      annotation("urn:1", HARM),
      annotation("urn:2", WIDELY),
      annotation("urn:3", WIDELY),
    ];
    const first = await run(file);
    if (!first.ok) throw new Error(first.error.message);
    expect(
      first.data.outcomes.map((o) => (o.kind === "created" ? o.claimNumber : o.message)),
    ).toEqual(["Claim 1 already covers this text.", 2, "Claim 2 already covers this text."]);
    // Importing the same file again changes nothing but the record of the attempt.
    const again = await run(file);
    expect(again).toMatchObject({ ok: true, data: { created: 0, skipped: { duplicate: 3 } } });
    expect(await allClaims()).toHaveLength(2);
  });

  it("refuses viewers and writes nothing", async () => {
    const { run } = await setup();
    const viewer = await createActor(h.db, "viewer");
    const result = await run([annotation("urn:1", HARM)], viewer);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden" }) });
    expect(await allClaims()).toHaveLength(0);
    expect((await allEvents()).map((e) => e.action)).toEqual(["article.import"]);
  });

  it.each([
    ["text that is not JSON", '[{"type": "Annotation", ', /^This is not valid JSON/],
    ["JSON without annotations", '{"title": "not annotations"}', /holds no Web Annotations/],
    ["an empty file", "", /^Choose a file or paste/],
  ])("refuses %s with a message at the field, and writes nothing", async (_, json, message) => {
    const { run } = await setup();
    const result = await run(json);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "validation",
        message: expect.stringMatching(message),
        fieldErrors: { json: [expect.stringMatching(message)] },
      }),
    });
    expect(await allClaims()).toHaveLength(0);
    expect((await allEvents()).map((e) => e.action)).toEqual(["article.import"]);
  });

  it("imports the Hypothesis export of the end-to-end test as that test expects", async () => {
    const editor = await createActor(h.db, "editor");
    const reviewer = await createActor(h.db, "reviewer");
    const demo = fs.readFileSync("lib/entry/demo/stem-cell-kidney-failure.txt", "utf8");
    const article = await importArticle(h.db, editor, demo, "Demo");
    const json = fs.readFileSync("tests/fixtures/annotations/stem-cell-hypothesis.json", "utf8");
    const result = await executeAction(
      importAnnotations,
      { db: h.db, actor: reviewer },
      { articleId: article.id, json },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.outcomes.map((o) => (o.kind === "created" ? o.anchor : o.reason))).toEqual([
      "exact",
      "changed",
      "orphaned",
    ]);
    const [first] = await allClaims();
    expect(first?.rationale).toBe(
      "Which studies report stem cell therapy making kidney failure worse? Needs a source.\n\nTags: risk, needs-source",
    );
    const events = await allEvents();
    expect(events[1]?.after).toMatchObject({
      annotation: {
        id: "e2eHx01worsening",
        creator: "Alice Checker (acct:alice.checker@hypothes.is)",
        created: "2024-05-01T09:12:44.118212+00:00",
      },
    });
  });
});
