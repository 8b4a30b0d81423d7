import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatMention,
  holdMentions,
  mentionQueryAt,
  parseMentions,
  plainMentions,
  restoreMentions,
  storeMentions,
} from "../../lib/core/comments/mentions";
import { escapeHtml } from "../../lib/core/html/escape";
import { renderMarkdown } from "../../lib/core/markdown/render";

const ANA = { id: "11111111-1111-4111-8111-111111111111", name: "Ana Reviewer" };
const ELI = { id: "22222222-2222-4222-8222-222222222222", name: "Eli Editor" };
const AN = { id: "33333333-3333-4333-8333-333333333333", name: "Ana" };

describe("the stored form", () => {
  it("formats and parses `@[Name](user:<uuid>)`, each person once, in order", () => {
    expect(formatMention(ANA)).toBe(`@[Ana Reviewer](user:${ANA.id})`);
    expect(formatMention({ id: ELI.id, name: "Eli [the] Editor" })).toBe(
      `@[Eli  the  Editor](user:${ELI.id})`,
    );
    const body = `${formatMention(ELI)} and ${formatMention(ANA)}, again ${formatMention(ELI)}`;
    expect(parseMentions(body)).toEqual([
      { userId: ELI.id, name: "Eli Editor" },
      { userId: ANA.id, name: "Ana Reviewer" },
    ]);
    expect(parseMentions("mail me at ana@example.org [x](user:nope)")).toEqual([]);
  });

  it("shows the plain `@Name` in the edit box and stores it back the same", () => {
    const stored = `Ask ${formatMention(ELI)} about **this**.`;
    const plain = plainMentions(stored);
    expect(plain).toBe("Ask @Eli Editor about **this**.");
    expect(storeMentions(plain, [ELI])).toEqual({ body: stored, mentions: [ELI.id] });
  });

  it("turns only picked people's `@Name` into mentions, the longest name first, whole words", () => {
    const out = storeMentions("@Ana Reviewer and @Ana, not @Anaïs, nor @Eli Editor", [AN, ANA]);
    expect(out.body).toBe(
      `${formatMention(ANA)} and ${formatMention(AN)}, not @Anaïs, nor @Eli Editor`,
    );
    expect(out.mentions).toEqual([ANA.id, AN.id]);
    // A picked person whose name was deleted from the text is not mentioned.
    expect(storeMentions("No names left", [ELI])).toEqual({ body: "No names left", mentions: [] });
    // Already stored mentions stay as they are.
    const kept = `${formatMention(ELI)} hi`;
    expect(storeMentions(kept, [ELI])).toEqual({ body: kept, mentions: [ELI.id] });
  });

  it("round-trips any name through the stored and the plain form", () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((s) => /^[^[\]\n\r@\s](?:[^[\]\n\r@]*[^[\]\n\r@\s])?$/.test(s)),
        fc.string({ maxLength: 40 }).filter((s) => !/[@\uE000-\uE003]/.test(s)),
        (name, tail) => {
          const person = { id: ANA.id, name };
          const stored = storeMentions(`@${name} ${tail}`, [person]);
          expect(stored.mentions).toEqual([ANA.id]);
          expect(parseMentions(stored.body)).toEqual([{ userId: ANA.id, name }]);
          expect(plainMentions(stored.body)).toBe(`@${name} ${tail}`);
        },
      ),
    );
  });
});

describe("rendering", () => {
  it("shows each mention as the person's current name, escaped, outside markdown", () => {
    const body = `**Hi** ${formatMention(ELI)} and ${formatMention({ id: ANA.id, name: "Old Name" })}`;
    const { text, held } = holdMentions(body);
    const html = restoreMentions(
      renderMarkdown(text),
      held,
      new Map([[ANA.id, "<Ana> & co"]]),
      escapeHtml,
    );
    expect(html).toBe(
      `<p><strong>Hi</strong> <span class="mention" data-user-id="${ELI.id}">@Eli Editor</span> and <span class="mention" data-user-id="${ANA.id}">@&lt;Ana&gt; &amp; co</span></p>\n`,
    );
  });
});

describe("the word being typed", () => {
  it("finds the `@` query at the caret, not inside a word or across lines", () => {
    expect(mentionQueryAt("Hello @El", 9)).toEqual({ at: 6, query: "El" });
    expect(mentionQueryAt("@", 1)).toEqual({ at: 0, query: "" });
    expect(mentionQueryAt("Hello @Eli Ed", 13)).toEqual({ at: 6, query: "Eli Ed" });
    expect(mentionQueryAt("mail ana@example", 16)).toBeNull();
    expect(mentionQueryAt("@Eli\nnext", 9)).toBeNull();
    expect(mentionQueryAt("@ space", 7)).toBeNull();
    expect(mentionQueryAt("no at sign", 5)).toBeNull();
  });
});
