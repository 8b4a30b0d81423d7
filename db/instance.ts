/**
 * The process-wide database of the running app, opened from the environment and migrated on
 * first use. Kept on `globalThis` because Next bundles server code into several chunks, each
 * with its own module instances; two PGlite instances on one directory would lose writes.
 */
import { type Db, type DbHandle, openDatabase, targetFromEnv } from "./client";

const KEY = Symbol.for("claimdesk.database");

type Holder = { [KEY]?: Promise<DbHandle> };

/** The app's database handle, opened and migrated once per process. */
export function getDatabase(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  let pending = holder[KEY];
  if (!pending) {
    pending = (async () => {
      const handle = await openDatabase(targetFromEnv());
      try {
        await handle.migrate();
      } catch (err) {
        await handle.close();
        throw err;
      }
      return handle;
    })();
    holder[KEY] = pending;
    // A failed open (say, a locked directory) must not be cached: the next request retries.
    pending.catch(() => {
      if (holder[KEY] === pending) delete holder[KEY];
    });
  }
  return pending;
}

/** Shorthand for code that only needs the drizzle database. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
