/**
 * `claimdesk export`: the real binary against a PGlite directory of its own, seeded through the
 * services with a graded claim (Markdown and Word files written, an unknown article and a held
 * database refused in one line), then the argument parsing in-process.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "@/db/client";
import { findArticleById } from "@/db/queries/articles";
import type { Actor } from "@/lib/core/auth/permissions";
import { parseExportArgs } from "@/lib/entry/cli/export";
import { executeAction } from "@/lib/server/action";
import { transitionArticle } from "@/lib/services/articles/service";
import { setEditorNote, updateClaim } from "@/lib/services/claims/service";
import { addEvidence } from "@/lib/services/evidence/service";
import { pgliteEnv, spawnClaimdesk } from "../helpers/cli";
import {
  claimQuote,
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_QUOTE,
  triageSuggestions,
} from "../helpers/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-export-"));
const dataDir = path.join(tmp, "data");
const target = { engine: "pglite", dataDir: path.join(dataDir, "pglite") } as const;

const claimdesk = (args: string[]) => spawnClaimdesk(args, { cwd: tmp, env: pgliteEnv(dataDir) });

beforeAll(async () => {
  const handle = await openDatabase(target);
  try {
    await handle.migrate();
    const { db } = handle;
    const editor = await createActor(db, "editor", "Ed Itor");
    const reviewer = await createActor(db, "reviewer", "Rev Iewer");
    const { revisionId } = await importArticle(db, editor);
    const claim = await claimQuote(db, reviewer, revisionId);
    const evidence = await executeAction(
      addEvidence,
      { db, actor: reviewer },
      {
        claimId: claim.id,
        title: "Adverse events of stem cell therapy: a systematic review",
        stance: "contradicts",
        studyDesign: "systematic_review_rct",
      },
    );
    if (!evidence.ok) throw new Error(evidence.error.message);
    const updated = await executeAction(
      updateClaim,
      { db, actor: reviewer },
      {
        claimId: claim.id,
        version: claim.version,
        status: "resolved",
        verdict: "inaccurate",
        severity: "high",
        rationale: "Immune rejection is documented.",
        suggestedCorrection: "",
      },
    );
    if (!updated.ok) throw new Error(updated.error.message);
    await seedPublishedArticle(db, editor, reviewer);
  } finally {
    await handle.close();
  }
}, 60_000);

/** "published-stem-cells": published as version 1, then its claim's rationale changed. */
async function seedPublishedArticle(db: Db, editor: Actor, reviewer: Actor) {
  const approver = await createActor(db, "editor", "App Rover");
  const a = await importArticle(db, editor, undefined, "Published stem cells");
  const move = async (actor: Actor, transition: string) => {
    const { version } = (await findArticleById(db, a.id)) ?? { version: 0 };
    await ok(
      executeAction(transitionArticle, { db, actor }, { articleId: a.id, transition, version }),
    );
  };
  await move(editor, "submit");
  const claim = await resolvedInaccurateClaim(db, reviewer, a.revisionId);
  const noted = await ok(
    executeAction(
      setEditorNote,
      { db, actor: approver },
      {
        claimId: claim.id,
        version: claim.version,
        editorNote: "Published with a correction.",
      },
    ),
  );
  await triageSuggestions(db, reviewer, a.id);
  await move(approver, "approve");
  await move(approver, "publish");
  await ok(
    executeAction(
      updateClaim,
      { db, actor: reviewer },
      {
        claimId: claim.id,
        version: noted.version,
        status: "resolved",
        verdict: "inaccurate",
        severity: "high",
        rationale: "Changed after publishing.",
        suggestedCorrection: "",
      },
    ),
  );
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("claimdesk export (spawned)", { timeout: 60_000 }, () => {
  it("writes the Markdown export of the current revision", async () => {
    const r = await claimdesk([
      "export",
      "--article",
      "stem-cells",
      "--format",
      "md",
      "--out",
      "a.md",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Wrote a\.md \(\d+ bytes\) from stem-cells-r1\.md: revision 1 \(not yet approved\), 1 claim\.\n$/,
    );
    const md = fs.readFileSync(path.join(tmp, "a.md"), "utf8");
    expect(md).toContain(`${STEM_CELL_QUOTE}[^1]`);
    expect(md).toContain("[^1]: **Inaccurate** (1 of 5)");
  });

  it("writes a Word file with the claim's comment, for --revision 1", async () => {
    const r = await claimdesk([
      "export",
      "--article=stem-cells",
      "--format=docx",
      "--out=out.docx",
      "--revision=1",
    ]);
    expect(r.status).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(tmp, "out.docx")));
    const comments = (await zip.file("word/comments.xml")?.async("string")) ?? "";
    expect(comments).toContain("Immune rejection is documented.");
  });

  it("exports the latest publication by default, and the live revision with --revision", async () => {
    const args = ["export", "--article", "published-stem-cells", "--format", "md"];
    const published = await claimdesk([...args, "--out", "p.md"]);
    expect(published.stderr).toBe("");
    expect(published.stdout).toMatch(
      /from published-stem-cells-v1\.md: publication 1 \(revision 1\), 1 claim\.\n$/,
    );
    const live = await claimdesk([...args, "--revision", "1", "--out", "r.md"]);
    expect(live.stdout).toMatch(/from published-stem-cells-r1\.md: revision 1, 1 claim\.\n$/);
    expect(fs.readFileSync(path.join(tmp, "p.md"), "utf8")).not.toContain("Changed after");
    expect(fs.readFileSync(path.join(tmp, "r.md"), "utf8")).toContain("Changed after");
  });

  it("reports an unknown article in one line, exit 1, writing nothing", async () => {
    const article = await claimdesk([
      "export",
      "--article",
      "nope",
      "--format",
      "csv",
      "--out",
      "x.csv",
    ]);
    expect(article).toMatchObject({ status: 1, stdout: "" });
    expect(article.stderr).toBe("claimdesk export: The article was not found.\n");
    expect(fs.existsSync(path.join(tmp, "x.csv"))).toBe(false);
  });

  it("says to stop the server when the PGlite directory is in use", async () => {
    const handle = await openDatabase(target);
    try {
      const r = await claimdesk([
        "export",
        "--article",
        "stem-cells",
        "--format",
        "w3c",
        "--out",
        "a.jsonld",
      ]);
      expect(r.status).toBe(1);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`is in use by another process (PID ${process.pid})`);
      expect(r.stderr).toContain("stop the server");
      expect(r.stderr).toContain("DATABASE_URL");
    } finally {
      await handle.close();
    }
  });
});

