/**
 * Sentence splitting for claim detection. Every offset is in JavaScript string (UTF-16) units
 * into the text given, so `text.slice(s.start, s.end) === s.text` always holds and a sentence
 * can be turned into selectors (`lib/core/anchoring/describe.ts`) without any conversion.
 *
 * Rule-based on purpose: the input is editorial prose, and a wrong boundary only costs a
 * suggestion that is a little too long or too short, so simple, explainable rules beat a model.
 */

/** One sentence: trimmed, with any list or Markdown heading marker left out of the range. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** It is the only sentence on its line(s): what a heading, a caption or a list item looks like. */
  wholeLine: boolean;
  /** The marker that was left out of the range: "- ", "1. ", "a) " (list) or "## " (heading). */
  marker: "list" | "heading" | null;
}

interface Line {
  start: number;
  end: number;
}

const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029/g;
const BLANK = /^\s*$/;
const LIST_MARKER = /^(?:[-*+•‣◦▪–]|\d{1,3}[.)]|\(?[a-z]\))[ \t]+(?=\S)/u;
const HEADING_MARKER = /^#{1,6}[ \t]+(?=\S)/;
const QUOTE_MARKER = /^>[ \t]*/;
/** A line ending like this ends its sentence (or is a lead-in to a list) even without a break. */
const LINE_TERMINAL = /[.!?…:;]["'”’)\]»]*\s*$/u;
/** A line ending in one of these words was wrapped in mid-sentence. */
const DANGLING_WORD =
  /\b(?:the|a|an|of|to|and|or|but|by|with|for|in|on|at|from|than|as|is|are|was|were|that|which|who|its|their|your|our|this|these|very|more|less)\s*$/i;

/**
 * Words whose final period never ends a sentence (case-insensitive). "No", "p" and "pp" only
 * before a number ("No. 5", "p. 12"); "etc." is left out because it ends sentences as often as not.
 */
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "cf",
  "vs",
  "approx",
  "incl",
  "dr",
  "mr",
  "mrs",
  "ms",
  "prof",
  "st",
  "sr",
  "jr",
  "fig",
  "figs",
  "vol",
  "al",
  "eq",
  "ref",
  "refs",
  "ca",
  "min",
  "max",
  "dept",
  "est",
]);
/** Words followed by a letter that names something, not by an initial. */
const LETTER_NAMED =
  /^(?:vitamin|hepatitis|type|group|class|factor|plan|influenza|strep|grade|stage|phase|part|appendix|section|schedule|option|step|table|figure)$/i;
const ABBREVIATIONS_BEFORE_NUMBER = new Set(["no", "nos", "p", "pp"]);

/** Splits `text` into lines (any of CRLF, LF, CR, U+2028, U+2029), without their breaks. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

/**
 * Groups lines into segments that no sentence crosses: a blank line always separates, a single
 * line break does unless the line before was wrapped in mid-sentence (it ends without
 * punctuation in a word like "the" or "of", or the next line starts in lower case) and the next
 * line is not a list item. Hard-wrapped text therefore keeps its sentences whole, while headings
 * and list items without a final period stay apart.
 */
function segments(text: string): Line[] {
  const out: Line[] = [];
  let current: Line | null = null;
  let previous = "";
  for (const line of lines(text)) {
    const content = text.slice(line.start, line.end);
    if (BLANK.test(content)) {
      current = null;
      continue;
    }
    const trimmed = content.trimStart();
    const continues =
      current !== null &&
      !LINE_TERMINAL.test(previous) &&
      !LIST_MARKER.test(trimmed) &&
      !HEADING_MARKER.test(trimmed) &&
      (DANGLING_WORD.test(previous) || /^\p{Ll}/u.test(trimmed));
    if (continues && current) {
      current.end = line.end;
    } else {
      current = { start: line.start, end: line.end };
      out.push(current);
    }
    previous = content;
  }
  return out;
}

/** The word (letters and inner periods) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? "")) i--;
  return text.slice(i, index);
}

/** Whether the period at `dot` is part of an abbreviation or an initial, given what follows. */
function isAbbreviation(text: string, dot: number, next: string): boolean {
  const word = wordBefore(text, dot);
  const bare = word.replace(/^\.+/, "");
  const key = bare.toLowerCase();
  if (ABBREVIATIONS.has(key)) return true;
  if (ABBREVIATIONS_BEFORE_NUMBER.has(key) && /\d/.test(next)) return true;
  // "U.S.", "U.K.": capitals with periods read as one abbreviation mid-sentence, which is where
  // they mostly occur; at the end of a sentence this wrongly joins two sentences.
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(bare)) return true;
  // A single capital is an initial ("J. Smith", "John F. Kennedy") only after a capitalised word
  // or another initial, and not after words that name things by a letter ("Vitamin D. The",
  // "Hepatitis B. It" end sentences). A surname-first citation ("Smith J. Title") still joins.
  if (/^\p{Lu}$/u.test(bare)) {
    const before = /(?:^|\s)(\p{Lu}\p{Ll}*|\p{Lu}\.)$/u.exec(text.slice(0, dot - 1).trimEnd());
    return before !== null && !LETTER_NAMED.test(before[1] ?? "");
  }
  return false;
}

