import { describe, expect, it } from "vitest";
import { type ActivityEvent, activityLine, activitySections } from "@/lib/core/activity/lines";
import { type AuditRowValues, storedAuditEvent } from "@/lib/core/audit/events";

/** An event as the database returns it (any action and values), read as the app reads it. */
type ActivityRow = Omit<ActivityEvent, keyof AuditRowValues> & AuditRowValues;
const event = (id: number, at: string, over: Partial<ActivityRow> = {}): ActivityEvent =>
  storedAuditEvent<ActivityRow>({
    id,
    at: new Date(at),
    action: "comment.add",
    before: null,
    after: { body: "  Look at\n the cohort.  " },
    note: null,
    actorName: "Rob Reviewer",
    articleSlug: "stem-cells",
    articleTitle: "Stem cells",
    claimId: "c1",
    claimNumber: 3,
    ...over,
  });

describe("activity lines", () => {
  it("words each kind of event, with its link", () => {
    const said = (e: ActivityEvent) => {
      const l = activityLine(e);
      return `${l.actor} ${l.verb} ${l.target.label}${l.tail} → ${l.target.href}`;
    };
    const at = "2026-11-25T10:00:00Z";
    expect(said(event(1, at))).toBe(
      "Rob Reviewer commented on claim 3 of “Stem cells” → /articles/stem-cells?claim=c1",
    );
    expect(activityLine(event(1, at)).excerpt).toBe("Look at the cohort.");
    expect(said(event(2, at, { action: "claim.assign", actorName: null }))).toBe(
      "Someone assigned claim 3 of “Stem cells” to you → /articles/stem-cells?claim=c1",
    );
    const article = { claimId: null, claimNumber: null };
    expect(
      said(
        event(3, at, { ...article, action: "article.transition.request_changes", note: "Fix it" }),
      ),
    ).toBe("Rob Reviewer requested changes on “Stem cells” → /articles/stem-cells");
    expect(said(event(4, at, { ...article, action: "article.transition.publish" }))).toBe(
      "Rob Reviewer published “Stem cells” → /articles/stem-cells",
    );
    expect(
      said(event(5, at, { ...article, action: "revision.import", after: { revision: 4 } })),
    ).toBe("Rob Reviewer re-imported “Stem cells” as revision 4 → /articles/stem-cells");
    expect(
      said(
        event(6, at, {
          action: "claim.update",
          before: { verdict: null },
          after: { verdict: "inaccurate" },
        }),
      ),
    ).toBe("Rob Reviewer updated claim 3 of “Stem cells” → /articles/stem-cells?claim=c1");
    expect(
      activityLine(
        event(6, at, {
          action: "claim.update",
          before: { verdict: null },
          after: { verdict: "inaccurate" },
        }),
      ).changes,
    ).toEqual([{ field: "Verdict", before: "—", after: "Inaccurate" }]);
  });

  it("cuts sections by day and puts the divider where the seen part starts", () => {
    const lines = [
      event(5, "2026-11-25T12:00:00Z"),
      event(4, "2026-11-25T09:00:00Z"),
      event(3, "2026-11-25T08:00:00Z"),
      event(2, "2026-11-24T18:00:00Z"),
    ].map(activityLine);
    const shape = (lastVisit: Date | null) =>
      activitySections(lines, lastVisit, "UTC").map((s) => ({
        ids: s.lines.map((l) => l.id),
        // ICU versions differ on the comma after the weekday.
        label: s.showHeading ? s.label.replace(",", "") : null,
        isNew: s.isNew,
        dividerBefore: s.dividerBefore,
      }));
    expect(shape(new Date("2026-11-25T08:30:00Z"))).toEqual([
      { ids: [5, 4], label: "Wednesday 25 November 2026", isNew: true, dividerBefore: false },
      { ids: [3], label: null, isNew: false, dividerBefore: true },
      { ids: [2], label: "Tuesday 24 November 2026", isNew: false, dividerBefore: false },
    ]);
    // The divider at a day boundary comes before the older day's heading.
    expect(shape(new Date("2026-11-24T20:00:00Z")).map((s) => [s.ids, s.dividerBefore])).toEqual([
      [[5, 4, 3], false],
      [[2], true],
    ]);
    // First visit: all new, no divider.
    expect(shape(null).every((s) => s.isNew && !s.dividerBefore)).toBe(true);
  });
});
