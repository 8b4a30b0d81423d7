/**
 * Text → comparable tokens for the claims library matcher: lower case, accents and marks
 * stripped, contractions opened ("can't" → "can not"), British spellings made US
 * ("tumour" → "tumor"), words reduced to Porter stems ("vaccinated" → "vaccin") so that
 * inflections compare equal. Punctuation that ends a clause is kept as a boundary token, because
 * negation scope (negation.ts) stops there.
 */
import { stemmer } from "stemmer";

/** One token of a normalized text: a stemmed word, or a clause boundary ("," ";" "." …). */
export interface Token {
  /** The Porter stem of the word (US spelling), or the punctuation mark for a boundary. */
  stem: string;
  /** The lower-cased, unaccented word before stemming ("" for a boundary). */
  word: string;
  /** True for punctuation that ends a clause. */
  boundary: boolean;
}

/**
 * British → US spellings that the stemmer would otherwise keep apart. Whole words only; the
 * regular "-ise"/"-isation" verbs are handled by a rule in {@link usSpelling}.
 */
const BRITISH: Record<string, string> = {
  tumour: "tumor",
  tumours: "tumors",
  colour: "color",
  colours: "colors",
  colouring: "coloring",
  colourings: "colorings",
  behaviour: "behavior",
  behaviours: "behaviors",
  diarrhoea: "diarrhea",
  haemorrhage: "hemorrhage",
  haemoglobin: "hemoglobin",
  anaemia: "anemia",
  leukaemia: "leukemia",
  oestrogen: "estrogen",
  oesophagus: "esophagus",
  oesophageal: "esophageal",
  paediatric: "pediatric",
  paediatrician: "pediatrician",
  foetus: "fetus",
  foetal: "fetal",
  aluminium: "aluminum",
  fibre: "fiber",
  litre: "liter",
  litres: "liters",
  centre: "center",
  programme: "program",
  programmes: "programs",
  defence: "defense",
  defences: "defenses",
  grey: "gray",
  sulphur: "sulfur",
  sulphate: "sulfate",
  caesarean: "cesarean",
  ageing: "aging",
  favour: "favor",
  flavour: "flavor",
  flavours: "flavors",
  odour: "odor",
  mould: "mold",
  practise: "practice",
  sceptical: "skeptical",
  tonne: "ton",
  orthopaedic: "orthopedic",
  haematoma: "hematoma",
  ischaemic: "ischemic",
  coeliac: "celiac",
  dyspnoea: "dyspnea",
  oedema: "edema",
};

/** "-ise" verbs whose US form is "-ize"; listed, because "promise" or "exercise" must stay. */
const ISE_STEMS = new Set([
  "immun",
  "steril",
  "organ",
  "recogn",
  "real",
  "minim",
  "maxim",
  "standard",
  "moistur",
  "neutral",
  "categor",
  "hospital",
  "optim",
  "stabil",
  "normal",
  "pasteur",
  "homogen",
  "revolution",
  "legal",
  "penal",
  "sensit",
  "desensit",
  "subsid",
  "capital",
  "critic",
  "apolog",
  "summar",
  "util",
  "harmon",
  "vapor",
  "metabol",
  "ion",
  "fertil",
  "random",
]);

/** The US spelling of a lower-case word. */
export function usSpelling(word: string): string {
  const direct = BRITISH[word];
  if (direct) return direct;
  const m = /^(.+)is(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
  if (m?.[1] && ISE_STEMS.has(m[1])) return `${m[1]}iz${m[2]}`;
  return word;
}

/**
 * Lower case, compatibility decomposition with combining marks removed ("naïve" → "naive",
 * "ﬁ" → "fi"), typographic quotes and dashes made plain, contractions opened.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\bcan't\b|\bcannot\b/g, "can not")
    .replace(/\bwon't\b/g, "will not")
    .replace(/\bshan't\b/g, "shall not")
    .replace(/\b(\w+)n't\b/g, "$1 not")
    .replace(/'s\b/g, "")
    .replace(/s'(?=\s|$)/g, "s");
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*|[,;:.!?()[\]]/gu;

/** Irregular verb forms the Porter stemmer leaves apart from their base ("regrown", "led"). */
const IRREGULAR: Record<string, string> = {
  grown: "grow",
  grew: "grow",
  regrown: "regrow",
  regrew: "regrow",
  given: "give",
  gave: "give",
  taken: "take",
  took: "take",
  shown: "show",
  known: "know",
  knew: "know",
  made: "make",
  brought: "bring",
  led: "lead",
  fed: "feed",
  kept: "keep",
  broken: "break",
  broke: "break",
  spread: "spread",
  cut: "cut",
  rewritten: "rewrite",
  rewrote: "rewrite",
  done: "do",
  did: "do",
  went: "go",
  gone: "go",
  came: "come",
  found: "find",
  thought: "think",
  told: "tell",
  sold: "sell",
  fought: "fight",
  beaten: "beat",
  stolen: "steal",
  worn: "wear",
  drunk: "drink",
  drank: "drink",
  ate: "eat",
  eaten: "eat",
  undone: "undo",
  rebuilt: "rebuild",
  built: "build",
  caught: "catch",
  sped: "speed",
  hidden: "hide",
  hid: "hide",
  overdone: "overdo",
};

/** The stem the matcher compares: the Porter stem of the US spelling (base form if irregular). */
export function stemWord(word: string): string {
  const us = usSpelling(word);
  return stemmer(IRREGULAR[us] ?? us);
}

/**
 * Tokenizes a text for comparison: normalized words as stems, clause punctuation as boundaries.
 * Hyphenated words are split ("knuckle-cracking" → "knuckle", "cracking"); quotes are dropped.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of normalizeText(text).matchAll(TOKEN)) {
    const raw = m[0];
    if (/^[,;:.!?()[\]]$/.test(raw)) {
      out.push({ stem: raw, word: "", boundary: true });
      continue;
    }
    const word = raw.replace(/'/g, "");
    out.push({ stem: stemWord(word), word, boundary: false });
  }
  return out;
}
