/**
 * The engine settles on a near candidate its surroundings vouch for before searching the whole
 * text (anchor.ts, step 3): these cases pin what that may and may not change.
 */
import { describe, expect, it } from "vitest";
import { anchorMany } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";

/** Filler paragraphs: far more than the near window (1,024 characters) between two places. */
const filler = (label: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${label} paragraph ${i} says nothing of interest to anybody at all here.`,
  ).join("\n\n");

const claimSentence =
  "Stem cell therapy has no toxicity and rejection reaction in kidney patients.";

function selectorFor(text: string, quote: string) {
  const start = text.indexOf(quote);
  const { quote: q, position } = describeRange(text, start, start + quote.length);
  return { ...q, start: position.start, end: position.end };
}

describe("anchoring near the expected place first", () => {
  it("keeps a claim reworded in place over an exact copy of its old words far away", () => {
    const before = `Intro words come first here.\n\n${claimSentence} Its context follows on.\n\n${filler("a", 60)}`;
    const selector = selectorFor(before, claimSentence);
    const reworded = claimSentence.replace("no toxicity", "little toxicity");
    const after = `${before.replace(claimSentence, reworded)}\n\nQuoted later: ${claimSentence}`;
    const [result] = anchorMany(after, [selector], { previousText: before });
    expect(result?.state).toBe("changed");
    expect(after.slice(result?.start ?? 0, result?.end ?? 0)).toBe(reworded);
  });

  it("follows a paragraph moved far away rather than a look-alike left near its old place", () => {
    const paragraph = `Intro words come first here. ${claimSentence} Its context follows on.`;
    const lookAlike = claimSentence.replace("kidney", "liver");
    const before = `${paragraph}\n\nOther text with ${lookAlike} in it.\n\n${filler("b", 60)}`;
    const selector = selectorFor(before, claimSentence);
    const after = `Other text with ${lookAlike} in it.\n\n${filler("b", 60)}\n\n${paragraph}`;
    const [result] = anchorMany(after, [selector], { previousText: before });
    expect(result?.state).toBe("moved");
    expect(result?.start).toBe(after.lastIndexOf(claimSentence));
  });
});
