/** Inputs of the work queues' actions: tags, an article's tags, saved filters, bulk actions. */
import { z } from "zod";
import { MAX_BULK_CLAIMS, MAX_TAG_NAME } from "@/lib/core/desk-vocabulary";
import { MAX_FILTER_NAME, MAX_FILTER_QUERY } from "@/lib/core/queues/filter";
import { CLAIM_STATUSES } from "@/lib/core/vocabulary";
import { id, text, version } from "./common";

/** A tag's name: spaces inside collapsed, so "Long  COVID" and "Long COVID" are one name. */
const tagName = () => text(MAX_TAG_NAME, 1, "Tag name").transform((v) => v.replace(/\s+/g, " "));

export const createTagSchema = z.strictObject({ name: tagName() });
export const renameTagSchema = z.strictObject({ tagId: id(), name: tagName() });
export const deleteTagSchema = z.strictObject({ tagId: id() });

/** An article's tags, as a whole: the ones checked on its tags page. */
export const setArticleTagsSchema = z.strictObject({
  articleId: id(),
  tagIds: z
    .array(id())
    .max(100, "At most 100 tags on one article.")
    .refine((ids) => new Set(ids).size === ids.length, { message: "A tag is listed twice." }),
});

export const saveFilterSchema = z.strictObject({
  name: text(MAX_FILTER_NAME, 1, "Filter name"),
  query: z.string().max(MAX_FILTER_QUERY, "The filter is too long to save."),
});
export const deleteFilterSchema = z.strictObject({ filterId: id() });

/** The claims a bulk action works on, each with the version the list showed. */
const selection = () =>
  z
    .array(z.strictObject({ claimId: id(), version: version() }))
    .min(1, "Select at least one claim.")
    .max(MAX_BULK_CLAIMS, `Select at most ${MAX_BULK_CLAIMS} claims at once.`)
    .refine((cs) => new Set(cs.map((c) => c.claimId)).size === cs.length, {
      message: "A claim is selected twice.",
    });

export const bulkAssignSchema = z.strictObject({
  claims: selection(),
  /** null unassigns. */
  assigneeId: id().nullable(),
});

export const bulkTagSchema = z.strictObject({
  claims: selection(),
  tagId: id(),
  mode: z.enum(["add", "remove"], { message: "Choose add or remove." }),
});

export const bulkStatusSchema = z.strictObject({
  claims: selection(),
  status: z.enum(CLAIM_STATUSES, { message: "Choose a status." }),
});
