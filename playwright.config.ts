import { defineConfig } from "@playwright/test";
import { chromiumOptions } from "./tests/helpers/chromium";

/**
 * End-to-end tests against a production build (`scripts/e2e.mjs` builds it into .next-e2e
 * and gives each server its own temporary PGlite directory). Two workers, each with servers of
 * its own, because the specs change the demo data they share (the demo article, accounts and
 * their sessions) and steer the Crossref/NCBI stand-in: project "chromium" has demo workspace
 * 1, the stand-in that specs steer, and a fresh, empty workspace (first-run setup); project
 * "chromium-2" runs the specs listed in SECOND_SET on demo workspace 2, with a stand-in of its
 * own. Each project has one worker, so within a set the specs run one after another in file
 * order, as they always did, and each set's data belongs to its own server.
 */
// Ports and build folder can be moved, so that two checkouts' suites can run side by side.
const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 3100);
const FRESH_PORT = Number(process.env.E2E_FRESH_PORT ?? 3101);
// The stand-in for Crossref and NCBI (tests/helpers/outside/server.ts), steered by the specs.
const OUTSIDE_PORT = Number(process.env.E2E_OUTSIDE_PORT ?? 3190);
export const OUTSIDE_URL = `http://127.0.0.1:${OUTSIDE_PORT}`;
// The second set's demo workspace and stand-in (nobody steers this one).
const DEMO_2_PORT = Number(process.env.E2E_DEMO_2_PORT ?? DEMO_PORT + 2);
const OUTSIDE_2_PORT = Number(process.env.E2E_OUTSIDE_2_PORT ?? OUTSIDE_PORT + 1);
const OUTSIDE_2_URL = `http://127.0.0.1:${OUTSIDE_2_PORT}`;
const DEMO_2_DATA_DIR =
  process.env.E2E_DEMO_2_DATA_DIR ??
  (process.env.E2E_DEMO_DATA_DIR ? `${process.env.E2E_DEMO_DATA_DIR}-2` : undefined);
// The stand-in mail server (tests/helpers/outside/smtp-standin.ts): the demo server sends its
// e-mail there; specs read what arrived at SMTP_STANDIN_URL/messages.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2630);
const SMTP_CONTROL_PORT = Number(process.env.E2E_SMTP_CONTROL_PORT ?? 2631);
export const SMTP_STANDIN_URL = `http://127.0.0.1:${SMTP_CONTROL_PORT}`;
const demoEmailEnv = {
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  EMAIL_FROM: "Claimdesk <claimdesk@example.com>",
  CLAIMDESK_EMAIL_POLL_MS: "2000",
};

/**
 * The specs of the second set: about half of the suite's time, none that steers the stand-in or
 * uses the fresh workspace (those stay with the first). A new spec runs in the first set unless
 * it is listed here.
 */
const SECOND_SET = [
  "access",
  "dashboard",
  "notifications",
  "queues",
  "accounts",
  "activity",
  "review-dates",
  "review",
  "reviewer-named",
  "revise",
  "search",
  "security",
  "sessions",
  "thin-path",
  "undo",
  "xss",
].map((name) => `**/${name}.spec.ts`);

const serverEnv = (
  dataDir: string | undefined,
  url: string,
  demo: boolean,
  outsideUrl = OUTSIDE_URL,
) => ({
  NODE_ENV: "production",
  NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
  CLAIMDESK_DATA_DIR: dataDir ?? "",
  CLAIMDESK_DEMO: demo ? "1" : "0",
  NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
  NEXTAUTH_URL: url,
  // Every spec signs in from this one machine: keep the per-IP sign-in limit (default 20 failures
  // in 15 min) out of their way. The per-account limit stays at its default and is tested.
  CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP: "1000",
  CROSSREF_BASE_URL: `${outsideUrl}/crossref`,
  NCBI_EUTILS_BASE_URL: `${outsideUrl}/eutils`,
  NCBI_IDCONV_BASE_URL: `${outsideUrl}/idconv`,
  // "The service is down" must not keep a spec waiting for the production time-out.
  CLAIMDESK_OUTSIDE_TIMEOUT_MS: "3000",
});

const demoUrl = `http://localhost:${DEMO_PORT}`;
const demo2Url = `http://localhost:${DEMO_2_PORT}`;
// Another host name, so the two servers' session cookies never meet in one browser.
const freshUrl = `http://127.0.0.1:${FRESH_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Its own folder per run when asked, so that two suites in one checkout keep their traces apart.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  // One per project (see the projects below).
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: demoUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumOptions(),
  },
  webServer: [
    {
      command: `node --import tsx tests/helpers/outside/smtp-standin.ts ${SMTP_PORT} ${SMTP_CONTROL_PORT}`,
      url: `${SMTP_STANDIN_URL}/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx tests/helpers/outside/server.ts ${OUTSIDE_PORT}`,
      url: `${OUTSIDE_URL}/__requests`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${DEMO_PORT}`,
      url: `${demoUrl}/api/health`,
      env: { ...serverEnv(process.env.E2E_DEMO_DATA_DIR, demoUrl, true), ...demoEmailEnv },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx tests/helpers/outside/server.ts ${OUTSIDE_2_PORT}`,
      url: `${OUTSIDE_2_URL}/__requests`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${DEMO_2_PORT}`,
      url: `${demo2Url}/api/health`,
      env: serverEnv(DEMO_2_DATA_DIR, demo2Url, true, OUTSIDE_2_URL),
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${FRESH_PORT}`,
      url: `${freshUrl}/api/health`,
      env: serverEnv(process.env.E2E_FRESH_DATA_DIR, freshUrl, false),
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
  projects: [
    {
      name: "chromium",
      testIgnore: SECOND_SET,
      workers: 1,
      use: { browserName: "chromium" },
    },
    {
      name: "chromium-2",
      testMatch: SECOND_SET,
      workers: 1,
      use: { browserName: "chromium", baseURL: demo2Url },
    },
  ],
});

export const FRESH_BASE_URL = freshUrl;
