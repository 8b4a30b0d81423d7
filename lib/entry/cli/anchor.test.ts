import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMain } from "../../../tests/helpers/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-anchor-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const OLD =
  "Stem cell therapy is offered for kidney failure. The clinic says stem cell therapy has no " +
  "toxicity and rejection reaction. Patients should keep up dialysis.";
const NEW =
  "Updated 2024.\n\nStem cell therapy is offered for kidney failure. The clinic says stem cell " +
  "therapy has almost no toxicity and rejection reaction. Patients should keep up dialysis.";

function write(name: string, content: string | object) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return name;
}

/** A claim's range in OLD, by its text. */
function range(id: string, text: string) {
  const start = OLD.indexOf(text);
  return { id, start, end: start + text.length };
}

const run = (argv: string[], input = "") => runMain(["anchor", ...argv], tmp, input);

write("old.txt", OLD);
write("new.txt", NEW);
write("claims.json", [
  range("first", "Stem cell therapy is offered for kidney failure."),
  range("denial", "stem cell therapy has no toxicity and rejection reaction"),
  range("dialysis", "Patients should keep up dialysis."),
]);

describe("claimdesk anchor", () => {
  it("re-anchors ranges of the old text onto the new one, one JSON item per line", async () => {
    const r = await run(["--old", "old.txt", "--new", "new.txt", "--claims", "claims.json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(6); // "[", three items, "]", ""
    const items = JSON.parse(r.stdout) as {
      id: string;
      state: string;
      start: number;
      end: number;
    }[];
    expect(items.map((i) => [i.id, i.state])).toEqual([
      ["first", "exact"],
      ["denial", "changed"],
      ["dialysis", "exact"],
    ]);
    expect(Object.keys(items[0] ?? {})).toEqual(["id", "state", "start", "end", "score"]);
    expect(items[0]).toMatchObject({ start: 15, score: 1 });
    const denial = items[1];
    expect(NEW.slice(denial?.start, denial?.end)).toBe(
      "stem cell therapy has almost no toxicity and rejection reaction",
    );
  });

  it("with --old, a claim whose paragraph was moved is moved, as in a revision save", async () => {
    const first = "Dialysis remains the standard of care for kidney failure in adults.";
    const second =
      "The clinic says that stem cell therapy has no toxicity and rejection reaction at all, which no controlled trial has shown.";
    const third = "Side effects were mild and resolved within a week in most patients.";
    write("p-old.txt", [first, second, third, "A closing note."].join("\n\n"));
    write("p-new.txt", [first, third, "A closing note.", second].join("\n\n"));
    const quote = "no toxicity and rejection reaction";
    const start = second.indexOf(quote) + first.length + 2;
    write("p-claims.json", [{ id: "denial", start, end: start + quote.length }]);
    const r = await run(["--old", "p-old.txt", "--new", "p-new.txt", "--claims", "p-claims.json"]);
    expect(r.status).toBe(0);
    const [item] = JSON.parse(r.stdout) as { state: string; start: number }[];
    expect(item).toMatchObject({
      state: "moved",
      start: [first, third, "A closing note.", second].join("\n\n").indexOf(quote),
    });
  });

  it("takes W3C-like selectors, positions optional, and reports orphans", async () => {
    write("selectors.json", [
      { id: 7, exact: "keep up dialysis", prefix: "Patients should ", suffix: "." },
      { id: "x", exact: "cures every kidney disease", start: 3, end: 29 },
    ]);
    const r = await run(["--new=new.txt", "--selectors", "selectors.json"]);
    expect(r.status).toBe(0);
    const start = NEW.indexOf("keep up dialysis");
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 7, state: "exact", start, end: start + 16, score: 1 },
      { id: "x", state: "orphaned", start: null, end: null, score: 0 },
    ]);
  });

  it("drops a byte order mark and counts UTF-16 units; reads one file from stdin", async () => {
    write("bom-old.txt", "\uFEFF😀 It is safe. It cures colds.");
    write("bom-claims.json", [{ id: "c", start: 9, end: 14 }]); // "safe." after "😀 It is "
    const r = await run(
      ["--old", "bom-old.txt", "--new", "-", "--claims", "bom-claims.json"],
      "\uFEFFNew: 😀 It is safe. It cures colds.",
    );
    expect(JSON.parse(r.stdout)).toEqual([
      { id: "c", state: "exact", start: 14, end: 19, score: 1 },
    ]);
  });

  it("exits 2 on a wrong command line, naming the problem", async () => {
    const cases: [string[], string][] = [
      [[], "missing --new NEW.txt"],
      [["--new", "new.txt"], "missing --claims (with --old) or --selectors"],
      [["--new", "new.txt", "--claims", "claims.json"], "--old and --claims go together"],
      [["--new", "new.txt", "--selectors", "s.json", "--old", "old.txt"], "not both"],
      [["--new", "new.txt", "--frob", "x"], "unknown option --frob"],
      [["--new"], "--new needs a file"],
      [["--new", "a", "--new", "b"], "--new given twice"],
      [["new.txt"], "unexpected argument new.txt"],
      [["--new", "-", "--selectors", "-"], "only one file can be standard input"],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r, argv.join(" ")).toMatchObject({ status: 2, stdout: "" });
      expect(r.stderr, argv.join(" ")).toContain(message);
    }
  });

  it("exits 1 with one line per problem in an input file", async () => {
    write("bad.json", [
      { id: "a", start: 5, end: 2 },
      { id: "b", start: "1", end: 4 },
      { start: 0, end: 1 },
    ]);
    const r = await run(["--old", "old.txt", "--new", "new.txt", "--claims", "bad.json"]);
    expect(r).toMatchObject({ status: 1, stdout: "" });
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("claimdesk anchor: bad.json: [0].end: end must be greater than start");
    expect(lines[1]).toMatch(/^claimdesk anchor: bad\.json: \[1\]\.start: .*number/);
    expect(lines[2]).toMatch(/^claimdesk anchor: bad\.json: \[2\]\.id: /);
  });

  it("exits 1 on ranges outside the old text, repeated ids, bad JSON or a missing file", async () => {
    write("outside.json", [{ id: "a", start: 0, end: OLD.length + 1 }]);
    const outside = await run(["--old", "old.txt", "--new", "new.txt", "--claims", "outside.json"]);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toBe(
      `claimdesk anchor: outside.json: [0]: range 0–${OLD.length + 1} is outside old.txt (${OLD.length} long)\n`,
    );

    write("twice.json", [
      { id: "a", exact: "x" },
      { id: "a", exact: "y" },
    ]);
    const twice = await run(["--new", "new.txt", "--selectors", "twice.json"]);
    expect(twice.stderr).toBe('claimdesk anchor: twice.json: [1].id: "a" is used twice\n');

    write("broken.json", "[{");
    const broken = await run(["--new", "new.txt", "--selectors", "broken.json"]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^claimdesk anchor: broken\.json: not valid JSON \(.+\)\n$/);

    const missing = await run(["--new", "nope.txt", "--selectors", "twice.json"]);
    expect(missing).toMatchObject({ status: 1, stdout: "" });
    expect(missing.stderr).toBe("claimdesk anchor: cannot read nope.txt: no such file\n");
  });
});

describe("claimdesk anchor (spawned)", () => {
  it("runs through the real binary", { timeout: 60_000 }, async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const { status, stdout, stderr } = await new Promise<{
      status: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          path.join(root, "bin", "claimdesk.mjs"),
          "anchor",
          "--old",
          "old.txt",
          "--new",
          "new.txt",
          "--claims",
          "claims.json",
        ],
        { cwd: tmp },
      );
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        err += d;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ status: code, stdout: out, stderr: err }));
    });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { state: string }[]).map((i) => i.state)).toEqual([
      "exact",
      "changed",
      "exact",
    ]);
  });
});
