/**
 * The app's configured database for a CLI command: PostgreSQL with `DATABASE_URL`, else PGlite in
 * `CLAIMDESK_DATA_DIR` (or ./data), migrated as the server would (unless the command asks not
 * to: a backup reads the database as it is, a restore migrates it itself). PGlite allows one
 * process per data directory, so a running server makes the command fail with a one-line
 * explanation.
 */
import { sql } from "drizzle-orm";
import { type DbHandle, openDatabase, targetFromEnv } from "@/db/client";
import { DatabaseLockedError } from "@/db/lock";
import { CliError } from "./cli-error";

/**
 * Opens the database and migrates it (with `migrate: false`, only checks that it answers); the
 * expected failures become one-line `CliError`s.
 */
export async function openCliDatabase(
  env: NodeJS.ProcessEnv = process.env,
  options: { migrate?: boolean } = {},
): Promise<DbHandle> {
  let handle: DbHandle;
  try {
    handle = await openDatabase(targetFromEnv(env));
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      throw new CliError(
        `the database ${err.lockPath.replace(/\.lock$/, "")} is in use by another process ` +
          `(PID ${err.pid}), most likely the Claimdesk server: stop the server and run this ` +
          "again, or run both on PostgreSQL with DATABASE_URL",
      );
    }
    throw new CliError(`cannot open the database: ${err instanceof Error ? err.message : err}`);
  }
  try {
    // Without migrations, a query still proves the server answers (a pool connects lazily).
    if (options.migrate === false) await handle.db.execute(sql`SELECT 1`);
    else await handle.migrate();
    return handle;
  } catch (err) {
    await handle.close().catch(() => {});
    throw new CliError(
      `cannot open the database (${handle.location}): ${err instanceof Error ? err.message : err}`,
    );
  }
}
