/** Workspace search's input (the /search page's URL, the service's call). */
import { z } from "zod";
import { normalizeSearchQuery, SEARCH_KINDS } from "@/lib/core/search/query";

export const searchInputSchema = z.object({
  /** Never refused for its length or characters: cut and cleaned (normalizeSearchQuery). */
  q: z.string({ message: "The search must be text." }).transform(normalizeSearchQuery),
  /** Kinds to search; empty or absent means every kind. */
  kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).default([]),
  /** Results shown per kind. */
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchInput = z.input<typeof searchInputSchema>;
