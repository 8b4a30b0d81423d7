import { z } from "zod";

/** "Run the watch now" takes nothing: the watch checks what is due, oldest first. */
export const runWatchSchema = z.object({}).strict();
export type RunWatchInput = z.infer<typeof runWatchSchema>;
