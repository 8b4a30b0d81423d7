import { describe, expect, it } from "vitest";
import {
  canonicalQueueQuery,
  hasFilters,
  MAX_QUEUE_TEXT,
  parseQueueFilter,
  queueFilterQuery,
} from "../../lib/core/queues/filter";

const TAG = "0b6f3c1e-8d7a-4f5b-9c2d-1e2f3a4b5c6d";

describe("the queues' filter in the address", () => {
  it("keeps the choices it knows and drops the rest, never failing", () => {
    const f = parseQueueFilter({
      queue: "mine",
      tag: TAG.toUpperCase(),
      status: "resolved",
      verdict: "not-a-verdict",
      article: "Stem-Cells",
      assignee: "none",
      text: "  kidney  ",
      page: "3",
      extra: "x",
    });
    expect(f).toEqual({
      queue: "mine",
      tag: TAG,
      status: "resolved",
      verdict: null,
      article: "stem-cells",
      assignee: "none",
      text: "kidney",
      page: 3,
    });
    expect(
      parseQueueFilter({ queue: "everything", tag: "1; DROP", page: "-1", assignee: "bob" }),
    ).toEqual(parseQueueFilter({}));
    expect(parseQueueFilter({ page: "1001" }).page).toBe(1);
    expect(parseQueueFilter({ text: "x".repeat(500) }).text).toHaveLength(MAX_QUEUE_TEXT);
  });

  it("writes one canonical query string, whatever order and blanks the address had", () => {
    expect(canonicalQueueQuery("?text=a%20b&status=open&tag=&queue=recheck&page=4")).toBe(
      "queue=recheck&status=open&text=a+b",
    );
    expect(canonicalQueueQuery("")).toBe("");
    const f = parseQueueFilter({ queue: "due", verdict: "none" });
    expect(queueFilterQuery(f, 2)).toBe("queue=due&verdict=none&page=2");
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters(parseQueueFilter({ queue: "due" }))).toBe(false);
  });
});
