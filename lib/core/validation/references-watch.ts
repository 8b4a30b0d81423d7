import { z } from "zod";

/** The most references one "Run the watch now" checks (the rest wait for the next run). */
export const WATCH_NOW_MAX = 2_000;

/** "Run the watch now": how many references to check at most, oldest check first. */
export const runWatchSchema = z
  .object({
    maxReferences: z
      .number({ message: "Say how many references to check." })
      .int("A whole number of references.")
      .min(1, "Check at least one reference.")
      .max(WATCH_NOW_MAX, `At most ${WATCH_NOW_MAX.toLocaleString("en")} references a run.`),
  })
  .strict();
export type RunWatchInput = z.infer<typeof runWatchSchema>;
