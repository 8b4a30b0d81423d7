/** Building blocks shared by the resource schemas: trimmed, bounded strings and ids. */
import { z } from "zod";

export const id = () => z.uuid({ message: "Not a valid id." });

/** A trimmed string of at most `max` characters (required unless `min` is 0). */
export const text = (max: number, min = 0, label = "This field") =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .min(min, min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`)
    .max(max, `${label} can be at most ${max.toLocaleString("en")} characters.`);

/** An optional trimmed string: empty becomes null. */
export const optionalText = (max: number, label = "This field") =>
  text(max, 0, label)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** An http(s) URL or nothing. `javascript:`, `data:` and relative URLs are refused. */
export const optionalHttpUrl = (label = "URL") =>
  z
    .string()
    .trim()
    .max(2048, `${label} can be at most 2,048 characters.`)
    .refine((v) => v === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), {
      message: `${label} must start with http:// or https://.`,
    })
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** Optimistic-concurrency version that the client read. */
export const version = () => z.number().int().positive();
