/** The review-date and checklist forms (`article.review_dates`, `article.checklist`). */
import { z } from "zod";
import { CHECKLIST_CRITERIA, CHECKLIST_RATINGS } from "@/lib/core/evidence-vocabulary";
import { isIsoDay } from "@/lib/core/review/dates";
import { id, text, version } from "./common";
import { REVIEW_INTERVAL_MAX_MONTHS, REVIEW_INTERVAL_MIN_MONTHS } from "./settings";

/** Longest note on one checklist criterion. */
export const MAX_CHECKLIST_NOTE = 2000;

const INTERVAL_RANGE = `The interval must be ${REVIEW_INTERVAL_MIN_MONTHS} to ${REVIEW_INTERVAL_MAX_MONTHS} months, or empty for the workspace's.`;

/** An article's own review interval in months, or null: the workspace's. */
const ownInterval = () =>
  z
    .union(
      [
        z.literal(""),
        z.null(),
        z
          .number({ message: "The interval must be a number of months." })
          .int("The interval must be whole months.")
          .min(REVIEW_INTERVAL_MIN_MONTHS, INTERVAL_RANGE)
          .max(REVIEW_INTERVAL_MAX_MONTHS, INTERVAL_RANGE),
      ],
      { message: INTERVAL_RANGE },
    )
    .transform((v) => (v === "" ? null : v));

export const reviewDatesSchema = z.object({
  articleId: id(),
  version: version(),
  /** The day of the last medical review; empty: never reviewed. */
  lastReviewedOn: z
    .string({ message: "The review date must be a date." })
    .trim()
    .max(10, "The review date can be at most 10 characters: a date (YYYY-MM-DD).")
    .refine((v) => v === "" || isIsoDay(v), "The review date must be a date (YYYY-MM-DD).")
    .transform((v) => v || null),
  reviewIntervalMonths: ownInterval(),
});
export type ReviewDatesInput = z.infer<typeof reviewDatesSchema>;

const checklistItem = z.object({
  rating: z.enum(CHECKLIST_RATINGS, {
    message: "Choose satisfactory, not satisfactory or not applicable.",
  }),
  note: text(MAX_CHECKLIST_NOTE, 0, "The note"),
});

export const checklistSchema = z.object({
  articleId: id(),
  /** The checklist's version as read; 0 when it was never saved. */
  version: z.number().int().min(0).max(2_147_483_647),
  /** Rated criteria only; a criterion left out is not rated (yet). */
  items: z.partialRecord(
    z.enum(CHECKLIST_CRITERIA, { message: "Unknown criterion." }),
    checklistItem,
  ),
});
export type ChecklistInput = z.infer<typeof checklistSchema>;
