import { NextResponse } from "next/server";
import { getDatabase } from "@/db/instance";
import { migrationStatus } from "@/db/migrations-status";
import { logError } from "@/lib/server/logging/log";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness for a load balancer: 200 when the database answers and has every
 * committed migration, else 503. Says nothing more than the engine and migration counts.
 */
export async function GET() {
  const headers = { "Cache-Control": "no-store" };
  try {
    const { db, engine } = await getDatabase();
    const migrations = await migrationStatus(db);
    return NextResponse.json(
      { status: migrations.current ? "ok" : "error", database: engine, migrations },
      { status: migrations.current ? 200 : 503, headers },
    );
  } catch (err) {
    logError("health check failed", err);
    return NextResponse.json(
      { status: "error", database: "unreachable" },
      { status: 503, headers },
    );
  }
}
