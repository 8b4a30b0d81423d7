/**
 * `npm install -g .` into a temporary prefix (what an operator does to get `claimdesk` on the
 * PATH; `npm link` makes the same symlinks), then the installed command run from another
 * directory. A system test because it runs npm (a few seconds); offline, since a folder install
 * needs nothing from the registry.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, spawnCommand } from "../helpers/cli";

const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-install-"));
afterAll(() => fs.rmSync(prefix, { recursive: true, force: true }));

describe("claimdesk installed with npm install -g", () => {
  it("runs from any directory", async () => {
    const install = await spawnCommand(
      "npm",
      ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", "."],
      { cwd: REPO_ROOT },
    );
    expect(install.status, install.stderr).toBe(0);
    const { CLAIMDESK_ROOT: _root, ...env } = process.env;
    const help = await spawnCommand(path.join(prefix, "bin", "claimdesk"), ["--help"], {
      cwd: os.tmpdir(),
      env,
    });
    expect(help).toMatchObject({ status: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: claimdesk COMMAND/);

    fs.writeFileSync(path.join(prefix, "claim.txt"), "This tea cures cancer.\n");
    const detect = await spawnCommand(
      path.join(prefix, "bin", "claimdesk"),
      ["detect", "claim.txt"],
      {
        cwd: prefix,
        env,
      },
    );
    expect(detect.status).toBe(0);
    expect(JSON.parse(detect.stdout)).toMatchObject([{ text: "This tea cures cancer." }]);
  });
});
