/**
 * The import-boundary check (`npm run lint:boundaries`, part of `npm run lint`) is only worth
 * something if it fails: run the project's own rules over a tree planted with one violation per
 * rule (tests/fixtures/boundaries) and read what it reports.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { cruise, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { folderCycles } from "../../scripts/folder-cycles";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = path.join(root, "tests/fixtures/boundaries");
const config = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs"));

async function violations(): Promise<IViolation[]> {
  const cwd = process.cwd();
  // Rule paths are relative to the folder cruised from (the project root in `npm run lint`).
  process.chdir(fixture);
  try {
    const result = await cruise(["lib", "db"], {
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
    });
    if (typeof result.output === "string") throw new Error("expected a cruise result object");
    return result.output.summary.violations;
  } finally {
    process.chdir(cwd);
  }
}

describe("import boundaries", () => {
  it("fails on every planted violation, naming its rule, and passes the clean module", async () => {
    const found = (await violations()).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "core-is-pure: lib/core/reads-database.ts → db/table.ts",
        "core-is-pure: lib/core/calls-service.ts → lib/services/service.ts",
        "core-is-pure: lib/core/reads-files.ts → fs",
        "db-below-services: db/uses-service.ts → lib/services/service.ts",
      ]),
    );
    expect(
      found.some((v) =>
        /^core-is-pure: lib\/core\/renders-react\.ts → .*node_modules\/react\//.test(v),
      ),
    ).toBe(true);
    expect(found.some((v) => v.startsWith("no-circular: lib/server/"))).toBe(true);
    expect(found.filter((v) => v.includes("lib/core/clean.ts"))).toEqual([]);
  });

  it("fails on a loop between two folders that no module cycle shows", async () => {
    const loops = await folderCycles(fixture, ["lib", "db"]);
    expect(loops).toContainEqual(["lib/services/notes", "lib/services/reviews"]);
    const modules = (await violations()).filter((v) => v.rule.name === "no-circular");
    expect(modules.some((v) => v.from.includes("services/notes"))).toBe(false);
  });
});
