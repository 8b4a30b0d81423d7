import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDatabase } from "@/db/instance";
import { logError } from "@/lib/server/log";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database answers (and was migrated when it opened). */
export async function GET() {
  try {
    const { db, engine } = await getDatabase();
    await db.execute(sql`SELECT 1`);
    return NextResponse.json(
      { status: "ok", database: engine },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    logError("health check failed", err);
    return NextResponse.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
