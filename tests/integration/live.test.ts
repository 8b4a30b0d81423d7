/**
 * Live updates and presence (lib/server/live/hub.ts, lib/services/live): NOTIFY reaches the
 * subscribers of its article (or user) at commit and never for a rolled-back change, on PGlite
 * and on PostgreSQL; presence rows come and go; the live stream refuses who may not read.
 * Absence is shown without waiting: a later message that the subscriber does get proves that
 * an earlier one it should not get was never sent (NOTIFY is delivered in commit order).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { publishLive } from "../../db/queries/live";
import {
  deleteStalePresence,
  insertPresence,
  listPresence,
  updatePresenceFocus,
} from "../../db/queries/presence";
import { presence } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import type { LiveEvent } from "../../lib/core/live/events";
import { executeAction } from "../../lib/server/action";
import { type HubMessage, LiveHub } from "../../lib/server/live/hub";
import { updateClaim } from "../../lib/services/claims/service";
import { setPresenceFocus } from "../../lib/services/live/presence";
import { authorizeLiveStream, openLiveStream } from "../../lib/services/live/stream";
import { createTestDatabase } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";

let handle: DbHandle;
let hub: LiveHub;
beforeAll(async () => {
  handle = await createTestDatabase();
  hub = new LiveHub(async () => handle);
});
afterAll(async () => {
  await hub.close();
  await handle.close();
});

/** Collects what a subscriber receives; `next(pred)` resolves with the first matching one. */
function inbox() {
  const got: HubMessage[] = [];
  const waiting: { pred: (m: HubMessage) => boolean; resolve: (m: HubMessage) => void }[] = [];
  return {
    got,
    send: (m: HubMessage) => {
      got.push(m);
      for (const w of waiting.splice(0)) {
        if (w.pred(m)) w.resolve(m);
        else waiting.push(w);
      }
    },
    next: (pred: (m: HubMessage) => boolean) =>
      new Promise<HubMessage>((resolve) => {
        const found = got.find(pred);
        if (found) resolve(found);
        else waiting.push({ pred, resolve });
      }),
  };
}

const marker = (articleId: string): LiveEvent => ({ type: "presence", articleId });

async function desk() {
  const editor = await createActor(handle.db, "editor");
  const reviewer = await createActor(handle.db, "reviewer");
  const article = await importArticle(handle.db, editor);
  const other = await importArticle(handle.db, editor, undefined, "Other");
  const claim = await claimQuote(handle.db, reviewer, article.revisionId);
  return { editor, reviewer, article, other, claim };
}

