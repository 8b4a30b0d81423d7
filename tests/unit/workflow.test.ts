import { describe, expect, it } from "vitest";
import {
  type ApprovalBlocker,
  approvalBlockers,
  approvalRefusal,
  availableTransitions,
  type GateClaim,
  nextState,
  stateAfterEdit,
  VERDICTS_NEEDING_OVERRIDE,
} from "@/lib/core/articles/workflow";
import { ARTICLE_TRANSITIONS } from "@/lib/core/validation/articles";
import {
  ARTICLE_STATES,
  type ArticleState,
  CLAIM_STATUSES,
  type ClaimStatus,
  VERDICT_INFO,
  VERDICTS,
  type Verdict,
} from "@/lib/core/vocabulary";

/** The workflow of DESIGN.md, written out: from each state, where each transition leads. */
const EXPECTED: Record<
  ArticleState,
  Partial<Record<(typeof ARTICLE_TRANSITIONS)[number], ArticleState>>
> = {
  draft: { submit: "in_review" },
  in_review: { request_changes: "changes_requested", approve: "approved" },
  changes_requested: { submit: "in_review" },
  approved: { publish: "published" },
  published: { retract: "retracted" },
  retracted: {},
};

describe("nextState", () => {
  it.each(ARTICLE_STATES)("allows exactly the documented transitions from %s", (state) => {
    for (const transition of ARTICLE_TRANSITIONS) {
      expect(nextState(state, transition), `${state} → ${transition}`).toBe(
        EXPECTED[state][transition] ?? null,
      );
    }
  });

  it("walks the whole workflow, with a round of changes", () => {
    let state: ArticleState = "draft";
    for (const transition of [
      "submit",
      "request_changes",
      "submit",
      "approve",
      "publish",
      "retract",
    ] as const) {
      const next = nextState(state, transition);
      expect(next, `${state} → ${transition}`).not.toBeNull();
      state = next as ArticleState;
    }
    expect(state).toBe("retracted");
  });
});

describe("availableTransitions", () => {
  it.each(ARTICLE_STATES)(
    "offers from %s the transitions nextState allows, in UI order",
    (state) => {
      const offered = availableTransitions(state);
      expect(offered.map((o) => o.transition)).toEqual(
        ARTICLE_TRANSITIONS.filter((t) => nextState(state, t) !== null),
      );
      for (const o of offered) expect(o.label.length).toBeGreaterThan(0);
    },
  );

  it("labels the review decisions for people", () => {
    expect(availableTransitions("in_review")).toEqual([
      { transition: "request_changes", label: "Request changes" },
      { transition: "approve", label: "Approve revision" },
    ]);
    expect(availableTransitions("draft")).toEqual([
      { transition: "submit", label: "Submit for review" },
    ]);
    expect(availableTransitions("retracted")).toEqual([]);
  });
});

const claim = (over: Partial<GateClaim> = {}): GateClaim => ({
  id: `id-${over.number ?? 1}`,
  number: 1,
  status: "open",
  verdict: null,
  editorNote: null,
  anchor: { exact: "no toxicity and rejection reaction", state: "exact" },
  ...over,
});

