/** What /api/health reports as "migrations current", on a real database. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { committedMigrations, migrationStatus } from "../../db/migrations-status";
import { freshDatabasePerTest } from "../helpers/db";

describe("migrationStatus", () => {
  const t = freshDatabasePerTest();

  it("is current on a database migrated by the app", async () => {
    const committed = committedMigrations();
    expect(committed.length).toBeGreaterThan(3);
    expect(await migrationStatus(t.db)).toEqual({
      expected: committed.length,
      applied: committed.length,
      latest: committed.at(-1)?.tag,
      current: true,
    });
  });

  it("is not current when the newest migration has not been applied", async () => {
    const newest = committedMigrations().at(-1);
    await t.db.execute(
      sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = ${newest?.when}`,
    );
    const status = await migrationStatus(t.db);
    expect(status.current).toBe(false);
    expect(status.applied).toBe(status.expected - 1);
  });
});
