/**
 * What the shape and voice of a sentence say about its check-worthiness, independently of the
 * trigger words: questions and headings are skipped or restricted, hedged, first-person,
 * procedural and imperative sentences lose points. Each adjustment is named (`cue`) so tests
 * and tuning can tell which one kept a sentence with a trigger from being suggested.
 *
 * Trade-offs, all in favour of precision, since every false suggestion costs a reviewer a
 * dismissal while a missed one is still there for them to select by hand:
 * - a hedge ("may", "some studies suggest") costs half a point per cue (at most one point): a
 *   hedged effect with a figure ("may reduce the risk by 40%") is still suggested, a hedged
 *   single trigger ("coffee may protect the liver") is not;
 * - a first-person or reported anecdote costs a point, so only a strong trigger survives it;
 * - procedural text (appointments, forms, "this page") and the "talk to your doctor"
 *   boilerplate cost a point each; an imperative costs half ("Never give aspirin to children
 *   under 16" survives, "Always talk to your doctor" does not).
 */

/** One named score adjustment. */
export interface Adjustment {
  cue: "hedge" | "anecdote" | "procedural" | "boilerplate" | "imperative";
  delta: number;
}

/** How the sentence's shape limits detection. */
export interface SentenceContext {
  /** Questions are never suggested: they ask, they do not claim. */
  question: boolean;
  /** Headings are suggested only for strong harm-denial or cure triggers ("Vitamin C Cures Colds"). */
  heading: boolean;
  adjustments: Adjustment[];
}

const HEDGES =
  /\b(?:may|might|could|possibly|perhaps|potentially|probably|appears? to|seems? to|suggests?|is thought|are thought|is believed|are believed|it is possible|preliminary|early (?:research|evidence|studies|results)|in some cases|some (?:studies|research|evidence|experts|people|doctors|researchers|scientists|readers|parents)|(?:we|I) (?:think|believe|feel)|in (?:my|our) (?:view|opinion))\b/giu;
/**
 * Case-sensitive, so "US" (the country) is not "us"; "I" after "type"/"phase" is a numeral.
 */
const FIRST_PERSON =
  /(?<!\b(?:[Tt]ype|[Pp]hase|[Cc]lass|[Gg]rade|[Ss]tage)\s)\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Uu]s|[Oo]urs?)\b/u;
const REPORTED =
  /^(?:he|she|they|(?:his|her|their|my) \p{L}+)\s+(?:\p{L}+\s+)?(?:felt|feels|said|says|told|tells|thought|thinks|swore|swears|found|finds|loved|loves|enjoyed|enjoys|remembers|remembered|recalls|recalled|admits|admitted|describes|described)\b/iu;
const PROCEDURAL =
  /\b(?:click|tap|download|subscribe|sign up|log in|newsletter|this (?:article|page|guide|section|website|site|leaflet)|below|above|appointments?|booking|book (?:your|an|a)|forms?|contact us|call us|email us|opening hours|open from|car park|parking|visitors?|prescription request|helpline)\b/iu;
const BOILERPLATE =
  /\b(?:consult|talk to|talk with|speak to|speak with|ask|check with|tell)\s+(?:your|a|the)\s+(?:own\s+)?(?:doctor|gp|physician|pharmacist|healthcare|health care|health professional|provider|midwife|nurse|specialist|surgeon|dentist)\b/iu;
const IMPERATIVE =
  /^(?:please\s+)?(?:(?:do not|don't|never|always)\s+)?(?:take|wash|call|ask|read|put|check|store|click|keep|try|make sure|avoid|eat|drink|use|remember|start|stop|speak|talk|see|visit|book|bring|tell|let|consult|contact|follow|go|get|give|write|record|allow|choose|add|cut|reduce|limit|aim|do|don't)\b/iu;
/** A rhetorical "Did you know that one in three adults…?" carries its claim like a statement. */
const RHETORICAL = /^(?:did you know|remember that)\b/i;

/**
 * Reads a sentence's shape. `wholeLine` and `marker` come from the splitter: a line of its own,
 * without final punctuation, of at most 15 words, and not a list item, is taken as a heading.
 */
export function readContext(
  text: string,
  shape: { wholeLine: boolean; marker: "list" | "heading" | null },
): SentenceContext {
  const trimmed = text.trim();
  const question = /\?["'”’)\]»]*$/u.test(trimmed) && !RHETORICAL.test(trimmed);
  const words = trimmed.split(/\s+/).length;
  const heading =
    shape.marker === "heading" ||
    (shape.wholeLine &&
      shape.marker !== "list" &&
      words <= 15 &&
      !/[.!?…:;]["'”’)\]»]*$/u.test(trimmed));

  const adjustments: Adjustment[] = [];
  const hedges = new Set([...trimmed.matchAll(HEDGES)].map((m) => m[0].toLowerCase())).size;
  if (hedges > 0) adjustments.push({ cue: "hedge", delta: -Math.min(1, hedges * 0.5) });
  if (FIRST_PERSON.test(trimmed) || REPORTED.test(trimmed))
    adjustments.push({ cue: "anecdote", delta: -1 });
  if (PROCEDURAL.test(trimmed)) adjustments.push({ cue: "procedural", delta: -1 });
  if (BOILERPLATE.test(trimmed)) adjustments.push({ cue: "boilerplate", delta: -1 });
  if (IMPERATIVE.test(trimmed)) adjustments.push({ cue: "imperative", delta: -0.5 });
  return { question, heading, adjustments };
}
