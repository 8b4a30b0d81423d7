/**
 * Importing W3C Web Annotations: the action's input, the limits, and the shapes of the
 * annotation model that the parser reads. The model allows many variants (a target may be a
 * URL, an object or a list; a body a URL, a TextualBody or a list…), so objects are loose
 * (unknown keys are ignored) and unions cover the variants; but a field we read must have the
 * JSON type the model gives it — a quote that is a number is refused, not coerced.
 */
import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/core/import/limits";
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { id } from "./common";

const utf8 = new TextEncoder();
const TOO_LARGE = "The annotations file can be at most 2 MB. Split it and import the parts.";

export const importAnnotationsSchema = z.object({
  articleId: id(),
  json: z
    .string({ message: "The annotations must be JSON text." })
    // Characters first (a declared bound, and cheap): a string over the byte limit in UTF-16
    // units is over it in UTF-8 too. Bytes only for strings that pass, so one message shows.
    .max(MAX_IMPORT_BYTES, TOO_LARGE)
    .refine((v) => v.trim() !== "", { message: "Choose a file or paste the annotations' JSON." })
    .refine((v) => v.length > MAX_IMPORT_BYTES || utf8.encode(v).length <= MAX_IMPORT_BYTES, {
      message: TOO_LARGE,
    }),
});

/** A JSON-LD `type`: one name or several. */
const jsonLdType = z.union([z.string(), z.array(z.string())], {
  message: "type must be a name or a list of names.",
});

/** Whether a JSON-LD `type` value names `name`. */
export function hasType(type: unknown, name: string): boolean {
  return type === name || (Array.isArray(type) && type.includes(name));
}

/** Any selector: read by its type; `refinedBy` nests another selector inside it. */
export const selectorSchema = z.looseObject(
  {
    type: z.string({ message: "A selector needs a type." }),
    refinedBy: z.unknown().optional(),
  },
  { message: "A selector must be a URL or an object." },
);

export const textQuoteSelectorSchema = z.looseObject({
  type: z.literal("TextQuoteSelector"),
  exact: z
    .string({ message: "The quote (exact) must be text." })
    .min(1, "The quote (exact) is empty.")
    .max(MAX_QUOTE, "The quote is longer than 5,000 characters."),
  prefix: z.string({ message: "The prefix must be text." }).optional(),
  suffix: z.string({ message: "The suffix must be text." }).optional(),
});

export const textPositionSelectorSchema = z
  .looseObject({
    type: z.literal("TextPositionSelector"),
    start: z.number({ message: "start must be a number." }).int().min(0),
    end: z.number({ message: "end must be a number." }).int().min(0),
  })
  .refine((s) => s.end >= s.start, { message: "end is before start.", path: ["end"] });

/**
 * A SpecificResource target (Hypothesis: `{source, selector: […]}`). A target may also be a
 * plain URL, which has no selector; selectors are read one by one with the schemas above, so
 * that a problem is reported at the selector it is in.
 */
export const targetObjectSchema = z.looseObject(
  { selector: z.unknown().optional() },
  { message: "A target must be a URL or an object." },
);

/**
 * A body: a URL (nothing to read), a TextualBody (`value`), a Choice (`items`, the first is the
 * default) or another resource. Only text is read; `purpose: "tagging"` makes it a tag.
 */
export const bodyObjectSchema = z.looseObject(
  {
    type: jsonLdType.optional(),
    value: z.string({ message: "A body's value must be text." }).optional(),
    format: z.string({ message: "A body's format must be text." }).optional(),
    purpose: jsonLdType.optional(),
    items: z.array(z.unknown(), { message: "A Choice's items must be a list." }).optional(),
  },
  { message: "A body must be a URL or an object." },
);

/** A creator: an IRI, or an agent with a name (W3C `name`/`nickname`). */
const agent = z.union(
  [
    z.string(),
    z.looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
      nickname: z.string().optional(),
    }),
  ],
  { message: "creator must be a URL or an object." },
);

/**
 * One annotation: W3C (`type: "Annotation"`, `body`/`bodyValue`, `creator`) or Hypothesis' API
 * format (no type; `text`, `tags`, `user`, `user_info`, `references` for replies).
 */
export const annotationSchema = z.looseObject({
  id: z.string({ message: "id must be text." }).optional(),
  type: jsonLdType
    .refine((t) => hasType(t, "Annotation"), { message: "type is not Annotation." })
    .optional(),
  // Read item by item in the parser (see targetObjectSchema, bodyObjectSchema).
  target: z.unknown().refine((t) => t !== undefined && t !== null, {
    message: "An annotation needs a target.",
  }),
  body: z.unknown().optional(),
  bodyValue: z.string({ message: "bodyValue must be text." }).optional(),
  creator: z.union([agent, z.array(agent)]).optional(),
  created: z
    .string({ message: "created must be a date as text." })
    .max(100, "created is too long for a date.")
    .optional(),
  text: z.string({ message: "text must be text." }).optional(),
  tags: z.array(z.string(), { message: "tags must be a list of text." }).optional(),
  user: z.string({ message: "user must be text." }).optional(),
  user_info: z
    .looseObject({ display_name: z.string().nullable().optional() })
    .nullable()
    .optional(),
  references: z.array(z.string()).optional(),
});
export type AnnotationJson = z.infer<typeof annotationSchema>;

/** An AnnotationPage; `next` may embed the following page. */
export const annotationPageSchema = z.looseObject({
  type: jsonLdType.optional(),
  items: z.array(z.unknown(), { message: "An AnnotationPage needs a list of items." }),
  next: z.unknown().optional(),
});

export const annotationCollectionSchema = z.looseObject({
  type: jsonLdType,
  first: z.unknown().optional(),
  total: z.number().optional(),
});
