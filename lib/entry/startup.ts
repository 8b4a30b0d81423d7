/**
 * What the server does once at start (instrumentation.ts): open and migrate the database —
 * so a locked PGlite directory or a bad DATABASE_URL fails the start, not the first visitor —
 * and, in demo mode only, seed the demo workspace and print its accounts; then start the
 * scheduled jobs' poller (lib/services/jobs), once per process. instrumentation.ts never calls
 * this during `next build`.
 */
import { getDatabase, getDb } from "@/db/instance";
import { DEMO_ACCOUNTS, isDemoMode } from "@/lib/entry/demo/accounts";
import { seedDemo } from "@/lib/entry/demo/seed";
import { ALL_JOBS } from "@/lib/entry/jobs";
import { logError, logInfo } from "@/lib/server/logging/log";
import { sessionSecretProblem } from "@/lib/server/session-secret";
import { emailStatusNote } from "@/lib/services/email/settings";
import { type Scheduler, startScheduler } from "@/lib/services/jobs/runner";
import { outsideServicesStatus } from "@/lib/services/outside/config";

const SCHEDULER = Symbol.for("claimdesk.job-scheduler");

export async function startServer(): Promise<void> {
  const secretProblem = sessionSecretProblem(process.env);
  if (secretProblem) {
    console.error(`\nClaimdesk: ${secretProblem}\n`);
    process.exit(1);
  }
  let handle: Awaited<ReturnType<typeof getDatabase>>;
  try {
    handle = await getDatabase();
  } catch (err) {
    logError("database failed to open", err);
    console.error(
      `\nClaimdesk could not open its database: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
  logInfo("database ready", { engine: handle.engine, location: handle.location });

  if (isDemoMode()) {
    const { created } = await seedDemo(handle.db);
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    const lines = DEMO_ACCOUNTS.map(
      (a) => `  ${a.role.padEnd(9)} ${a.email.padEnd(width)}  ${a.password}`,
    );
    console.log(
      [
        "",
        "Claimdesk demo workspace",
        created.length > 0 ? `  (seeded: ${created.join(", ")})` : "  (already seeded)",
        "",
        "  Sign in with any of these accounts:",
        ...lines,
        "",
      ].join("\n"),
    );
  }

  // What is off or slower among the outside services (look-ups, the retraction watch).
  for (const note of outsideServicesStatus()) logInfo("outside services", { note });
  // Whether notifications go out by e-mail (SMTP_URL; docs/operations.md "E-mail").
  logInfo("e-mail", { note: emailStatusNote() });

  // Once per process, whichever of Next's chunks calls (see db/instance.ts); its timer is
  // unref()'d, so it never holds the process open.
  const holder = globalThis as { [SCHEDULER]?: Scheduler };
  holder[SCHEDULER] ??= startScheduler(getDb, ALL_JOBS);
}
