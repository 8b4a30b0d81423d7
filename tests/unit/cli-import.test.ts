/**
 * `claimdesk import`, spawned as a user runs it (bin/claimdesk.mjs) against a PGlite data
 * directory of its own: a .docx becomes a draft article recorded under the only admin, the same
 * source URL again becomes its next revision, bad authors and files are refused in one line, as is a held database.
 * Always PGlite (the directory is the test's), so it lives with the unit tests and runs once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "../../db/client";
import { articles, auditEvents, revisions } from "../../db/schema";
import { pgliteEnv, spawnClaimdesk } from "../helpers/cli";
import { buildDocx, paragraph, run } from "../helpers/docx";
import { createActor } from "../helpers/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-cli-import-"));
const dataDir = path.join(tmp, "pglite");

const claimdesk = (args: string[]) => spawnClaimdesk(args, { cwd: tmp, env: pgliteEnv(tmp) });

/** Opens the directory in this process (the CLI must not be running), runs `fn`, closes it. */
async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ engine: "pglite", dataDir });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

const DOCX = buildDocx([
  paragraph(run("Kidney failure and stem cells"), { style: "Heading1" }),
  paragraph(run("Stem cell therapy has no toxicity and rejection reaction.")),
]);

describe("claimdesk import (spawned, on a PGlite directory of its own)", {
  timeout: 120_000,
}, () => {
  let admin: { id: string; email: string };
  let reviewer: { email: string };

  beforeAll(async () => {
    await withDatabase(async (handle) => {
      await handle.migrate();
      admin = await createActor(handle.db, "admin", "Only Admin");
      reviewer = await createActor(handle.db, "reviewer", "Some Reviewer");
    });
    fs.writeFileSync(path.join(tmp, "kidney.docx"), DOCX);
    fs.writeFileSync(path.join(tmp, "broken.docx"), DOCX.subarray(0, 200));
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("imports a .docx as the only admin and prints the new article as JSON", async () => {
    const { status, stdout, stderr } = await claimdesk([
      "import",
      "kidney.docx",
      "--source-url",
      "https://clinic.example/kidney",
      "--original-author=Clinic staff",
    ]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, string>;
    expect(printed).toEqual({
      kind: "article",
      id: expect.any(String),
      slug: "kidney-failure-and-stem-cells",
      title: "Kidney failure and stem cells",
      path: "/articles/kidney-failure-and-stem-cells",
    });
    await withDatabase(async ({ db }) => {
      const [article] = await db
        .select()
        .from(articles)
        .where(eq(articles.id, printed.id ?? ""));
      expect(article).toMatchObject({
        createdById: admin.id,
        sourceUrl: "https://clinic.example/kidney",
        originalAuthor: "Clinic staff",
        state: "draft",
      });
      const [rev] = await db
        .select()
        .from(revisions)
        .where(eq(revisions.articleId, article?.id ?? ""));
      expect(rev?.plainText).toBe(
        "Kidney failure and stem cells\n\nStem cell therapy has no toxicity and rejection reaction.",
      );
      const events = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.articleId, article?.id ?? ""));
      expect(events).toMatchObject([
        {
          action: "article.import",
          actorId: admin.id,
          after: { format: "docx", fileName: "kidney.docx" },
        },
      ]);
    });
  });

  it("imports the same source URL again as the article's revision, or not at all if unchanged", async () => {
    const same = await claimdesk([
      "import",
      "kidney.docx",
      "--source-url",
      "https://clinic.example/kidney",
    ]);
    expect(same.stderr).toBe("");
    expect(JSON.parse(same.stdout)).toMatchObject({
      kind: "revision",
      slug: "kidney-failure-and-stem-cells",
      revision: 1,
      unchanged: true,
    });
    fs.writeFileSync(
      path.join(tmp, "kidney-v2.docx"),
      buildDocx([
        paragraph(run("Kidney failure and stem cells"), { style: "Heading1" }),
        paragraph(run("Stem cell therapy has no toxicity and rejection reaction, we said.")),
      ]),
    );
    const changed = await claimdesk([
      "import",
      "kidney-v2.docx",
      "--source-url",
      "https://clinic.example/kidney",
    ]);
    expect(changed.stderr).toBe("");
    expect(JSON.parse(changed.stdout)).toMatchObject({
      kind: "revision",
      slug: "kidney-failure-and-stem-cells",
      revision: 2,
      unchanged: false,
    });
  });

  it("takes --title and --author, and refuses an author who may not import", async () => {
    const titled = await claimdesk([
      "import",
      "kidney.docx",
      "--title",
      "Typed",
      "--author",
      admin.email,
    ]);
    expect(titled.status).toBe(0);
    expect(JSON.parse(titled.stdout)).toMatchObject({ slug: "typed", title: "Typed" });

    const refused = await claimdesk(["import", "kidney.docx", "--author", reviewer.email]);
    expect(refused).toEqual({
      status: 1,
      stdout: "",
      stderr: `claimdesk import: ${reviewer.email}: Your role (reviewer) does not allow this action.\n`,
    });
    const unknown = await claimdesk(["import", "kidney.docx", "--author", "nobody@example.com"]);
    expect(unknown.stderr).toBe(
      "claimdesk import: no active user with the e-mail nobody@example.com\n",
    );
  });

  it("explains a bad file or command line in one line, importing nothing", async () => {
    const count = () => withDatabase(async ({ db }) => (await db.select().from(articles)).length);
    const before = await count();
    const broken = await claimdesk(["import", "broken.docx"]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toBe(
      "claimdesk import: This .docx file could not be read: it is damaged or not really a Word document. Open it in Word and save it again as .docx.\n",
    );
    const missing = await claimdesk(["import", "nope.md"]);
    expect(missing.stderr).toBe("claimdesk import: cannot read nope.md: no such file\n");
    const usage = await claimdesk(["import", "kidney.docx", "--colour", "red"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("claimdesk import: unknown option --colour\n");
    expect(await count()).toBe(before);
  });

  it("says in one line to stop the server when another process holds the database", async () => {
    await withDatabase(async () => {
      const { status, stdout, stderr } = await claimdesk(["import", "kidney.docx"]);
      expect(status).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `claimdesk import: the database ${dataDir} is in use by another process (PID ${process.pid}), ` +
          "most likely the Claimdesk server: stop the server and run this again, or run both on " +
          "PostgreSQL with DATABASE_URL\n",
      );
    });
  });
});
