import "server-only";
import { sql } from "drizzle-orm";
import { LIVE_CHANNEL, type LiveEvent } from "@/lib/core/live/events";
import type { Db } from "../client";

/**
 * Sends live messages (lib/core/live/events.ts) with NOTIFY, in `db`'s transaction when it is
 * one: PostgreSQL (and PGlite) deliver them at commit, and never for a rolled-back change. Every
 * app instance LISTENing passes them on to the browsers it serves (lib/server/live). Several
 * messages go out in one statement.
 */
export async function publishLive(db: Db, ...events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(
    sql`SELECT pg_notify(${LIVE_CHANNEL}, m) FROM (VALUES ${sql.join(
      events.map((e) => sql`(${JSON.stringify(e)}::text)`),
      sql`, `,
    )}) AS t(m)`,
  );
}
