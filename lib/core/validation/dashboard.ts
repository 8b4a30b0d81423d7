/**
 * The dashboard's filters as they arrive in a URL: the page's GET form and the CSV route share
 * them. Dates are UTC days, both included; an empty field means "any".
 */
import { z } from "zod";
import { DASHBOARD_FIGURES } from "@/lib/core/desk-vocabulary";
import { blankIsAny } from "./audit";

const day = (label: string) =>
  blankIsAny(z.iso.date({ message: `${label} must be a date (YYYY-MM-DD).` }));

export const dashboardQuerySchema = z
  .object({
    from: day("From"),
    to: day("To"),
    tag: blankIsAny(z.uuid({ message: "Not a valid tag." })),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The end date is before the start date.",
    path: ["to"],
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** The CSV route: the figure is the path's last segment. */
export const dashboardCsvSchema = z
  .object({
    figure: z.enum(DASHBOARD_FIGURES, { message: "Unknown figure." }),
    from: day("From"),
    to: day("To"),
    tag: blankIsAny(z.uuid({ message: "Not a valid tag." })),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The end date is before the start date.",
    path: ["to"],
  });
