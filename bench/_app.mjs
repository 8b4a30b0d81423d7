/**
 * Shared by the benchmarks: build the app into its own folder, start `next start` on a given
 * PGlite directory, sign in through next-auth's endpoints. Not a benchmark itself (the leading
 * underscore keeps bench/run.mjs from running it).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Builds into `distDir` (relative to the root); returns the seconds it took. */
export function buildApp(distDir) {
  fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
  const t = performance.now();
  const build = spawnSync(process.execPath, [next, "build"], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0) throw new Error("next build failed");
  return (performance.now() - t) / 1000;
}

/** Starts `next start`; resolves once /signin answers, with the seconds that took. */
export async function startApp({ distDir, dataDir, port, demo = false }) {
  const base = `http://localhost:${port}`;
  const t = performance.now();
  const server = spawn(process.execPath, [next, "start", "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      CLAIMDESK_DEMO: demo ? "1" : "0",
      CLAIMDESK_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789abcdef",
      NEXTAUTH_URL: base,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  server.once("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error("next start exited before serving");
    try {
      if ((await fetch(`${base}/signin`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const seconds = (performance.now() - t) / 1000;
  const stop = async () => {
    if (exited) return;
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
  return { base, seconds, stop };
}

/** Signs in with the Credentials provider; returns the cookies as `name=value` pairs. */
export async function signInCookies(base, email, password) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  cookies.push(...login.headers.getSetCookie().map((c) => c.split(";")[0]));
  return cookies;
}

/** Chromium as the e2e tests launch it (Debian's here, Playwright's elsewhere). */
export function chromiumOptions() {
  const executablePath =
    process.env.CHROMIUM_PATH ||
    (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return {
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}
