/**
 * A synthetic re-anchoring case for bench/anchoring.ts, with known answers: a long health text
 * made of templated sentences (similar sentences on purpose: that is what makes a wrong anchor
 * possible), claims on some of its sentences, and a revision with a share of its sentences
 * edited. Every edit is tracked, so the truth for each claim is known: its new range, and
 * whether its wording changed or it was deleted. Deterministic (seeded).
 */

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUGS = [
  "metformin",
  "atorvastatin",
  "lisinopril",
  "amoxicillin",
  "ibuprofen",
  "warfarin",
  "sertraline",
  "omeprazole",
  "levothyroxine",
  "amlodipine",
  "prednisone",
  "insulin glargine",
  "vitamin D",
  "fish oil",
  "turmeric extract",
  "melatonin",
  "aspirin",
  "semaglutide",
];
const CONDITIONS = [
  "type 2 diabetes",
  "high blood pressure",
  "chronic kidney disease",
  "asthma",
  "migraine",
  "heart failure",
  "osteoporosis",
  "depression",
  "atrial fibrillation",
  "obesity",
  "rheumatoid arthritis",
  "stroke",
  "hepatitis C",
  "anaemia",
  "insomnia",
  "psoriasis",
];
const GROUPS = [
  "adults over 65",
  "children",
  "pregnant women",
  "people with diabetes",
  "smokers",
  "athletes",
  "hospital patients",
  "older women",
  "young men",
  "care home residents",
];
const OUTCOMES = [
  "hospital admissions",
  "deaths from any cause",
  "heart attacks",
  "falls",
  "relapses",
  "kidney decline",
  "infections",
  "fractures",
  "missed work days",
  "strokes",
];
const TEMPLATES: ((r: () => number) => string)[] = [
  (r) =>
    `In a trial of ${n(r, 80, 4000)} ${pick(r, GROUPS)}, ${pick(r, DRUGS)} reduced ${pick(r, OUTCOMES)} by ${n(r, 5, 60)}%.`,
  (r) =>
    `${cap(pick(r, DRUGS))} is widely used for ${pick(r, CONDITIONS)}, although the evidence in ${pick(r, GROUPS)} is limited.`,
  (r) =>
    `The clinic claims that ${pick(r, DRUGS)} cures ${pick(r, CONDITIONS)} within ${n(r, 2, 12)} weeks and has no side effects.`,
  (r) =>
    `About ${n(r, 2, 40)} in 100 ${pick(r, GROUPS)} develop ${pick(r, CONDITIONS)} over ten years.`,
  (r) =>
    `A review of ${n(r, 3, 60)} studies found no clear link between ${pick(r, DRUGS)} and ${pick(r, OUTCOMES)}.`,
  (r) =>
    `Doctors recommend checking ${pick(r, ["blood sugar", "kidney function", "blood pressure", "liver enzymes", "iron levels"])} every ${n(r, 3, 12)} months in ${pick(r, GROUPS)}.`,
  (r) =>
    `Stopping ${pick(r, DRUGS)} suddenly can make ${pick(r, CONDITIONS)} worse, so patients should talk to their doctor first.`,
  (r) =>
    `${cap(pick(r, CONDITIONS))} is ${n(r, 2, 5)} times more common in ${pick(r, GROUPS)} than in the general population.`,
];

function n(r: () => number, lo: number, hi: number) {
  return lo + Math.floor(r() * (hi - lo + 1));
}
function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}
function cap(s: string) {
  return s[0]?.toUpperCase() + s.slice(1);
}
function sentence(r: () => number) {
  return pick(r, TEMPLATES)(r);
}

interface Sentence {
  text: string;
  /** The claims on this sentence: their offsets inside it. */
  claims: { id: number; from: number; to: number; changed: boolean }[];
}

export interface SyntheticClaim {
  id: number;
  oldStart: number;
  oldEnd: number;
  /** In the revision: the claim's range, or null when its sentence was deleted. */
  newStart: number | null;
  newEnd: number | null;
  /** Whether an edit fell inside the claim (its wording changed). */
  changed: boolean;
}

export interface SyntheticCase {
  oldText: string;
  newText: string;
  claims: SyntheticClaim[];
  /** Share of the old text's characters in edited or deleted sentences, and inserted ones. */
  editedShare: number;
}

