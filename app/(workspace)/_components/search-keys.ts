/**
 * What the search's keyboard handlers share with the pages that render the boxes. A plain
 * module, not a client one: a server component importing a constant from a "use client"
 * module would get a client reference, not the value.
 */

/** The id of the header's search box, which "/" focuses. */
export const SEARCH_BOX_ID = "workspace-search";
/** The id of the search page's own query field, from which ArrowDown enters the results. */
export const SEARCH_PAGE_QUERY_ID = "search-page-q";

/** Whether a key press lands where typing goes: a field, a select, the editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
