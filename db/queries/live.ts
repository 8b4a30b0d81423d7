import "server-only";
import { sql } from "drizzle-orm";
import { LIVE_CHANNEL, type LiveEvent } from "@/lib/core/live/events";
import type { Db } from "../client";

/**
 * Sends a live message (lib/core/live/events.ts) with NOTIFY, in `db`'s transaction when it is
 * one: PostgreSQL (and PGlite) deliver it at commit, and never for a rolled-back change. Every
 * app instance LISTENing passes it on to the browsers it serves (lib/server/live).
 */
export async function publishLive(db: Db, event: LiveEvent): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}
