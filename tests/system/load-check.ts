import { expect } from "vitest";
import { DEMO_ARTICLE_SLUG } from "../../lib/entry/demo/seed";
import type { AppServer } from "../helpers/app-server";
import { formatLoadReport, runLoad, signInWriters } from "../helpers/load-driver";

export const LOAD_USERS = 50;

/** Runs the load for LOAD_TEST_MS (default 10 s), prints the figures, expects no error. */
export async function expectCleanLoad(server: AppServer, label: string): Promise<void> {
  const report = await runLoad({
    ...(await signInWriters(server.base)),
    slug: DEMO_ARTICLE_SLUG,
    users: LOAD_USERS,
    durationMs: Number(process.env.LOAD_TEST_MS ?? 10_000),
  });
  console.log(formatLoadReport(label, report));
  expect(report.errors, report.errorSamples.join("\n")).toBe(0);
  // Every user got through whole rounds: read, claim, evidence, comment.
  expect(report.latency["comment.add"]?.count ?? 0).toBeGreaterThanOrEqual(LOAD_USERS);
}
