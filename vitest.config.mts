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
    env: { CLAIMDESK_TEST_ENGINE: engine },
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"] },
      },
      integration("pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
    ],
  },
});
