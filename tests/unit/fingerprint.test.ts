import { describe, expect, it } from "vitest";
import { textFingerprint } from "../../lib/core/document/fingerprint";

describe("textFingerprint", () => {
  it("is the same for the same text and differs for a changed character or length", () => {
    const text = "Stem cell therapy has no toxicity.\n\nIt still has risks.";
    expect(textFingerprint(text)).toBe(textFingerprint(`${text}`));
    expect(textFingerprint(text)).not.toBe(textFingerprint(text.replace("no", "ne")));
    expect(textFingerprint(text)).not.toBe(textFingerprint(`${text} `));
    expect(textFingerprint("")).toMatch(/^0\.\w+$/);
  });
});