function render(paragraphs: Sentence[][]) {
  const positions = new Map<number, { start: number; end: number }>();
  let text = "";
  paragraphs.forEach((paragraph, p) => {
    if (p > 0) text += "\n\n";
    paragraph.forEach((s, i) => {
      if (i > 0) text += " ";
      for (const c of s.claims) {
        positions.set(c.id, { start: text.length + c.from, end: text.length + c.to });
      }
      text += s.text;
    });
  });
  return { text, positions };
}

/** Replaces one word of `s` (after its first word), shifting or widening the claims. */
function rewordSentence(s: Sentence, r: () => number, replacement: string) {
  const words = [...s.text.matchAll(/[a-z]{4,}/g)];
  const word = words.length > 0 ? pick(r, words) : undefined;
  if (!word) return;
  const at = word.index;
  const delta = replacement.length - word[0].length;
  s.text = s.text.slice(0, at) + replacement + s.text.slice(at + word[0].length);
  for (const c of s.claims) {
    if (at >= c.to) continue;
    if (at + word[0].length <= c.from) {
      c.from += delta;
      c.to += delta;
    } else {
      c.changed = true;
      c.to += delta;
    }
  }
}

/**
 * About `targetBytes` of text, `claimCount` claims (whole sentences or their first clause) and
 * a revision where a share `editRate` of the sentences is edited: a word replaced, a sentence
 * deleted, or a new sentence inserted after it; plus a few paragraphs moved.
 */
export function syntheticCase(
  targetBytes: number,
  claimCount: number,
  editRate: number,
  seed = 1,
): SyntheticCase {
  const r = random(seed);
  const paragraphs: Sentence[][] = [];
  let size = 0;
  while (size < targetBytes) {
    const paragraph: Sentence[] = [];
    for (let i = n(r, 3, 7); i > 0; i--) {
      const text = sentence(r);
      paragraph.push({ text, claims: [] });
      size += text.length + 1;
    }
    paragraphs.push(paragraph);
  }
  const all = paragraphs.flat();
  const chosen = new Set<number>();
  while (chosen.size < Math.min(claimCount, all.length)) chosen.add(Math.floor(r() * all.length));
  let id = 0;
  for (const index of [...chosen].sort((a, b) => a - b)) {
    const s = all[index];
    if (!s) continue;
    const comma = s.text.indexOf(",");
    const to = r() < 0.5 && comma > 20 ? comma : s.text.length;
    s.claims.push({ id: id++, from: 0, to, changed: false });
  }
  const old = render(paragraphs);
  const oldRanges = new Map(old.positions);

  let editedChars = 0;
  const deleted = new Set<number>();
  for (const paragraph of paragraphs) {
    for (let i = 0; i < paragraph.length; i++) {
      const s = paragraph[i];
      if (!s || r() >= editRate) continue;
      editedChars += s.text.length;
      const kind = r();
      if (kind < 0.5)
        rewordSentence(s, r, pick(r, ["notably", "sharply", "patients", "evidence", "roughly"]));
      else if (kind < 0.7) {
        for (const c of s.claims) deleted.add(c.id);
        paragraph.splice(i--, 1);
      } else {
        paragraph.splice(++i, 0, { text: sentence(r), claims: [] });
      }
    }
  }
  // A few paragraphs move elsewhere (their claims keep their words and surroundings).
  for (let k = 0; k < Math.ceil(paragraphs.length / 200); k++) {
    const [moved] = paragraphs.splice(Math.floor(r() * paragraphs.length), 1);
    if (moved) paragraphs.splice(Math.floor(r() * paragraphs.length), 0, moved);
  }
  const revised = render(paragraphs.filter((p) => p.length > 0));
  const changed = new Set(
    paragraphs.flat().flatMap((s) => s.claims.filter((c) => c.changed).map((c) => c.id)),
  );
  const claims: SyntheticClaim[] = [...oldRanges].map(([claimId, range]) => {
    const now = deleted.has(claimId) ? undefined : revised.positions.get(claimId);
    return {
      id: claimId,
      oldStart: range.start,
      oldEnd: range.end,
      newStart: now?.start ?? null,
      newEnd: now?.end ?? null,
      changed: changed.has(claimId),
    };
  });
  return {
    oldText: old.text,
    newText: revised.text,
    claims,
    editedShare: editedChars / old.text.length,
  };
}
