/**
 * How much each word of a library claim counts when the matcher (relation.ts) compares it with a
 * sentence: function words, reporting verbs and hedges not at all ("claims that", "may"), light
 * words a little ("people", "daily", "supplement"), the rest fully. Hand-made: the matcher sees
 * one claim and one sentence, not a corpus to learn word rarity from.
 */

/** Words that carry no claim: function words, reporting verbs, hedges. Compared as words. */
export const STOPWORDS = new Set(
  (
    "a an the and or of to in on at for with by from as than that this these those it its is are " +
    "was were be been being am do does did doing done has have had having can could will would " +
    "may might shall also even just still really actually very much more most less far so too " +
    "some any all every each many other such own same about into out over under up down off " +
    "there here then now when where who whom whose which what why how while whereas if because " +
    "i me my we us our you your he him his she her they them their one ones " +
    "claim claims claimed claiming say says said saying argue argues argued argued believe " +
    "believes believed think thinks thought warn warns warned warning insist insists insisted " +
    "allege alleges alleged write writes wrote written report reports reported suggest suggests " +
    "suggested fear fears feared promise promises promised told tell tells according post blog " +
    "video website site article study studies found find finds show shows shown research " +
    "researchers expert experts doctor doctors scientist scientists campaigner campaigners " +
    "idea notion often usually sometimes always generally typically widely commonly " +
    "probably possibly perhaps likely slightly substantially significantly " +
    "get gets got getting go goes going went come comes came give gives giving given take " +
    "takes took taking taken use uses used using before after during without between against " +
    "through across within among via per"
  ).split(/\s+/),
);

/** Terms that count little: they are in many claims and rarely decide one. */
export const LIGHT = new Set([
  "~daily",
  "~supplement",
  "~several",
  "~water",
  "peopl",
  "person",
  "adult",
  "human",
  "patient",
  "health",
  "bodi",
  "system",
  "diet",
  "food",
  "eat",
  "drink",
  "common",
  "level",
  "dose",
  "risk",
  "chanc",
  "effect",
  "type",
  "year",
  "day",
  "new",
  "natur",
  "product",
  "oil",
  "crop",
  "remedi",
  "therapi",
  "treatment",
  "drug",
  "medicin",
  "mani",
  "regular",
  "healthi",
  "strong",
  "reaction",
  "ill",
  "ill",
  "diseas",
  "condit",
  "disord",
  "problem",
  "high",
  "low",
  "intak",
  "consumpt",
  "consum",
  "amount",
  "larg",
  "small",
  "extra",
  "excess",
  "form",
  "brand",
  "pure",
  "fresh",
  "certain",
]);

/** The weight of a term: 0.3 for a light one, 0.5 for a number, 1 otherwise. */
export function weight(term: string): number {
  if (LIGHT.has(term)) return 0.3;
  if (/^\d+$/.test(term)) return 0.5;
  return 1;
}
