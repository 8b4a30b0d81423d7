/**
 * The audit log's filters as they arrive in a URL (the admin page's GET form and the CSV
 * route share them). An empty form field means "any".
 */
import { z } from "zod";
import { AUDIT_ENTITY_TYPES } from "@/lib/core/vocabulary";

/** Empty form fields and absent ones alike become undefined. */
export const blankIsAny = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const day = (label: string) =>
  blankIsAny(z.iso.date({ message: `${label} must be a date (YYYY-MM-DD).` }));

export const auditLogQuerySchema = z
  .object({
    actor: blankIsAny(z.uuid({ message: "Not a valid user." })),
    action: blankIsAny(
      z
        .string()
        .trim()
        .max(100, "The action can be at most 100 characters.")
        .regex(/^[a-z_.]+$/, "An action is made of lower-case words and dots: claim.update."),
    ),
    entity: blankIsAny(z.enum(AUDIT_ENTITY_TYPES, { message: "Unknown entity type." })),
    article: blankIsAny(z.uuid({ message: "Not a valid article." })),
    from: day("From"),
    to: day("To"),
    /** Keyset cursor: events older than this id. */
    before: blankIsAny(z.coerce.number().int().positive("Not a valid page.")),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The end date is before the start date.",
    path: ["to"],
  });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
