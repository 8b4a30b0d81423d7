/**
 * The command line's bundle (scripts/build-cli.mjs → dist/cli) as bin/claimdesk.mjs runs it:
 * every command in main.ts's table loads from its chunk, the bin works from any directory, and
 * a bin whose sources changed rebuilds before it runs (on a small project of its own in a
 * temporary folder, so the real dist/cli that other tests use is left alone).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../lib/entry/cli/main";
import { REPO_ROOT, spawnClaimdesk, spawnCommand } from "../helpers/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-bundle-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The environment without CLAIMDESK_ROOT, as a user's shell has it. */
function userEnv(): NodeJS.ProcessEnv {
  const { CLAIMDESK_ROOT: _root, ...env } = process.env;
  return env;
}

describe("the claimdesk bundle", { timeout: 60_000 }, () => {
  it("has a chunk for every command in the table, each loading the command it names", async () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, "dist", "cli", "manifest.json"), "utf8"),
    ) as { dir: string };
    const files = fs.readdirSync(path.join(REPO_ROOT, "dist", "cli", manifest.dir));
    for (const entry of COMMANDS) {
      expect(files).toContain(
        files.find((f) => f.startsWith(`${entry.name}-`) && f.endsWith(".js")),
      );
      expect((await entry.load()).name).toBe(entry.name);
      // Through the bin: `help NAME` imports the command's chunk for its help text.
      const r = await spawnClaimdesk(["help", entry.name], { env: userEnv() });
      expect(r).toMatchObject({ status: 0, stderr: "" });
      expect(r.stdout).toMatch(new RegExp(`^Usage: claimdesk ${entry.name}\\b`));
    }
  });

  it("runs from another working directory, finding its project from its own location", async () => {
    const help = await spawnClaimdesk(["--help"], { cwd: os.tmpdir(), env: userEnv() });
    expect(help).toMatchObject({ status: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: claimdesk COMMAND/);

    // A command that needs the migrations (db/migrations, found through CLAIMDESK_ROOT).
    const dataDir = path.join(tmp, "data", "db");
    const { DATABASE_URL: _url, ...env } = userEnv();
    const email = await spawnClaimdesk(["email"], {
      cwd: tmp,
      env: { ...env, CLAIMDESK_DATA_DIR: dataDir },
    });
    expect(email.stderr).toBe("");
    expect(email.status).toBe(0);
    expect(fs.existsSync(dataDir)).toBe(true);
  });

  it("rebuilds before running when a source changed, and only then", async () => {
    // A project of its own: the real bin and build scripts, a command line of one line.
    const project = path.join(tmp, "project");
    for (const dir of ["bin", "scripts", "lib/entry/cli"]) {
      fs.mkdirSync(path.join(project, dir), { recursive: true });
    }
    for (const file of ["bin/claimdesk.mjs", "scripts/cli-bundle.mjs", "scripts/build-cli.mjs"]) {
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(project, file));
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"));
    fs.writeFileSync(path.join(project, "package.json"), '{ "type": "module" }\n');
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      '{ "compilerOptions": { "strict": true } }\n',
    );
    fs.mkdirSync(path.join(project, "lib", "core", "import"), { recursive: true });
    fs.writeFileSync(
      path.join(project, "lib", "core", "import", "import-to-doc.ts"),
      "export const importToDoc = () => null;\n",
    );
    const main = path.join(project, "lib", "entry", "cli", "main.ts");
    const write = (word: string) =>
      fs.writeFileSync(
        main,
        `export async function runProcess(): Promise<void> { console.log("${word}"); }\n`,
      );
    const bin = path.join(project, "bin", "claimdesk.mjs");
    const run = () => spawnCommand(process.execPath, [bin], { cwd: os.tmpdir(), env: userEnv() });

    write("first");
    const built = await run();
    expect(built.stdout).toBe("first\n");
    expect(built.stderr).toBe("claimdesk: building the command line (dist/cli)…\n");

    expect(await run()).toEqual({ status: 0, stdout: "first\n", stderr: "" });

    // Touched, same contents: the hash says it is the same, so no rebuild.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(main, later, later);
    expect(await run()).toEqual({ status: 0, stdout: "first\n", stderr: "" });

    write("second");
    const rebuilt = await run();
    expect(rebuilt.stdout).toBe("second\n");
    expect(rebuilt.stderr).toBe(
      "claimdesk: the sources changed since the last build; rebuilding the command line (dist/cli)…\n",
    );
    expect(await run()).toEqual({ status: 0, stdout: "second\n", stderr: "" });

    // `--if-stale` (vitest's global setup, scripts) agrees.
    const script = path.join(project, "scripts", "build-cli.mjs");
    const check = spawnSync(process.execPath, [script, "--if-stale"], { encoding: "utf8" });
    expect(check.stdout).toMatch(/^claimdesk CLI bundle is up to date/);
  });
});
