import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

/**
 * Unit tests (pure modules, next to their code or under tests/unit) and the integration suite
 * (tests/integration, real database): on in-memory PGlite always, and again on PostgreSQL when
 * TEST_DATABASE_URL is set (CI does).
 */
const integration = (engine: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration:${engine}`,
    include: ["tests/integration/**/*.test.ts"],
    env: {
      CLAIMDESK_TEST_ENGINE: engine,
      // No test may reach the real Crossref or NCBI: a test that does not point the app at the
      // local stand-in (tests/helpers/outside/server.ts) gets a refused connection at once.
      CROSSREF_BASE_URL: "http://127.0.0.1:9/crossref",
      NCBI_EUTILS_BASE_URL: "http://127.0.0.1:9/eutils",
      NCBI_IDCONV_BASE_URL: "http://127.0.0.1:9/idconv",
    },
    globalSetup: ["tests/helpers/cli-build-setup.ts", "tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * System tests (tests/system): the production build as real servers, driven over HTTP —
 * crash safety, several instances on one PostgreSQL (only with TEST_DATABASE_URL), a short
 * load run. `scripts/e2e.mjs` runs them after `next build`, with CLAIMDESK_SYSTEM_TESTS=1;
 * `vitest run` alone leaves them out (no build to run).
 */
const system = {
  extends: true as const,
  test: {
    name: "system",
    include: ["tests/system/**/*.test.ts"],
    exclude: process.env.TEST_DATABASE_URL ? [] : ["tests/system/**/*.postgres.test.ts"],
    // One server set at a time: they share the machine's two cores and a port range.
    fileParallelism: false,
    globalSetup: ["tests/helpers/cli-build-setup.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
};

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    // Two test files at a time. Vitest's default is one fewer than the cores, so one worker on
    // CI's two, and the projects' files then ran one after another. PGlite's files keep one core
    // busy; the PostgreSQL project's and the CLI tests' mostly wait on another process; two
    // workers keep both cores busy (docs/figures.md, "Test suite time"). Three, on a machine
    // also busy with other work, pushed time-sensitive tests past their 30-second limit.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"],
          // The CLI tests spawn bin/claimdesk.mjs, which runs the bundle.
          globalSetup: ["tests/helpers/cli-build-setup.ts"],
        },
      },
      integration("pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
      ...(process.env.CLAIMDESK_SYSTEM_TESTS === "1" ? [system] : []),
    ],
  },
});