describe("the live hub", () => {
  it("delivers a committed change to its article's subscribers only, at commit", async () => {
    const { editor, reviewer, article, other, claim } = await desk();
    const here = inbox();
    const there = inbox();
    const offHere = await hub.subscribe({ articleId: article.id, userId: editor.id }, here.send);
    const offThere = await hub.subscribe({ articleId: other.id, userId: editor.id }, there.send);
    const saved = await executeAction(
      updateClaim,
      { db: handle.db, actor: reviewer },
      {
        claimId: claim.id,
        version: claim.version,
        status: "in_review",
        verdict: null,
        severity: "medium",
        rationale: "Checking the trial.",
        suggestedCorrection: "",
      },
    );
    expect(saved.ok).toBe(true);
    const event = await here.next((m) => m.type === "article");
    expect(event).toMatchObject({
      type: "article",
      articleId: article.id,
      claimId: claim.id,
      actorId: reviewer.id,
      action: "claim.update",
    });
    await publishLive(handle.db, marker(other.id));
    await there.next((m) => m.type === "presence");
    // (The articles' own creation may still be on its way: PostgreSQL delivers after commit.)
    expect(there.got.filter((m) => m.type === "article" && m.action === "claim.update")).toEqual(
      [],
    );
    offHere();
    offThere();
  });

  it("never delivers a rolled-back change", async () => {
    const { editor, article } = await desk();
    const box = inbox();
    const off = await hub.subscribe({ articleId: article.id, userId: editor.id }, box.send);
    await expect(
      handle.db.transaction(async (tx) => {
        await publishLive(tx, {
          type: "article",
          articleId: article.id,
          eventId: 1,
          action: "claim.rolled_back",
          entityType: "claim",
          entityId: "x",
          claimId: null,
          actorId: null,
        });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await publishLive(handle.db, marker(article.id));
    await box.next((m) => m.type === "presence");
    expect(box.got.filter((m) => m.type === "article" && m.action === "claim.rolled_back")).toEqual(
      [],
    );
    off();
  });

  it("gives a notification to its user only", async () => {
    const { editor, reviewer, article } = await desk();
    const mine = inbox();
    const theirs = inbox();
    const offMine = await hub.subscribe({ articleId: null, userId: editor.id }, mine.send);
    const offTheirs = await hub.subscribe(
      { articleId: article.id, userId: reviewer.id },
      theirs.send,
    );
    await publishLive(handle.db, { type: "notification", userId: editor.id, notificationId: 7 });
    await publishLive(handle.db, { type: "notification", userId: reviewer.id, notificationId: 8 });
    expect(await mine.next((m) => m.type === "notification")).toMatchObject({ notificationId: 7 });
    expect(await theirs.next((m) => m.type === "notification")).toMatchObject({
      notificationId: 8,
    });
    expect(mine.got.filter((m) => m.type === "notification")).toHaveLength(1);
    expect(theirs.got.filter((m) => m.type === "notification")).toHaveLength(1);
    offMine();
    offTheirs();
  });
});

describe("presence", () => {
  it("lists who is on an article and on which claim, and forgets rows not seen for a minute", async () => {
    const { editor, reviewer, article, claim } = await desk();
    await insertPresence(handle.db, {
      connectionId: "c-editor",
      userId: editor.id,
      articleId: article.id,
    });
    await insertPresence(handle.db, {
      connectionId: "c-reviewer",
      userId: reviewer.id,
      articleId: article.id,
    });
    // Only the connection's own person may say what it has open.
    expect(
      await setPresenceFocus(handle.db, editor, {
        connectionId: "c-reviewer",
        claimId: claim.id,
        mode: "editing",
      }),
    ).toBe(false);
    expect(
      await setPresenceFocus(handle.db, reviewer, {
        connectionId: "c-reviewer",
        claimId: claim.id,
        mode: "editing",
      }),
    ).toBe(true);
    // A claim of another article is not accepted.
    const elsewhere = await importArticle(handle.db, editor, undefined, "Elsewhere");
    const foreign = await claimQuote(handle.db, reviewer, elsewhere.revisionId);
    expect(
      await updatePresenceFocus(handle.db, {
        connectionId: "c-editor",
        userId: editor.id,
        claimId: foreign.id,
        mode: "viewing",
      }),
    ).toBeNull();
    expect(await listPresence(handle.db, article.id)).toEqual([
      { userId: editor.id, name: editor.name, claimId: null, claimNumber: null, mode: "viewing" },
      {
        userId: reviewer.id,
        name: reviewer.name,
        claimId: claim.id,
        claimNumber: claim.number,
        mode: "editing",
      },
    ]);
    await handle.db.execute(
      sql`update ${presence} set seen_at = now() - interval '61 seconds' where connection_id = 'c-editor'`,
    );
    expect((await listPresence(handle.db, article.id)).map((p) => p.name)).toEqual([reviewer.name]);
    expect(await deleteStalePresence(handle.db)).toEqual([article.id]);
    const rows = await handle.db.select({ id: presence.connectionId }).from(presence);
    expect(rows.map((r) => r.id)).not.toContain("c-editor");
    expect(rows.map((r) => r.id)).toContain("c-reviewer");
  });
});

/** Reads the stream's text until `until` holds (the frames are small and arrive whole). */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (text: string) => boolean,
) {
  const decoder = new TextDecoder();
  let text = "";
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}

describe("the live stream", () => {
  it("is refused to a signed-out caller, a temporary password and a missing article", async () => {
    const { editor, article } = await desk();
    await expect(authorizeLiveStream(handle.db, null, article.id)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const temporary: Actor = { ...editor, mustChangePassword: true };
    await expect(authorizeLiveStream(handle.db, temporary, article.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(authorizeLiveStream(handle.db, temporary, null)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(authorizeLiveStream(handle.db, editor, article.id)).resolves.toMatchObject({
      id: editor.id,
    });
    await expect(
      authorizeLiveStream(handle.db, editor, "00000000-0000-4000-8000-000000000000"),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("sends presence, others' changes with their names and ids, and a resync after a gap", async () => {
    const { editor, reviewer, article, claim } = await desk();
    const abort = new AbortController();
    const stream = await openLiveStream(
      handle.db,
      editor,
      { articleId: article.id, lastEventId: 1 },
      abort.signal,
      hub,
    );
    const reader = stream.getReader();
    const opening = await readUntil(reader, (t) => t.includes('"people"'));
    expect(opening).toMatch(/^retry: \d+\n\n/);
    expect(opening).toContain('"type":"hello"');
    expect(opening).toMatch(/id: \d+\ndata: \{"type":"resync"\}/);
    expect(opening).toContain(`"name":"${editor.name}"`);
    const saved = await executeAction(
      updateClaim,
      { db: handle.db, actor: reviewer },
      {
        claimId: claim.id,
        version: claim.version,
        status: "in_review",
        verdict: null,
        severity: "low",
        rationale: "The trial says so.",
        suggestedCorrection: "",
      },
    );
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    const change = await readUntil(reader, (t) => t.includes('"type":"article"'));
    expect(change).toMatch(/id: \d+\ndata: \{"type":"article"/);
    expect(change).toContain(`"actorName":"${reviewer.name}"`);
    abort.abort();
    await reader.cancel();
    // Closing removes the connection's presence row.
    await expect.poll(() => listPresence(handle.db, article.id)).toEqual([]);
  });
});
