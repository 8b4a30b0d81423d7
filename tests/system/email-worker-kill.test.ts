/**
 * A killed e-mail worker re-sends nothing it had finished. The worker runs as an operator runs
 * it, `claimdesk email --send-now` in a child process on a PGlite folder, against a real SMTP
 * server on loopback that stalls the fourth message mid-transaction (DATA received, never
 * answered); the child is SIGKILLed there. Then: a restart while the dead worker's lease is
 * current refuses (it cannot know the worker is dead); once the lease has run out (the clock
 * stepped past it) the worker delivers the rest, the stalled one with the Message-ID it was
 * given before its first attempt. Every notification arrives exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { emailOutboxJob } from "../../lib/services/email/outbox-job";
import { newHolderId, runJobOnce } from "../../lib/services/jobs/runner";
import { pgliteEnv, REPO_ROOT, spawnClaimdesk } from "../helpers/cli";
import { seedEmail } from "../helpers/email-outbox";
import { createActor, importArticle } from "../helpers/fixtures";
import { startTestSmtp } from "../helpers/smtp";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-email-kill-"));
const pgliteDir = path.join(dataDir, "pglite");
let child: ChildProcess | null = null;

afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves once process `pid` has died and been reaped (the killed worker's lock is stale then). */
async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} is still alive after SIGKILL`);
}

it("re-sends nothing a SIGKILLed worker had finished, and loses nothing", async () => {
  const smtp = await startTestSmtp(2620);
  const env = {
    ...pgliteEnv(dataDir),
    SMTP_URL: smtp.url,
    EMAIL_FROM: "Claimdesk <desk@claimdesk.test>",
    NEXTAUTH_URL: "http://claimdesk.test",
  };
  Object.assign(process.env, { SMTP_URL: env.SMTP_URL, EMAIL_FROM: env.EMAIL_FROM });
  try {
    let handle = await openDatabase({ engine: "pglite", dataDir: pgliteDir });
    await handle.migrate();
    const editor = await createActor(handle.db, "editor");
    const reviewer = await createActor(handle.db, "reviewer");
    const article = await importArticle(handle.db, editor);
    for (let i = 0; i < 8; i++) {
      await seedEmail(handle.db, {
        userId: i % 2 ? editor.id : reviewer.id,
        articleId: article.id,
        summary: `Notification ${i}`,
      });
    }
    await handle.close();

    smtp.policy = (n) => (n === 4 ? "hold" : "accept");
    const worker = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "bin/claimdesk.mjs"), "email", "--send-now"],
      {
        cwd: REPO_ROOT,
        env,
        stdio: "pipe",
        // Its own process group, killed as a whole, as stopping a container does (the bin
        // runs the command in its own process; the group also takes any child it starts).
        detached: true,
      },
    );
    child = worker;
    let output = "";
    worker.stdout?.on("data", (d) => (output += d));
    worker.stderr?.on("data", (d) => (output += d));
    const exited = new Promise((resolve) => worker.on("exit", resolve));
    await smtp.waitForHeld(60_000).catch((err) => {
      throw new Error(`${err.message}\n${output}`);
    });
    process.kill(-(worker.pid as number), "SIGKILL");
    await exited;
    child = null;
    await gone(Number(fs.readFileSync(`${pgliteDir}.lock`, "utf8")));
    expect(smtp.received).toHaveLength(3);

    handle = await openDatabase({ engine: "pglite", dataDir: pgliteDir });
    const states = async () =>
      (await handle.db.select().from(emailOutbox).orderBy(asc(emailOutbox.id))).map((r) => ({
        state: r.state,
        messageId: r.messageId,
      }));
    const afterKill = await states();
    expect(afterKill.map((r) => r.state)).toEqual([
      "sent",
      "sent",
      "sent",
      "sending",
      "pending",
      "pending",
      "pending",
      "pending",
    ]);
    const stalledId = afterKill[3]?.messageId;
    expect(stalledId).toMatch(/^<n-\d+\.[0-9a-f]+@claimdesk\.test>$/);
    await handle.close();

    // Restarted at once: the dead worker's lease is current, so nothing is sent twice.
    smtp.policy = () => "accept";
    const early = await spawnClaimdesk(["email", "--send-now"], { env });
    expect(early.status, early.stderr).toBe(1);
    expect(early.stderr).toContain("running on another instance");
    expect(smtp.received).toHaveLength(3);

    // Once the lease has run out (5 minutes; the clock is stepped past it).
    handle = await openDatabase({ engine: "pglite", dataDir: pgliteDir });
    const later = new Date(Date.now() + emailOutboxJob.leaseMs + 60_000);
    const result = await runJobOnce(handle.db, emailOutboxJob, newHolderId(), { now: later });
    expect(result).toMatchObject({ ran: true, ok: true, summary: { sent: 5 } });
    const final = await states();
    await handle.close();
    expect(final.every((r) => r.state === "sent")).toBe(true);
    const received = smtp.received.map((m) => m.messageId);
    expect(received).toHaveLength(8);
    expect(new Set(received).size).toBe(8);
    expect(new Set(received)).toEqual(new Set(final.map((r) => r.messageId)));
    expect(received.filter((id) => id === stalledId)).toHaveLength(1);
    expect(smtp.received.map((m) => m.parsed.text?.split("\n")[0]).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `Notification ${i}`),
    );
  } finally {
    await smtp.close();
  }
});
