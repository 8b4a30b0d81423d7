import { describe, expect, it } from "vitest";
import {
  ACTION_WORDS,
  actionFilterChoices,
  actionInWords,
  entityLabel,
} from "@/lib/core/audit/words";

describe("audit words", () => {
  it("says every known action in words, and an unknown one without its code", () => {
    for (const [code, words] of Object.entries(ACTION_WORDS)) {
      expect(actionInWords(code)).toBe(words);
      expect(words, code).not.toMatch(/[._]/);
    }
    expect(actionInWords("claim.delete")).toBe("Deleted a claim");
    expect(actionInWords("suggestion.restore")).toBe("Restored a dismissed suggestion");
    expect(actionInWords("claim.soft_delete")).toBe("Claim: soft delete");
    expect(actionInWords("backup")).toBe("Backup");
  });

  it("offers each action, and each first word as 'any …', once", () => {
    const choices = actionFilterChoices();
    const ids = choices.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(choices).toContainEqual({ id: "claim", label: "Any claim change" });
    expect(choices).toContainEqual({ id: "claim.assign", label: "Assigned a claim" });
  });

  it("labels entities, shortening long titles, and falls back to type and short id", () => {
    const base = { entityId: "0d6e3c55-1111-4222-8333-444455556666", articleTitle: "Stem cells" };
    expect(entityLabel({ ...base, entityType: "claim", claimNumber: 3 })).toBe(
      "Claim 3 in “Stem cells”",
    );
    expect(entityLabel({ ...base, entityType: "revision", revisionNumber: 2 })).toBe(
      "Revision 2 of “Stem cells”",
    );
    expect(
      entityLabel({ ...base, entityType: "claim", claimNumber: 1, articleTitle: "x".repeat(80) }),
    ).toBe(`Claim 1 in “${"x".repeat(59)}…”`);
    expect(entityLabel({ ...base, entityType: "claim", claimNumber: null })).toBe(
      "Claim 0d6e3c55 in “Stem cells”",
    );
    expect(
      entityLabel({
        entityType: "user",
        entityId: base.entityId,
        articleTitle: null,
        userName: "Ada",
      }),
    ).toBe("User Ada");
  });
});
