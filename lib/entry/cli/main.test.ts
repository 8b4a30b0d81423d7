import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMain } from "../../../tests/helpers/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-main-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (argv: string[], input = "") => runMain(argv, tmp, input);

describe("claimdesk main", () => {
  it("prints usage on stderr and exits 2 without arguments", async () => {
    const r = await run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: claimdesk COMMAND/);
    expect(r.stderr).toMatch(/^\s+detect\s+/m);
  });

  it("prints help for a command", async () => {
    for (const argv of [
      ["help", "detect"],
      ["detect", "--help"],
    ]) {
      const r = await run(argv);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: claimdesk detect FILE/);
    }
  });

  it("exits 2 on a wrong detect command line, naming the problem", async () => {
    expect(await run(["detect"])).toMatchObject({ status: 2, stdout: "" });
    expect((await run(["detect"])).stderr).toContain("missing FILE");
    expect((await run(["detect", "a.txt", "b.txt"])).stderr).toContain("expects one FILE");
    const option = await run(["detect", "--frob", "a.txt"]);
    expect(option).toMatchObject({ status: 2, stdout: "" });
    expect(option.stderr).toContain("unknown option --frob");
  });

  it("exits 1 on a directory or invalid UTF-8, without a stack trace", async () => {
    const dir = await run(["detect", "."]);
    expect(dir).toMatchObject({ status: 1, stdout: "" });
    expect(dir.stderr).toBe("claimdesk detect: cannot read .: is a directory\n");

    fs.writeFileSync(path.join(tmp, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const latin1 = await run(["detect", "latin1.txt"]);
    expect(latin1).toMatchObject({ status: 1, stdout: "" });
    expect(latin1.stderr).toBe("claimdesk detect: latin1.txt is not valid UTF-8 text\n");
  });

  it("prints one suggestion per line, [] when there is none", async () => {
    const none = await run(["detect", "-"], "Bring your inhaler.");
    expect(none).toEqual({ status: 0, stdout: "[]\n", stderr: "" });

    const two = await run(["detect", "-"], "It cures colds.\nIt is harmless.\n");
    expect(two.stdout.split("\n")).toHaveLength(5); // "[", two items, "]", ""
    expect(JSON.parse(two.stdout)).toHaveLength(2);
  });

  it("keeps offsets in UTF-16 units after a byte order mark on stdin", async () => {
    const r = await run(["detect", "-"], "\uFEFF😀 Hi\n\nIt cures colds.");
    const [item] = JSON.parse(r.stdout) as { start: number; text: string }[];
    // "😀" is two units, the BOM none: "😀 Hi\n\n" is 7 units long.
    expect(item).toMatchObject({ start: 7, text: "It cures colds." });
  });
});
