import { describe, expect, it } from "vitest";
import type { StoredAuditEvent } from "../../lib/core/audit/events";
import {
  deliveries,
  FAN_OUT_ACTIONS,
  newlyMentioned,
  notificationSummary,
  recheckReason,
  sentBackForRecheck,
  shortTitle,
} from "../../lib/core/notifications/rules";

const ev = (e: unknown) => e as StoredAuditEvent;

describe("which events matter", () => {
  it("fans out only the events that tell someone or make someone follow", () => {
    expect(FAN_OUT_ACTIONS.has("comment.add")).toBe(true);
    expect(FAN_OUT_ACTIONS.has("article.review_due")).toBe(true);
    for (const quiet of [
      "claim.update",
      "evidence.add",
      "comment.delete",
      "article.transition.publish",
    ])
      expect(FAN_OUT_ACTIONS.has(quiet)).toBe(false);
  });

  it("tells a re-check from a quote that merely moved", () => {
    const moved = ev({
      action: "claim.reanchor",
      before: { anchorState: "exact" },
      after: { anchorState: "moved", revision: 2 },
    });
    expect(sentBackForRecheck(moved)).toBe(false);
    const reopened = ev({
      action: "claim.reanchor",
      before: { status: "resolved" },
      after: { status: "in_review", revision: 3 },
    });
    expect(sentBackForRecheck(reopened)).toBe(true);
    expect(recheckReason(reopened)).toBe("its quote changed in revision 3");
    expect(
      sentBackForRecheck(
        ev({ action: "claim.reattach", before: {}, after: { verdictStale: true } }),
      ),
    ).toBe(true);
    const library = ev({
      action: "claim.library_recheck",
      before: {},
      after: { recheckReason: "Its library entry K4 was withdrawn." },
    });
    expect(sentBackForRecheck(library)).toBe(true);
    expect(recheckReason(library)).toBe("Its library entry K4 was withdrawn.");
    expect(
      sentBackForRecheck(
        ev({ action: "claim.update", before: {}, after: { status: "in_review" } }),
      ),
    ).toBe(false);
  });

  it("counts only new mentions on an edit", () => {
    expect(
      newlyMentioned(
        ev({ action: "comment.add", before: null, after: { mentions: ["a", "b", "a"] } }),
      ),
    ).toEqual(["a", "b"]);
    expect(
      newlyMentioned(
        ev({
          action: "comment.edit",
          before: { mentions: ["a"] },
          after: { mentions: ["a", "c"] },
        }),
      ),
    ).toEqual(["c"]);
    // Events written before mentions existed have none.
    expect(
      newlyMentioned(ev({ action: "comment.add", before: null, after: { body: "x" } })),
    ).toEqual([]);
  });
});

describe("who is told and how", () => {
  const person = (
    id: string,
    over: Partial<{
      disabled: boolean;
      inApp: boolean;
      email: boolean;
      cadence: "immediate" | "daily";
    }> = {},
  ) => ({
    id,
    disabled: over.disabled ?? false,
    preference:
      over.inApp === undefined && over.email === undefined && over.cadence === undefined
        ? null
        : {
            inApp: over.inApp ?? true,
            email: over.email ?? true,
            cadence: over.cadence ?? "immediate",
          },
  });

  it("never the actor, never a disabled account, each person once", () => {
    const out = deliveries(
      [person("me"), person("off", { disabled: true }), person("a"), person("a")],
      "me",
      false,
    );
    expect(out).toEqual([{ userId: "a", read: false, email: null }]);
  });

  it("follows the preferences: both off tells nothing; in-app off but e-mail on is written read", () => {
    const people = [
      person("silent", { inApp: false, email: false }),
      person("mailonly", { inApp: false, email: true, cadence: "daily" }),
      person("default"),
    ];
    expect(deliveries(people, null, true)).toEqual([
      { userId: "mailonly", read: true, email: "daily" },
      { userId: "default", read: false, email: "immediate" },
    ]);
    // Without SMTP an e-mail-only choice tells nothing at all, and nobody gets e-mail.
    expect(deliveries(people, null, false)).toEqual([
      { userId: "default", read: false, email: null },
    ]);
  });
});

describe("the sentence", () => {
  const ctx = { actorName: "Ana Reviewer", articleTitle: "Stem cell therapy", claimNumber: 3 };
  it("says who did what to which claim of which article, in plain words", () => {
    expect(notificationSummary("mentioned", ctx)).toBe(
      "Ana Reviewer mentioned you on claim 3 of “Stem cell therapy”",
    );
    expect(notificationSummary("assigned", ctx)).toBe(
      "Ana Reviewer assigned you claim 3 of “Stem cell therapy”",
    );
    expect(notificationSummary("reply", ctx)).toBe(
      "Ana Reviewer commented on claim 3 of “Stem cell therapy”, which you follow",
    );
    expect(
      notificationSummary("recheck", { ...ctx, reason: "its quote changed in revision 2" }),
    ).toBe("Claim 3 of “Stem cell therapy” needs a re-check: its quote changed in revision 2");
    expect(notificationSummary("approval_requested", { ...ctx, claimNumber: null })).toBe(
      "Ana Reviewer submitted “Stem cell therapy” for approval",
    );
    expect(notificationSummary("approval_refused", ctx)).toBe(
      "Ana Reviewer requested changes on “Stem cell therapy”",
    );
    expect(notificationSummary("approval_given", ctx)).toBe(
      "Ana Reviewer approved “Stem cell therapy”",
    );
    expect(
      notificationSummary("review_due", {
        actorName: null,
        articleTitle: "Stem cell therapy",
        due: "2026-12-01",
      }),
    ).toBe("“Stem cell therapy” is due for its medical review (due 2026-12-01)");
  });

  it("shortens a long title at a word", () => {
    const long =
      "How does stem cell therapy treat kidney failure and what do the trials really show us";
    expect(shortTitle(long)).toBe("How does stem cell therapy treat kidney failure and what do …");
    expect(shortTitle("Short")).toBe("Short");
  });
});
