/**
 * The audit log is append-only in the database itself (migration 0001): UPDATE, DELETE and
 * TRUNCATE are refused whoever sends them, through drizzle or as raw SQL.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { createTestDatabase } from "../helpers/db";
import { createActor, importArticle } from "../helpers/fixtures";

let handle: DbHandle;
let eventId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  const editor = await createActor(handle.db, "editor");
  await importArticle(handle.db, editor);
  const [event] = await handle.db.select().from(auditEvents);
  if (!event) throw new Error("the import wrote no audit event");
  eventId = event.id;
});
afterAll(async () => {
  await handle?.close();
});
const db = () => handle.db;

/** The database's own message, whether or not the driver wraps the error. */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    const messages: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(" | ");
  }
  throw new Error("the query was not refused");
}

const APPEND_ONLY = /audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;

async function snapshot() {
  const [row] = await db().select().from(auditEvents).where(eq(auditEvents.id, eventId));
  const [total] = await db().select({ n: count() }).from(auditEvents);
  return { row, total: total?.n };
}

describe("audit_events", () => {
  it("accepts new events", async () => {
    const before = await snapshot();
    await db().insert(auditEvents).values({
      actorId: null,
      action: "test.append",
      entityType: "settings",
      entityId: "1",
      note: "appending is allowed",
    });
    expect((await snapshot()).total).toBe((before.total ?? 0) + 1);
  });

  it("refuses UPDATE, through drizzle and as raw SQL, and keeps the row", async () => {
    const before = await snapshot();
    expect(
      await refusal(
        db().update(auditEvents).set({ note: "rewritten" }).where(eq(auditEvents.id, eventId)),
      ),
    ).toMatch(/append-only: UPDATE/);
    expect(await refusal(db().execute(sql`UPDATE audit_events SET action = 'forged'`))).toMatch(
      APPEND_ONLY,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses DELETE of one row and of all rows", async () => {
    const before = await snapshot();
    expect(await refusal(db().delete(auditEvents).where(eq(auditEvents.id, eventId)))).toMatch(
      /append-only: DELETE/,
    );
    expect(await refusal(db().execute(sql`DELETE FROM audit_events`))).toMatch(APPEND_ONLY);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses TRUNCATE", async () => {
    const before = await snapshot();
    expect(await refusal(db().execute(sql`TRUNCATE audit_events`))).toMatch(
      /append-only: TRUNCATE/,
    );
    expect(await refusal(db().execute(sql`TRUNCATE audit_events CASCADE`))).toMatch(APPEND_ONLY);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a rewrite inside a transaction and rolls the transaction back", async () => {
    const before = await snapshot();
    const message = await refusal(
      db().transaction(async (tx) => {
        await tx.insert(auditEvents).values({
          actorId: null,
          action: "test.in_transaction",
          entityType: "settings",
          entityId: "1",
        });
        await tx.update(auditEvents).set({ note: "covered up" }).where(eq(auditEvents.id, eventId));
      }),
    );
    expect(message).toMatch(/append-only: UPDATE/);
    expect(await snapshot()).toEqual(before);
  });
});
