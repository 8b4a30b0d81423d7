/**
 * @-mentions in comments. A comment's body stores each mention as `@[Name](user:<uuid>)`: the
 * name as it was when written (so an export or the raw text still reads), the id what counts
 * (`comments.mentions` holds the ids; the page shows the person's current name). The composer
 * shows and sends the plain `@Name` the picker inserted, with the ids picked beside it; the
 * server turns each `@Name` of a picked person into the stored form (`storeMentions`) and the
 * edit box gets the plain form back (`plainMentions`). Pure; the review page's bundle does not
 * import it (the server does the conversions).
 */

/** `@[Name](user:<uuid>)`; the name may hold anything but brackets and line breaks. */
const STORED =
  /@\[([^\]\n\r]{1,200})\]\(user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/** At most this many people in one comment (the input's bound too). */
export const MAX_MENTIONS = 20;

export interface Mention {
  userId: string;
  /** The name written in the body. */
  name: string;
}

/** The mentions of a stored body, in order, each person once. */
export function parseMentions(body: string): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of body.matchAll(STORED)) {
    const userId = (m[2] ?? "").toLowerCase();
    if (seen.has(userId)) continue;
    seen.add(userId);
    out.push({ userId, name: m[1] ?? "" });
  }
  return out;
}

/** The stored form of one mention; brackets and line breaks in a name become spaces. */
export function formatMention(person: { id: string; name: string }): string {
  return `@[${person.name.replace(/[[\]\n\r]/g, " ").trim()}](user:${person.id})`;
}

/** A stored body as the edit box shows it: each mention as the plain `@Name`. */
export function plainMentions(body: string): string {
  return body.replace(STORED, (_all, name: string) => `@${name}`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The body to store and who it mentions: each `@Name` of one of `people` (the picked, checked
 * ones) becomes that person's stored mention, when the name is not followed by more of a word
 * ("@Ana" picks Ana, not "@Anaïs"). Longer names are matched first, so "@Ana Reviewer" wins over
 * "@Ana". Mentions already in stored form stay; a picked person whose `@Name` is no longer in
 * the text (it was deleted) is not mentioned.
 */
export function storeMentions(
  body: string,
  people: readonly { id: string; name: string }[],
): { body: string; mentions: string[] } {
  // Stored mentions are set aside first so that their names are not matched again.
  const kept: string[] = [];
  let text = body.replace(STORED, (all) => `\uE000${kept.push(all) - 1}\uE001`);
  const byLength = [...people]
    .filter((p) => p.name.trim())
    .sort((a, b) => b.name.length - a.name.length);
  for (const person of byLength) {
    const pattern = new RegExp(`@${escapeRegExp(person.name.trim())}(?![\\p{L}\\p{N}_])`, "gu");
    text = text.replace(pattern, () => `\uE000${kept.push(formatMention(person)) - 1}\uE001`);
  }
  const stored = text.replace(/\uE000(\d+)\uE001/g, (_all, i: string) => kept[Number(i)] ?? "");
  return { body: stored, mentions: parseMentions(stored).map((m) => m.userId) };
}

/**
 * Mentions set aside before markdown rendering: the body with each mention replaced by a
 * private-use placeholder (which the renderer passes through as text), and the mentions in
 * order; `restoreMentions` then puts the HTML of each back into the rendered HTML.
 */
export function holdMentions(body: string): { text: string; held: Mention[] } {
  const held: Mention[] = [];
  const text = body.replace(STORED, (_all, name: string, id: string) => {
    held.push({ userId: id.toLowerCase(), name });
    return `\uE002${held.length - 1}\uE003`;
  });
  return { text, held };
}

/**
 * The rendered HTML with each held mention as `<span class="mention">@Current Name</span>`:
 * the person's current name from `names`, else the name written. `escapeText` is the HTML escaper.
 */
export function restoreMentions(
  html: string,
  held: readonly Mention[],
  names: ReadonlyMap<string, string>,
  escapeText: (s: string) => string,
): string {
  return html.replace(/\uE002(\d+)\uE003/g, (_all, i: string) => {
    const m = held[Number(i)];
    if (!m) return "";
    const name = names.get(m.userId) ?? m.name;
    return `<span class="mention" data-user-id="${escapeText(m.userId)}">@${escapeText(name)}</span>`;
  });
}

/**
 * The `@` word being typed at `caret` in `text`, if any: what follows the `@` (up to 40
 * characters, spaces allowed, as names have them) and where the `@` is. An `@` inside a word
 * (an e-mail address) does not count.
 */
export function mentionQueryAt(text: string, caret: number): { at: number; query: string } | null {
  const before = text.slice(Math.max(0, caret - 41), caret);
  const i = before.lastIndexOf("@");
  if (i < 0) return null;
  const at = caret - before.length + i;
  const prev = at > 0 ? text[at - 1] : " ";
  if (prev && /[\p{L}\p{N}_]/u.test(prev)) return null;
  const query = before.slice(i + 1);
  if (/[\n\r@]/.test(query) || query.startsWith(" ")) return null;
  return { at, query };
}
