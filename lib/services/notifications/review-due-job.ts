/**
 * The daily review-due job (lib/entry/jobs.ts): an `article.review_due` audit event for each
 * article whose medical review date has come, once per due date, whose fan-out tells the
 * editors ("review_due"). Each article in its own transaction, so a crash part-way leaves the
 * rest for the next run and nothing twice (the query skips what already has its event).
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { listArticlesNewlyDue } from "@/db/queries/notifications";
import type { JobDefinition } from "@/lib/services/jobs/runner";

export const REVIEW_DUE_JOB = "review-due";

/** At most this many articles per run; the rest wait a day (a backlog stays bounded). */
const MAX_PER_RUN = 500;

export const reviewDueJob: JobDefinition = {
  name: REVIEW_DUE_JOB,
  intervalMs: () => 24 * 3600_000,
  leaseMs: 10 * 60_000,
  run: async (ctx) => {
    const today = ctx.now.toISOString().slice(0, 10);
    const due = await listArticlesNewlyDue(ctx.db, today, MAX_PER_RUN);
    let told = 0;
    for (const article of due) {
      if (!article.nextReviewDue) continue;
      const nextReviewDue = article.nextReviewDue;
      await ctx.db.transaction(async (tx) => {
        await insertAuditEvent(tx, {
          actorId: ctx.actorId,
          action: "article.review_due",
          entityType: "article",
          entityId: article.id,
          articleId: article.id,
          after: { nextReviewDue },
        });
      });
      told++;
      if (told % 50 === 0) await ctx.heartbeat();
    }
    return { due: told };
  },
};
