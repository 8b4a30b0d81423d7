/**
 * The real `claimdesk` binary, spawned as a user would run it: `node bin/claimdesk.mjs …`
 * (the bundle in dist/cli, built by vitest's global setup), from the project and from elsewhere.
 * Each run starts a Node process (about 0.2 s), so the variations of the command line are
 * tested in-process in lib/entry/cli/main.test.ts and only the essentials here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, type ExpectStatic, it } from "vitest";
import { spawnClaimdesk } from "../helpers/cli";

const root = path.resolve(import.meta.dirname, "../..");
const demo = path.join(root, "lib", "entry", "demo", "stem-cell-kidney-failure.txt");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const claimdesk = (args: string[], options: { cwd?: string; input?: string } = {}) =>
  spawnClaimdesk(args, options);

interface Item {
  start: number;
  end: number;
  text: string;
  reasons: string[];
  labels: string[];
  label: string;
  phrase?: { start: number; end: number; text: string };
}

/** Parses the output and checks each item's keys and offsets against `text`. */
function parseItems(expect: ExpectStatic, stdout: string, text: string): Item[] {
  const items = JSON.parse(stdout) as Item[];
  for (const item of items) {
    const keys = Object.keys(item);
    expect(keys.slice(0, 6)).toEqual(["start", "end", "text", "reasons", "labels", "label"]);
    expect(keys.slice(6)).toEqual(item.phrase ? ["phrase"] : []);
    expect(item.labels).toHaveLength(item.reasons.length);
    expect(item.label).toBe(item.labels.join("; "));
    expect(text.slice(item.start, item.end)).toBe(item.text);
    if (item.phrase) expect(text.slice(item.phrase.start, item.phrase.end)).toBe(item.phrase.text);
  }
  return items;
}

describe.concurrent("claimdesk (spawned)", { timeout: 60_000 }, () => {
  it("detect prints the demo article's suggestions as JSON", async ({ expect }) => {
    const { status, stdout, stderr } = await claimdesk([
      "detect",
      "lib/entry/demo/stem-cell-kidney-failure.txt",
    ]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const items = parseItems(expect, stdout, fs.readFileSync(demo, "utf8"));
    const denial = items.find((i) => i.phrase?.text === "no toxicity and rejection reaction");
    expect(denial?.reasons).toContain("harm-denial");
    expect(denial?.labels).toContain("says a treatment is free of harm");
  });

  it("works from another working directory, with paths relative to it", async ({ expect }) => {
    fs.writeFileSync(path.join(tmp, "claim.txt"), "This tea cures cancer.\n");
    const { status, stdout } = await claimdesk(["detect", "claim.txt"], { cwd: tmp });
    expect(status).toBe(0);
    expect(parseItems(expect, stdout, "This tea cures cancer.\n")).toEqual([
      {
        start: 0,
        end: 22,
        text: "This tea cures cancer.",
        reasons: ["cure-claim"],
        labels: ["says something cures, prevents or heals"],
        label: "says something cures, prevents or heals",
        phrase: { start: 9, end: 21, text: "cures cancer" },
      },
    ]);
  });

  it("drops a byte order mark: offsets count from the first character after it", async ({
    expect,
  }) => {
    const text = "Santé 😀\r\n\r\nIt is completely safe.\r\n";
    fs.writeFileSync(path.join(tmp, "bom.txt"), `\uFEFF${text}`, "utf8");
    const { status, stdout } = await claimdesk(["detect", path.join(tmp, "bom.txt")]);
    expect(status).toBe(0);
    const [item] = parseItems(expect, stdout, text);
    expect(item?.start).toBe(text.indexOf("It is"));
  });

  it("reads standard input for -", async ({ expect }) => {
    const { status, stdout } = await claimdesk(["detect", "-"], {
      input: "Smoking causes 85% of lung cancers.",
    });
    expect(status).toBe(0);
    expect(parseItems(expect, stdout, "Smoking causes 85% of lung cancers.")).toHaveLength(1);
  });

  it("exits 1 with one clear line for a missing or unreadable file", async ({ expect }) => {
    const missing = await claimdesk(["detect", "no-such-file.txt"]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toBe("claimdesk detect: cannot read no-such-file.txt: no such file\n");
  });

  it("lists only working commands in --help", async ({ expect }) => {
    const help = await claimdesk(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\s+detect\s+/m);
    expect(help.stdout).toMatch(/^\s+import\s+/m);
    expect(help.stdout).toMatch(/^\s+export\s+/m);
    expect(help.stdout).not.toMatch(/coming/i);
  });

  it("exits 2 with a message on stderr for an unknown command", async ({ expect }) => {
    const unknown = await claimdesk(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
