import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMain } from "../../../tests/helpers/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-match-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (argv: string[], input = "") => runMain(argv, tmp, input);

const LIBRARY = [
  { id: "mmr", text: "The MMR vaccine causes autism.", verdict: "inaccurate" },
  { id: "vitamin-c", text: "Vitamin C prevents colds." },
  { id: 7, text: "Statins cause memory loss." },
];

// Each run opens and migrates an in-memory database: seconds, not milliseconds.
describe("claimdesk match", { timeout: 60_000 }, () => {
  it("prints each matched span with the entry's id, its score and whether it repeats or negates it", async () => {
    fs.writeFileSync(path.join(tmp, "lib.json"), JSON.stringify(LIBRARY));
    const text =
      "Café owners still believe the MMR jab causes autism. Others say ascorbic acid does not ward off the common cold. Statins lower cholesterol.";
    const r = await run(["match", "--library", "lib.json", "--text", "-"], text);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const items = JSON.parse(r.stdout) as {
      start: number;
      end: number;
      text: string;
      libraryId: string;
      score: number;
      relation: string;
    }[];
    expect(items.map((i) => [i.libraryId, i.relation])).toEqual([
      ["mmr", "same"],
      ["vitamin-c", "opposite"],
    ]);
    for (const i of items) {
      expect(text.slice(i.start, i.end)).toBe(i.text);
      expect(i.score).toBeGreaterThan(0.5);
      expect(Object.keys(i)).toEqual(["start", "end", "text", "libraryId", "score", "relation"]);
    }
  });

  it("explains a wrong command line or library file, and prints [] when nothing matches", async () => {
    expect((await run(["match", "--text", "-"])).stderr).toContain("missing --library");
    fs.writeFileSync(path.join(tmp, "bad.json"), '{"id": 1}');
    const bad = await run(["match", "--library", "bad.json", "--text", "-"], "x");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("must be an array");
    fs.writeFileSync(path.join(tmp, "broken.json"), "[{");
    expect((await run(["match", "--library", "broken.json", "--text", "-"], "x")).stderr).toContain(
      "not JSON",
    );
    fs.writeFileSync(path.join(tmp, "twice.json"), JSON.stringify([LIBRARY[0], LIBRARY[0]]));
    expect((await run(["match", "--library", "twice.json", "--text", "-"], "x")).stderr).toContain(
      'the id "mmr" twice',
    );
    fs.writeFileSync(path.join(tmp, "lib.json"), JSON.stringify(LIBRARY));
    const none = await run(["match", "--library", "lib.json", "--text", "-"], "Bring an umbrella.");
    expect(none).toEqual({ status: 0, stdout: "[]\n", stderr: "" });
  });
});
