/**
 * How every browser of ours is launched (Playwright's config and the Chromium benchmarks):
 * Debian's Chromium here, where Playwright cannot download its own; Playwright's elsewhere.
 * Without the background-networking flags, Chromium's calls home are refused by this machine's
 * closed network, many at a time.
 */
import fs from "node:fs";

export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launch options for `chromium.launch()`. */
export function chromiumOptions() {
  return { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS };
}
