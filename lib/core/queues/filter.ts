/**
 * The work queues' filter as a query string (`/queues?queue=mine&tag=…`): read leniently from
 * the address (a value that is not one of the choices is dropped, never an error: links and
 * saved filters outlive tags and people), written back canonically, so a saved filter is the
 * same string whatever order its fields were typed in. Pure.
 */
import { WORK_QUEUES, type WorkQueue } from "@/lib/core/desk-vocabulary";
import { CLAIM_STATUSES, type ClaimStatus, VERDICTS, type Verdict } from "@/lib/core/vocabulary";

/** Claims per page of a queue's list. */
export const QUEUE_PAGE_SIZE = 50;
/** The text filter's length (it is matched against quotes and titles). */
export const MAX_QUEUE_TEXT = 200;
/** A saved filter's name. */
export const MAX_FILTER_NAME = 80;
/** A saved filter's query string (every field at its longest fits). */
export const MAX_FILTER_QUERY = 1_000;
/** The pages a list offers (50 × 1,000 claims): deeper offsets cost the database for no one. */
export const MAX_QUEUE_PAGE = 1_000;

/** "No verdict yet" and "nobody assigned", as filter values. */
export const NONE = "none";

export interface QueueFilter {
  queue: WorkQueue | null;
  tag: string | null;
  status: ClaimStatus | null;
  verdict: Verdict | typeof NONE | null;
  /** An article's slug. */
  article: string | null;
  /** A user's id, or NONE for unassigned. */
  assignee: string | null;
  text: string | null;
  page: number;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

function first(params: Params, key: string): string | null {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  const s = Array.isArray(v) ? v[0] : v;
  const trimmed = typeof s === "string" ? s.trim() : "";
  return trimmed === "" ? null : trimmed;
}

function oneOf<T extends string>(choices: readonly T[], v: string | null): T | null {
  return v !== null && (choices as readonly string[]).includes(v) ? (v as T) : null;
}

/** The filter the address asks for; anything unusable is left out. */
export function parseQueueFilter(params: Params): QueueFilter {
  const tag = first(params, "tag");
  const assignee = first(params, "assignee");
  const article = first(params, "article")?.toLowerCase() ?? null;
  const text = first(params, "text");
  const page = Number(first(params, "page") ?? "1");
  return {
    queue: oneOf(WORK_QUEUES, first(params, "queue")),
    tag: tag && UUID.test(tag) ? tag.toLowerCase() : null,
    status: oneOf(CLAIM_STATUSES, first(params, "status")),
    verdict: oneOf([...VERDICTS, NONE], first(params, "verdict")),
    article: article && SLUG.test(article) ? article : null,
    assignee:
      assignee === NONE || (assignee && UUID.test(assignee)) ? assignee.toLowerCase() : null,
    text: text ? text.slice(0, MAX_QUEUE_TEXT) : null,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_QUEUE_PAGE ? page : 1,
  };
}

const FIELDS = ["queue", "tag", "status", "verdict", "article", "assignee", "text"] as const;

/** The filter as a query string, fields in one order, without the page ("" for none). */
export function queueFilterQuery(filter: QueueFilter, page?: number): string {
  const out = new URLSearchParams();
  for (const key of FIELDS) {
    const v = filter[key];
    if (v !== null) out.set(key, v);
  }
  if (page !== undefined && page > 1) out.set("page", String(page));
  return out.toString();
}

/** The canonical form of a query string (what a saved filter stores). */
export function canonicalQueueQuery(query: string): string {
  return queueFilterQuery(parseQueueFilter(new URLSearchParams(query.replace(/^\?/, ""))));
}

/** Whether the filter narrows anything beyond its queue (the list says "no claims match"). */
export function hasFilters(filter: QueueFilter): boolean {
  return FIELDS.some((key) => key !== "queue" && filter[key] !== null);
}
