/**
 * The shared start of the browser benches on a seeded large article (bench/review-page.mjs,
 * bench/review-long.mjs): seed a PGlite data directory through the services
 * (bench/_seed-large-article.ts, WORDS / CLAIMS in `env`), and sign the bench reviewer in.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT as root } from "../tests/helpers/app-server.ts";

/** A new data directory with the large article; its path and what the seed printed. */
export function seedLargeArticle(name, env = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `claimdesk-bench-${name}-`));
  const seed = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/_seed-large-article.ts", dataDir],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  if (seed.status !== 0) throw new Error("seeding failed");
  return { dataDir, seeded: JSON.parse(seed.stdout.trim().split("\n").at(-1)) };
}

/** Signs the seeded bench reviewer in on `page`, as a person would. */
export async function signInBenchReviewer(page, base) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("E-mail").fill("bench.reviewer@example.com");
  await page.getByLabel("Password").fill("bench-reviewer-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Articles" }).waitFor();
}