describe("claimdesk export arguments", () => {
  it("parses --name value and --name=value", () => {
    expect(
      parseExportArgs([
        "--article",
        "a",
        "--format=claimreview",
        "--out",
        "-x.json",
        "--revision",
        "2",
      ]),
    ).toEqual({ slug: "a", format: "claimreview", out: "-x.json", revision: 2 });
  });

  it("refuses a wrong command line with a usage error naming the problem", () => {
    const wrong: [string[], string][] = [
      [["--format", "md", "--out", "a"], "missing --article"],
      [
        ["--article", "a", "--format", "pdf", "--out", "a"],
        'unknown format "pdf"; use one of html, w3c, claimreview, md, csv, docx',
      ],
      [
        ["--article", "a", "--format", "md", "--out", "a", "--revision", "0"],
        "--revision must be a whole number, 1 or more",
      ],
      [
        ["--article", "a", "--format", "md", "--out", "a", "--revision", "1.5"],
        "--revision must be a whole number, 1 or more",
      ],
      [["--article", "a", "--article", "b"], "--article is given twice"],
      [["--article"], "--article needs a value"],
      [["--frob"], "unknown option --frob"],
      [["a.md"], "unexpected argument a.md"],
    ];
    for (const [args, message] of wrong) {
      expect(() => parseExportArgs(args), args.join(" ")).toThrow(
        expect.objectContaining({ message, exitCode: 2 }),
      );
    }
  });
});