const TERMINAL = /[.!?…]+["'”’)\]»]*/gu;

/** Sentence ranges inside one segment, untrimmed. */
function splitSegment(text: string, segment: Line): Line[] {
  const out: Line[] = [];
  const body = text.slice(segment.start, segment.end);
  // The period of a leading "1. " list marker is not a sentence end.
  const marker = /^\s*\d{1,3}\.\s/.exec(body);
  const skipUntil = marker ? marker[0].length : 0;
  let start = 0;
  for (const m of body.matchAll(TERMINAL)) {
    const end = m.index + m[0].length;
    if (end <= skipUntil) continue;
    const rest = body.slice(end);
    const gap = /^\s+/.exec(rest);
    if (rest !== "" && !gap) continue; // "2.5", "example.org", "?!)" inside a word
    const next = rest.slice(gap?.[0].length ?? 0, (gap?.[0].length ?? 0) + 2);
    if (next === "") break; // the segment's end closes the last sentence below
    if (/^\p{Ll}/u.test(next)) continue; // "e.g. vitamin", "approx. five", "… and then"
    const punct = m[0];
    if (/^\.(?!\.)/.test(punct) && isAbbreviation(body, m.index, next)) continue;
    out.push({ start: segment.start + start, end: segment.start + end });
    start = end;
  }
  out.push({ start: segment.start + start, end: segment.end });
  return out;
}

/** Trims a range and, at the start of a line, strips one list, heading or quote marker. */
function tidy(text: string, range: Line, lineStart: boolean): Omit<Sentence, "wholeLine"> | null {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  let marker: Sentence["marker"] = null;
  if (!lineStart) return start < end ? { start, end, text: text.slice(start, end), marker } : null;
  const head = text.slice(start, end);
  const quote = QUOTE_MARKER.exec(head);
  if (quote) start += quote[0].length;
  const rest = text.slice(start, end);
  const heading = HEADING_MARKER.exec(rest);
  const list = heading ? null : LIST_MARKER.exec(rest);
  if (heading) {
    start += heading[0].length;
    marker = "heading";
  } else if (list) {
    start += list[0].length;
    marker = "list";
  }
  if (start >= end) return null;
  return { start, end, text: text.slice(start, end), marker };
}

/** A lower-case letter directly followed by a capitalised word: "FailureStem". */
const GLUE = /\p{Ll}(?=\p{Lu}\p{Ll})/gu;
/** Words a title may have in lower case ("How does … Work", "Risks of the …"). */
const TITLE_SMALL_WORD = /^(?:\p{Ll}{1,4}|about|after|before|during|without|versus)$/u;

/**
 * Where a title was glued to the first sentence, its paragraph break lost in copying ("How
 * does Stem Cell Therapy Treat Kidney FailureStem cell therapy is…"): the offset just after
 * the title, or -1. The text before the glue must read as a title (at least three words, each
 * capitalised or a short function word, no sentence punctuation), so brand names ("BioNTech",
 * "GlaxoSmithKline") inside a sentence never split it.
 */
export function gluedTitleEnd(body: string): number {
  for (const m of body.matchAll(GLUE)) {
    const title = body.slice(0, m.index + 1);
    if (/[.!?…:;]/u.test(title)) return -1;
    const words = title.trim().split(/\s+/);
    if (words.length < 3 || words.length > 15) continue;
    // The last word is the title's end ("Failure" of "FailureStem"); all must read as a title.
    const titled = words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || TITLE_SMALL_WORD.test(w));
    // "Mc"/"Mac" + capital is a surname ("McDonald"), not a seam.
    const end = words[words.length - 1] ?? "";
    const seamWord = end.length >= 3 && !/^(?:Mc|Mac)$/.test(end);
    if (titled && seamWord && /^\p{Lu}/u.test(words[0] ?? "")) return m.index + 1;
    return -1;
  }
  return -1;
}

/**
 * Splits a text into sentences. Boundaries: a blank line; a line break unless the line was
 * wrapped in mid-sentence; `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed
 * by white space and a character that is not a lower-case letter — except after abbreviations
 * ("e.g.", "Dr.", "et al.", "Fig.", "No. 5") and initials. Decimals ("2.5") and dotted names have
 * no white space after the period, so they never split. List markers ("- ", "1. ") and Markdown
 * heading markers are left out of the sentence; a sentence has no outer white space.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const whole of segments(text)) {
    let segment = whole;
    const glued = gluedTitleEnd(text.slice(whole.start, whole.end));
    if (glued > 0) {
      const title = tidy(text, { start: whole.start, end: whole.start + glued }, true);
      if (title) out.push({ ...title, marker: title.marker ?? "heading", wholeLine: true });
      segment = { start: whole.start + glued, end: whole.end };
    }
    // A marker only counts at the start of its line, not after a sentence on the same line.
    const parts = splitSegment(text, segment)
      .map((range, i) => tidy(text, range, i === 0))
      .filter((s) => s !== null);
    for (const part of parts) out.push({ ...part, wholeLine: parts.length === 1 });
  }
  return out;
}