describe("approvalBlockers", () => {
  it("lets a revision without claims through", () => {
    expect(approvalBlockers([])).toEqual([]);
  });

  it.each(["open", "in_review"] as ClaimStatus[])("blocks on a claim that is %s", (status) => {
    expect(approvalBlockers([claim({ status, number: 4, id: "c4" })])).toEqual<ApprovalBlocker[]>([
      {
        claimId: "c4",
        number: 4,
        quote: "no toxicity and rejection reaction",
        reason: "unresolved",
        message: "Claim 4 needs a verdict.",
      },
    ]);
  });

  it("blocks on every resolved verdict that needs an editor's note until it has one", () => {
    expect([...VERDICTS_NEEDING_OVERRIDE].sort()).toEqual([
      "inaccurate",
      "misleading",
      "unsupported",
    ]);
    for (const verdict of VERDICTS) {
      const needsNote = VERDICTS_NEEDING_OVERRIDE.includes(verdict);
      for (const editorNote of [null, "", "   \n"]) {
        const blockers = approvalBlockers([claim({ status: "resolved", verdict, editorNote })]);
        expect(
          blockers.map((b) => b.reason),
          `${verdict} ${JSON.stringify(editorNote)}`,
        ).toEqual(needsNote ? ["verdict_needs_note"] : []);
        if (needsNote) {
          expect(blockers[0]?.message).toBe(
            `Claim 1 (rated ${VERDICT_INFO[verdict].label}) needs an editor's note.`,
          );
        }
      }
      expect(
        approvalBlockers([
          claim({ status: "resolved", verdict, editorNote: "Published with a correction." }),
        ]),
      ).toEqual([]);
    }
  });

  it("does not block on dismissed claims, whatever their verdict", () => {
    const verdicts: (Verdict | null)[] = [null, ...VERDICTS];
    for (const verdict of verdicts) {
      expect(approvalBlockers([claim({ status: "dismissed", verdict })])).toEqual([]);
    }
  });

  it("lists every blocking claim in order, and only those", () => {
    const claims = CLAIM_STATUSES.map((status, i) =>
      claim({
        id: `c${i + 1}`,
        number: i + 1,
        status,
        verdict: status === "resolved" ? "inaccurate" : null,
      }),
    );
    claims.push(claim({ id: "c9", number: 9, status: "resolved", verdict: "accurate" }));
    expect(approvalBlockers(claims).map((b) => [b.number, b.reason])).toEqual([
      [1, "unresolved"],
      [2, "unresolved"],
      [3, "verdict_needs_note"],
    ]);
  });

  it("blocks on an orphaned claim whatever its status, unless it is dismissed", () => {
    const orphaned = { exact: "the sheep cells", state: "orphaned" as const };
    for (const status of CLAIM_STATUSES) {
      const blockers = approvalBlockers([
        claim({
          status,
          anchor: orphaned,
          verdict: status === "resolved" ? "accurate" : null,
          editorNote: "A note does not re-attach a claim.",
        }),
      ]);
      expect(
        blockers.map((b) => b.reason),
        status,
      ).toEqual(status === "dismissed" ? [] : ["orphaned"]);
    }
    expect(approvalBlockers([claim({ anchor: orphaned })])[0]?.message).toBe(
      "Claim 1 lost its text in this revision: re-attach it or mark it not check-worthy.",
    );
  });

  it("shortens long quotes to 80 characters with an ellipsis", () => {
    const exactly80 = "x".repeat(80);
    expect(
      approvalBlockers([claim({ anchor: { exact: exactly80, state: "exact" } })])[0]?.quote,
    ).toBe(exactly80);
    const long = `${"y".repeat(77)}zzzz`;
    const quote = approvalBlockers([claim({ anchor: { exact: long, state: "moved" } })])[0]?.quote;
    expect(quote).toBe(`${"y".repeat(77)}…`);
    expect(quote).toHaveLength(78);
  });
});

describe("untriaged suggestions at the gate", () => {
  it("block approval, counted, unless the revision has a 'no claims needed' record", () => {
    expect(approvalBlockers([], { untriaged: 15, noClaimsRecorded: false })).toEqual([
      {
        reason: "untriaged_suggestions",
        count: 15,
        message:
          "15 suggested claims not yet triaged: accept or dismiss them, or record that the article needs no claims.",
      },
    ]);
    expect(approvalBlockers([], { untriaged: 1, noClaimsRecorded: false })[0]?.message).toBe(
      "1 suggested claim not yet triaged: accept or dismiss it, or record that the article needs no claims.",
    );
    expect(approvalBlockers([], { untriaged: 15, noClaimsRecorded: true })).toEqual([]);
    expect(approvalBlockers([], { untriaged: 0, noClaimsRecorded: false })).toEqual([]);
  });

  it("do not lift the claims' own blockers when the record is there", () => {
    const blockers = approvalBlockers([claim({ number: 3 })], {
      untriaged: 2,
      noClaimsRecorded: true,
    });
    expect(blockers.map((b) => b.reason)).toEqual(["unresolved"]);
  });
});

describe("approvalRefusal", () => {
  it("says what is needed per kind, never that claims 'still need a decision'", () => {
    const blockers = approvalBlockers(
      [
        claim({ id: "a", number: 1 }),
        claim({ id: "b", number: 2, status: "in_review" }),
        claim({ id: "c", number: 3, status: "resolved", verdict: "misleading" }),
        claim({ id: "d", number: 4, anchor: { exact: "gone", state: "orphaned" } }),
      ],
      { untriaged: 1, noClaimsRecorded: false },
    );
    const message = approvalRefusal(blockers);
    expect(message).toBe(
      "Approval is blocked: 2 claims need a verdict; 1 claim needs an editor's note; 1 claim needs re-attaching or marking not check-worthy; 1 suggested claim not yet triaged: accept or dismiss it, or record that the article needs no claims.",
    );
    expect(message).not.toContain("decision");
    expect(
      approvalRefusal(
        approvalBlockers([claim({ number: 4, status: "resolved", verdict: "unsupported" })]),
      ),
    ).toBe("Approval is blocked: 1 claim needs an editor's note.");
  });
});

describe("stateAfterEdit", () => {
  it("keeps the states of work in progress, sends approved and published back to draft, refuses retracted", () => {
    const expected: Record<ArticleState, ArticleState | null> = {
      draft: "draft",
      in_review: "in_review",
      changes_requested: "changes_requested",
      approved: "draft",
      published: "draft",
      retracted: null,
    };
    for (const state of ARTICLE_STATES) expect(stateAfterEdit(state), state).toBe(expected[state]);
  });
});
