import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates migrations from the schema; the app applies them itself at
// start-up (db/migrate.ts) on PGlite or PostgreSQL, so no credentials are needed here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
