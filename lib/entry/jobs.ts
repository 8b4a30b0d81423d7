/**
 * Every scheduled job of the app, for the scheduler started in lib/entry/startup.ts. Add a job
 * here: a `JobDefinition` (lib/services/jobs/runner.ts) with a name, how often (null: off), a
 * lease longer than the gap between its heartbeats, and its work.
 */
import { emailOutboxJob } from "@/lib/services/email/outbox-job";
import type { JobDefinition } from "@/lib/services/jobs/runner";
import { reviewDueJob } from "@/lib/services/notifications/review-due-job";
import { watchJob } from "@/lib/services/references/watch-job";

export const ALL_JOBS: readonly JobDefinition[] = [watchJob, reviewDueJob, emailOutboxJob];
