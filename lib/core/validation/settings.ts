import { z } from "zod";
import { optionalHttpUrl, optionalText, text } from "./common";

export const REVIEW_INTERVAL_MIN_MONTHS = 1;
export const REVIEW_INTERVAL_MAX_MONTHS = 60;

/** The workspace settings form (`settings.update`): every setting, all at once. */
export const settingsSchema = z.object({
  organizationName: text(120, 1, "Organization name"),
  organizationUrl: optionalHttpUrl("Organization URL"),
  /** The public pages' origin (and path, if any) without a trailing slash. */
  publicBaseUrl: optionalHttpUrl("Public base URL").transform((v) =>
    v ? v.replace(/\/+$/, "") : null,
  ),
  logoText: optionalText(40, "Logo text"),
  reviewIntervalMonths: z.coerce
    .number({ message: "Review interval must be a number of months." })
    .int("Review interval must be a whole number of months.")
    .min(
      REVIEW_INTERVAL_MIN_MONTHS,
      `Review interval must be at least ${REVIEW_INTERVAL_MIN_MONTHS} month.`,
    )
    .max(
      REVIEW_INTERVAL_MAX_MONTHS,
      `Review interval can be at most ${REVIEW_INTERVAL_MAX_MONTHS} months.`,
    ),
  publicPagesEnabled: z.boolean({ message: "Say whether the public pages are on." }),
  checklistPublic: z
    .boolean({ message: "Say whether the checklist is shown on public pages." })
    .default(false),
});
