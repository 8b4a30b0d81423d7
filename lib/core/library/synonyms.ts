/**
 * The health synonym table of the claims library matcher: lay and medical terms, brand and
 * class names, and paraphrases of the predicates health claims use ("wards off" → prevent,
 * "leads to" → cause), each mapped to a concept token ("~jab", "~prevent"). Built from general
 * medical knowledge; it knows nothing the table does not list (see docs/library-matching.md).
 *
 * A concept written "!~danger" is the concept with its polarity reversed: "harmless" is
 * "not dangerous", so "measles is harmless" and "measles poses no danger" compare equal and
 * "measles can be dangerous" compares as the opposite.
 */
import { BROADER, HEALTH_TERMS } from "./health-terms";
import { stemWord, type Token, tokenize } from "./normalize";
import { PREDICATE_TERMS } from "./predicate-terms";

/** The whole table, health terms first: where two groups list one phrase, the first wins. */
const GROUPS: Record<string, string[]> = { ...HEALTH_TERMS, ...PREDICATE_TERMS };

/** The class words that may stand for a term (see BROADER in health-terms.ts). */
export function broaderTerms(term: string): readonly string[] {
  return BROADER[term] ?? [];
}

/** Words dropped before phrase matching, so "reduces the risk of" = "reduces your risk of". */
const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "your",
  "their",
  "his",
  "her",
  "its",
  "my",
  "our",
  "this",
  "these",
  "those",
]);

/** A concept token found in a text, with where it came from. */
export interface Concept {
  /** The concept ("~jab") or, for a word outside the table, its stem ("autism" → "autism"). */
  term: string;
  /** True for a concept whose polarity the phrase reverses ("harmless" → !"~danger"). */
  flip: boolean;
  /** Index of the first token of the phrase in the token list it came from. */
  at: number;
  /** Index one past the last token of the phrase. */
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  out?: string;
}

/** Marks a gap of one to {@link MAX_GAP} words in a phrase: "keep * away" ("keep colds away"). */
const GAP = "*";
const MAX_GAP = 3;

function phraseStems(phrase: string): string[] {
  const out: string[] = [];
  for (const [n, part] of phrase.split(` ${GAP} `).entries()) {
    if (n > 0) out.push(GAP);
    for (const t of tokenize(part)) {
      if ((t.boundary && t.stem !== ",") || DETERMINERS.has(t.word)) continue;
      out.push(t.stem);
    }
  }
  return out;
}

function buildTrie(): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const [out, phrases] of Object.entries(GROUPS)) {
    for (const phrase of phrases) {
      let node = root;
      for (const s of phraseStems(phrase)) {
        let child = node.next.get(s);
        if (!child) {
          child = { next: new Map() };
          node.next.set(s, child);
        }
        node = child;
      }
      // The first group listing a phrase wins; later ones are ignored.
      node.out ??= out;
    }
  }
  return root;
}

let trie: TrieNode | undefined;

/** A phrase found at a position: its end, and the words its gap skipped (if any). */
interface Hit {
  out: string;
  end: number;
  gap?: { from: number; to: number };
}

/** Longest phrase of the trie starting at token `j` from `node` (`gap`: the gap used so far). */
function longest(
  tokens: readonly Token[],
  node: TrieNode,
  j: number,
  gap: Hit["gap"],
): Hit | undefined {
  let best: Hit | undefined = node.out ? { out: node.out, end: j, gap } : undefined;
  const better = (h: Hit | undefined) => {
    if (h && (!best || h.end > best.end)) best = h;
  };
  const t = tokens[j];
  if (!t || (t.boundary && t.stem !== ",")) return best;
  if (DETERMINERS.has(t.word)) return longest(tokens, node, j + 1, gap) ?? best;
  const child = node.next.get(t.stem);
  if (child) better(longest(tokens, child, j + 1, gap));
  const afterGap = node.next.get(GAP);
  if (afterGap && !gap && node !== trie) {
    for (let k = 1; k <= MAX_GAP; k++) {
      const skipped = tokens.slice(j, j + k);
      if (skipped.length < k || skipped.some((x) => x.boundary)) break;
      better(longest(tokens, afterGap, j + k, { from: j, to: j + k }));
    }
  }
  return best;
}

/**
 * Maps tokens to concepts: at each position the longest phrase of the table wins; a word the
 * table does not know stays as its stem. A phrase with a gap ("keep * away") yields its concept
 * and leaves the words in the gap to be read as usual. Boundaries and determiners yield nothing
 * (negation.ts reads boundaries from the tokens themselves).
 */
export function toConcepts(tokens: readonly Token[]): Concept[] {
  trie ??= buildTrie();
  const out: Concept[] = [];
  const skip = new Set<number>();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.boundary || DETERMINERS.has(t.word) || skip.has(i)) {
      i++;
      continue;
    }
    const hit = longest(tokens, trie, i, undefined);
    if (hit && hit.end > i) {
      for (const term of hit.out.split(" ")) {
        const flip = term.startsWith("!");
        out.push({ term: flip ? term.slice(1) : term, flip, at: i, end: hit.end });
      }
      if (hit.gap) {
        for (let k = hit.gap.to; k < hit.end; k++) skip.add(k);
        i = hit.gap.from;
      } else i = hit.end;
    } else {
      out.push({ term: t.stem, flip: false, at: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** The concept a single word maps to, or its stem (for tests and the docs). */
export function conceptOf(word: string): string {
  const c = toConcepts(tokenize(word))[0];
  return c ? `${c.flip ? "!" : ""}${c.term}` : stemWord(word);
}
