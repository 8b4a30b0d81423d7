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
import { stemWord, type Token, tokenize } from "./normalize";

/**
 * Concept → the phrases that express it. The key may hold several concept tokens
 * ("~hpv ~jab" for "Gardasil"). Phrases are normalized and stemmed like the text, so one
 * inflection stands for all ("vaccinated" for "vaccinate", "vaccination"). Articles and
 * possessives are dropped before matching ("reduce the risk of" = "reduce your risk of").
 */
const GROUPS: Record<string, string[]> = {
  // ---- vaccines and infections
  "~jab": [
    "vaccine",
    "vaccination",
    "vaccinate",
    "jab",
    "shot",
    "injection",
    "inoculation",
    "immunization",
    "immunize",
    "booster",
  ],
  "~mmr": [
    "mmr",
    "measles, mumps and rubella",
    "measles mumps and rubella",
    "measles mumps rubella",
  ],
  "~hpv": ["hpv", "human papillomavirus", "papillomavirus"],
  "~hpv ~jab": [
    "gardasil",
    "cervarix",
    "cervical cancer vaccine",
    "cervical cancer jab",
    "cervical cancer shot",
  ],
  "~covid": ["covid 19", "covid", "coronavirus", "sars cov 2", "sars cov2"],
  "~covid ~mrna ~jab": ["pfizer", "moderna", "comirnaty", "spikevax", "biontech"],
  "~mrna": ["mrna", "messenger rna"],
  "~flu": ["flu", "influenza"],
  "~cold": ["common cold", "cold", "catch cold", "catching cold"],
  "~chill": ["chill", "cold weather", "wet hair", "catch chill"],
  "~whooping": ["whooping cough", "pertussis"],
  "~chickenpox": ["chickenpox", "chicken pox", "varicella"],
  "~polio": ["polio", "poliomyelitis"],
  "~thimerosal": ["thimerosal", "thiomersal"],
  "~autism": ["autism", "autistic", "autism spectrum disorder", "asd"],
  "~sids": ["sudden infant death syndrome", "sids", "cot death", "crib death"],
  "~immune": ["immune system", "immune defense", "immune", "immunity"],
  "~infection": ["infection", "bacterial infection", "infect"],
  "~bacteria": ["bacteria", "bacterium", "germ", "microbe"],
  "~virus": ["virus", "viruses", "viral infection"],
  "~antibiotic": [
    "antibiotic",
    "antibacterial",
    "amoxicillin",
    "penicillin",
    "azithromycin",
    "doxycycline",
    "ciprofloxacin",
    "augmentin",
    "erythromycin",
    "clarithromycin",
  ],
  "~resistance": [
    "antibiotic resistance",
    "antimicrobial resistance",
    "drug resistance",
    "drug resistant",
    "resistant",
    "resistance",
    "superbug",
    "amr",
  ],
  "~livestock": [
    "farm animal",
    "livestock",
    "cattle",
    "pig",
    "poultry",
    "chicken farm",
    "farm",
    "farming",
    "agriculture",
  ],
  // ---- people
  "~child": [
    "child",
    "children",
    "kid",
    "baby",
    "babies",
    "infant",
    "toddler",
    "newborn",
    "childhood",
    "son",
    "daughter",
  ],
  "~teen": ["teenager", "teen", "teenage", "adolescent", "adolescence", "young people", "youth"],
  "~woman": ["woman", "women", "female", "girl"],
  "~dark_skin": [
    "dark skin",
    "darker skin",
    "dark skinned",
    "black skin",
    "brown skin",
    "black people",
    "skin of color",
    "darker skin tone",
    "dark skin tone",
  ],
  // ---- cancer and disease
  "~cancer": ["cancer", "tumor", "carcinoma", "malignancy", "malignant", "cancerous", "neoplasm"],
  "~cause ~cancer": ["carcinogenic", "carcinogen", "cancer causing"],
  "~bowel ~cancer": ["colorectal cancer", "colon cancer", "rectal cancer", "bowel cancer"],
  "~bowel": ["bowel", "colorectal", "colon", "rectal", "intestine", "gut"],
  "~bone ~cancer": ["osteosarcoma", "bone cancer", "bone tumor"],
  "~brain ~cancer": ["glioma", "glioblastoma", "brain cancer", "brain tumor"],
  "~blood ~cancer": ["leukemia", "lymphoma"],
  "~melanoma": ["melanoma", "malignant melanoma"],
  "~heart_attack": [
    "heart attack",
    "myocardial infarction",
    "cardiac arrest",
    "coronary",
    "coronary event",
  ],
  "~heart": [
    "heart",
    "cardiac",
    "cardiovascular",
    "cardiovascular disease",
    "heart disease",
    "heart health",
    "coronary heart disease",
  ],
  "~good ~heart": ["heart healthy", "heart friendly"],
  "~stroke": ["stroke", "cerebrovascular accident"],
  "~hypertension": ["hypertension", "high blood pressure", "raised blood pressure"],
  "~myocarditis": ["myocarditis", "heart inflammation", "pericarditis"],
  "~diabetes": [
    "diabetes",
    "diabetic",
    "type 2 diabetes",
    "type ii diabetes",
    "blood sugar disease",
  ],
  "~dementia": ["dementia", "alzheimer", "alzheimer disease", "cognitive decline"],
  "~memory_loss": ["memory loss", "memory problem", "forgetfulness", "memory impairment"],
  "~arthritis": ["arthritis", "osteoarthritis", "arthritic", "joint degeneration"],
  "~asthma": ["asthma", "asthmatic", "asthma attack", "wheezing"],
  "~allergy": ["allergy", "allergic", "allergic reaction", "allergen"],
  "~infertility": [
    "infertility",
    "infertile",
    "sterility",
    "sterile",
    "fertility",
    "unable to have children",
    "can not have children",
    "unable to get pregnant",
    "unable to conceive",
  ],
  "~ntd": ["neural tube defect", "spina bifida", "anencephaly", "neural tube"],
  "~pregnancy": ["pregnancy", "pregnant", "conception", "conceive", "trying for baby"],
  "~miscarriage": ["miscarriage", "pregnancy loss", "stillbirth"],
  "~decay": ["tooth decay", "dental decay", "cavity", "cavities", "dental caries", "caries"],
  "~wrinkle": ["wrinkle", "wrinkling", "fine line", "crow feet"],
  "~muscle_pain": [
    "muscle pain",
    "muscle ache",
    "aching muscle",
    "sore muscle",
    "myalgia",
    "muscle soreness",
  ],
  "~hyperactive": [
    "hyperactive",
    "hyperactivity",
    "adhd",
    "attention deficit",
    "hyper",
    "sugar rush",
    "sugar high",
    "overexcited",
    "bounce off wall",
    "bouncing off wall",
  ],
  "~depression": ["depression", "depressed", "depressive"],
  "~sunburn": ["sunburn", "sunburnt", "sunburned", "burn in sun"],
  "~obesity": ["obesity", "obese", "overweight"],
  "~weight_loss": [
    "weight loss",
    "lose weight",
    "losing weight",
    "slimming",
    "slim",
    "shed pounds",
  ],
  "~ldl ~cholesterol": [
    "ldl cholesterol",
    "ldl c",
    "ldl",
    "bad cholesterol",
    "low density lipoprotein cholesterol",
    "low density lipoprotein",
  ],
  "~cholesterol": ["cholesterol", "blood cholesterol", "blood lipid", "lipid"],
  "~iq": ["iq", "intelligence", "intelligent", "cognitive ability", "iq score"],
  "~reduce ~iq": ["less intelligent"],
  "~sex": [
    "sex",
    "sexual activity",
    "sexually active",
    "sexual intercourse",
    "promiscuity",
    "promiscuous",
    "have sex",
    "having sex",
  ],
  "~dna": ["dna", "gene", "genetic code", "genome", "genetic material", "genetic makeup"],
  "~toxin": ["toxin", "toxic substance", "poison"],
  "~liver": ["liver", "hepatic"],
  // ---- treatments, drugs, products
  "~statin": [
    "statin",
    "statin therapy",
    "atorvastatin",
    "simvastatin",
    "rosuvastatin",
    "pravastatin",
    "lovastatin",
    "fluvastatin",
    "lipitor",
    "crestor",
    "zocor",
  ],
  "~antidepressant": [
    "antidepressant",
    "ssri",
    "snri",
    "selective serotonin reuptake inhibitor",
    "prozac",
    "fluoxetine",
    "sertraline",
    "zoloft",
    "citalopram",
    "escitalopram",
    "paroxetine",
    "venlafaxine",
  ],
  "~ibuprofen": ["ibuprofen", "advil", "motrin", "nurofen"],
  "~paracetamol": ["paracetamol", "acetaminophen", "tylenol", "panadol"],
  "~aspirin": ["aspirin", "baby aspirin", "acetylsalicylic acid"],
  "~chemo": ["chemotherapy", "chemo"],
  "~vitc": ["vitamin c", "ascorbic acid", "ascorbate"],
  "~vitd": ["vitamin d", "vitamin d3", "cholecalciferol", "sunshine vitamin"],
  "~folate": ["folic acid", "folate"],
  "~fish_oil": [
    "fish oil",
    "omega 3",
    "omega 3 fatty acid",
    "cod liver oil",
    "fish oil supplement",
    "fish oil pill",
  ],
  "~turmeric": ["turmeric", "curcumin"],
  "~cannabis": ["cannabis", "marijuana", "weed", "cannabidiol", "cbd"],
  "~baking_soda": ["baking soda", "sodium bicarbonate", "bicarbonate of soda", "bicarb"],
  "~apricot_kernel": [
    "apricot kernel",
    "apricot pit",
    "apricot seed",
    "apricot stone",
    "laetrile",
    "amygdalin",
    "vitamin b17",
  ],
  "~sugar": ["sugar", "glucose", "sucrose", "fructose", "sugary", "sweets"],
  "~sweetener": ["artificial sweetener", "sweetener"],
  "~antiperspirant": ["antiperspirant", "deodorant", "underarm deodorant"],
  "~processed_meat": [
    "processed meat",
    "bacon",
    "ham",
    "sausage",
    "salami",
    "hot dog",
    "pepperoni",
    "deli meat",
    "cured meat",
  ],
  "~keto": [
    "ketogenic diet",
    "ketogenic",
    "keto diet",
    "keto",
    "low carb diet",
    "low carbohydrate diet",
    "very low carbohydrate diet",
  ],
  "~fluoride": ["fluoride", "fluoridation", "fluoridated", "fluoridate"],
  "~water": ["drinking water", "tap water", "water supply", "water"],
  "~homeopathy": ["homeopathy", "homeopathic", "homoeopathic", "homoeopathy", "nosode"],
  "~chiro": [
    "chiropractic adjustment",
    "chiropractic",
    "chiropractor",
    "spinal manipulation",
    "spinal adjustment",
    "adjust spine",
    "adjusting spine",
    "spine adjustment",
  ],
  "~colloidal_silver": ["colloidal silver"],
  "~stem_cell": ["stem cell", "stem cell therapy"],
  "~detox_tea tea": ["detox tea", "teatox", "slimming tea", "detox tea blend"],
  "~juice_cleanse": ["juice cleanse", "juice detox", "juice fast", "juicing"],
  "~enema": ["enema", "colonic", "colonic irrigation"],
  "~sunscreen": ["sunscreen", "sun cream", "suncream", "sunblock", "spf", "sun protection"],
  "~gmo": [
    "genetically modified",
    "genetically engineered",
    "gm",
    "gmo",
    "ge",
    "genetic modification",
    "genetic engineering",
    "biotech crop",
  ],
  "~knuckle_crack": [
    "crack knuckle",
    "cracking knuckle",
    "knuckle cracking",
    "knuckle crack",
    "pop knuckle",
    "popping knuckle",
    "knuckle popping",
  ],
  "~vape": ["vaping", "vape", "e cigarette", "ecigarette", "ecig", "electronic cigarette"],
  "~smoke": ["smoking", "smoke", "cigarette", "tobacco", "smoker"],
  "~contraceptive": [
    "contraceptive pill",
    "oral contraceptive",
    "birth control pill",
    "contraceptive",
    "contraception",
    "birth control",
    "on pill",
  ],
  "~supplement": ["supplement", "pill", "capsule", "tablet", "gummy", "gummies", "dose"],
  "~microchip": ["microchip", "chip", "tracking chip", "tracking device", "nanochip"],
  "~radiation": ["radiation", "radio wave", "electromagnetic field", "emf"],
  "~5g": ["5g", "5g network", "5g mast", "phone mast"],
  "~phone": [
    "mobile phone",
    "cell phone",
    "cellphone",
    "smartphone",
    "mobile phone radiation",
    "phone",
    "mobile",
  ],
  "~daily": ["daily", "every day", "each day", "regular", "regularly", "routinely", "day"],
  "~several": [
    "several",
    "multiple",
    "many",
    "too many",
    "so many",
    "combined",
    "together",
    "at once",
    "same day",
    "simultaneously",
  ],
  "~early": ["early", "earlier", "sooner", "younger age", "at younger age"],
  "~most": ["most", "majority", "most people", "most of people"],
  "!~most": ["minority", "small minority", "few", "only few", "handful", "rare", "rarely"],
  "~zinc": ["zinc", "zinc lozenge", "zinc supplement", "zinc gluconate", "zinc acetate"],
  "~ivermectin": ["ivermectin", "stromectol"],
  "~echinacea": ["echinacea", "purple coneflower"],
  "~elderberry": ["elderberry", "sambucus"],
  "~probiotic": ["probiotic", "live bacteria", "good bacteria", "friendly bacteria"],
  "~essential_oil": ["essential oil", "aromatherapy", "lavender oil", "tea tree oil"],
  "~acupuncture": ["acupuncture", "acupuncturist", "dry needling"],
  "~hrt": ["hormone replacement therapy", "hrt", "menopausal hormone therapy"],
  "~mammogram": ["mammogram", "mammography", "breast screening", "breast x ray"],
  "~xray": ["x ray", "xray", "ct scan", "ct", "radiograph"],
  "~mask": ["face mask", "mask", "face covering", "n95", "respirator"],
  "~oxygen": ["oxygen", "oxygen level", "hypoxia", "oxygen deprivation", "blood oxygen"],
  "~mercury": ["mercury", "methylmercury", "ethylmercury"],
  "~aluminum": ["aluminum", "aluminum salt", "aluminum adjuvant", "adjuvant"],
  "~glyphosate": ["glyphosate", "roundup", "weedkiller", "herbicide"],
  "~pesticide": ["pesticide", "insecticide"],
  "~neurotoxin": ["neurotoxin", "neurotoxic", "brain damage", "damage brain"],
  "~coffee": ["coffee", "caffeine", "espresso", "caffeinated"],
  "~dehydrate": ["dehydrate", "dehydration", "dehydrating", "dehydrated"],
  "~alcohol": ["alcohol", "alcoholic drink", "red wine", "wine", "beer", "booze"],
  "~salt": ["salt", "sodium", "salty"],
  "~saturated_fat": ["saturated fat", "animal fat"],
  "~microwave": ["microwave", "microwaving", "microwaved", "microwave oven"],
  "~nutrient": ["nutrient", "vitamin", "mineral", "nutritional value"],
  "~carrot": ["carrot", "beta carotene", "vitamin a"],
  "~vision": [
    "vision",
    "eyesight",
    "sight",
    "eye",
    "night vision",
    "see in dark",
    "see better in dark",
  ],
  "~skin_cancer": ["skin cancer", "non melanoma skin cancer", "basal cell carcinoma"],
  "~stomach": ["stomach", "gastric", "tummy", "belly"],
  "~kidney": ["kidney", "renal"],
  "~lung": ["lung", "pulmonary", "respiratory"],
  "~brain": ["brain", "cerebral"],
  "~pain": ["pain", "ache", "aching", "sore", "soreness", "painful"],
  "~inflammation": ["inflammation", "inflammatory", "inflamed", "swelling"],
  "~death": ["death", "die", "dying", "mortality", "kill people"],
  "~elderly": ["older people", "older adult", "elderly", "senior", "pensioner", "old age"],
  "~hair": ["hair", "hair growth"],
  "~shave": ["shave", "shaving", "shaven"],
  "~honey": ["honey", "manuka honey"],
  "~garlic": ["garlic", "allicin"],
  // ---- predicates
  "~cause": [
    "cause",
    "trigger",
    "lead to",
    "result in",
    "give you",
    "give people",
    "give them",
    "blame",
    "blame on",
    "blame for",
    "link",
    "link to",
    "linked to",
    "association",
    "associated with",
    "tie to",
    "responsible for",
    "behind",
    "contribute to",
    "come from",
    "induce",
    "provoke",
    "bring on",
    "make",
    "more likely",
    "increase risk",
    "increase risk of",
    "raise risk",
    "raise risk of",
    "increase chance of",
    "higher risk",
    "higher risk of",
    "accuse of causing",
    "leave",
    "create",
    "help create",
    "trace to",
    "trace back to",
    "lead * to",
    "make * more likely",
    "increase likelihood",
    "increase likelihood of",
    "put at risk",
    "put * at risk",
    "linked with",
    "connected to",
    "connection",
    "connection between",
    "link between",
    "association between",
    "responsible",
    "produce",
    "spark",
    "set off",
    "spur",
    "precipitate",
    "bring about",
    "cause of",
    "culprit",
    "to blame",
    "to blame for",
    "give rise to",
    "drive",
    "raise odds",
    "raise odds of",
    "increase odds of",
    "boost risk",
    "boost risk of",
    "make sick",
    "make ill",
    "make * sick",
    "make * ill",
  ],
  "~prevent": [
    "prevent",
    "prevention",
    "protect",
    "protect against",
    "protection",
    "protection against",
    "protective",
    "stop",
    "ward off",
    "keep away",
    "keep * away",
    "keep * at bay",
    "keep at bay",
    "guard against",
    "avert",
    "reduce risk",
    "reduce risk of",
    "lower risk",
    "lower risk of",
    "cut risk",
    "cut risk of",
    "reduce chance",
    "reduce chance of",
    "lower chance",
    "lower chance of",
    "lower odds of",
    "fewer",
    "less likely",
    "shield",
    "shield against",
    "defend against",
    "block",
    "stave off",
    "fend off",
    "lower likelihood",
    "reduce likelihood",
    "reduce incidence",
    "prophylaxis",
    "prophylactic",
    "safeguard",
    "safeguard against",
    "reduce odds of",
    "cut odds of",
    "help avoid",
    "immunity against",
    "defense against",
  ],
  "~cure": [
    "cure",
    "heal",
    "treat",
    "treatment for",
    "get rid of",
    "clear up",
    "eliminate",
    "destroy",
    "eradicate",
    "reverse",
    "remission",
    "into remission",
    "put * into remission",
    "fight off",
    "beat",
    "remedy for",
    "wipe out",
    "kill cancer",
    "kill cancer cell",
    "effective treatment",
    "fight",
    "defeat",
    "dissolve",
    "melt away",
    "cure all",
    "make * go away",
    "rid of",
    "fix",
  ],
  "~reduce": [
    "reduce",
    "lower",
    "decrease",
    "cut",
    "bring down",
    "drop",
    "lessen",
    "diminish",
    "shrink",
    "smooth out",
    "weaken",
    "suppress",
    "deplete",
    "slash",
    "halve",
    "minimize",
    "curb",
    "relieve",
    "ease",
    "alleviate",
    "soothe",
    "less",
  ],
  "~damage": ["damage", "impair", "ruin", "injure", "erode", "degrade"],
  "~increase": [
    "increase",
    "raise",
    "boost",
    "elevate",
    "higher",
    "rise",
    "improve",
    "enhance",
    "heighten",
    "double",
    "strengthen",
    "spike",
    "stimulate",
    "supercharge",
  ],
  "~worsen": ["worsen", "aggravate", "exacerbate", "make worse", "make * worse", "flare"],
  "~alter": ["alter", "change", "modify", "rewrite", "edit", "mutate", "integrate into"],
  "~spread": [
    "spread",
    "transmit",
    "transmission",
    "carry",
    "pass on",
    "infect with",
    "shed",
    "shedding",
  ],
  "~contain": [
    "contain",
    "include",
    "implant",
    "hide",
    "ingredient",
    "made with",
    "laced with",
    "contaminated with",
  ],
  "~overwhelm": ["overwhelm", "overload", "overtax", "swamp", "overburden", "too much for"],
  "~encourage": ["encourage", "promote", "lead teenagers to", "make more likely to"],
  "~danger": [
    "danger",
    "dangerous",
    "harmful",
    "deadly",
    "lethal",
    "fatal",
    "unsafe",
    "hazardous",
    "risky",
    "serious",
    "toxic",
    "poisonous",
    "pose risk",
    "pose danger",
    "pose threat",
    "health risk",
    "threat to health",
  ],
  "!~danger": ["harmless", "safe", "benign", "innocuous", "mild", "not dangerous"],
  "~good": [
    "good for",
    "good",
    "healthy",
    "healthier",
    "beneficial",
    "benefit",
    "better for",
    "help",
    "help with",
    "aid",
  ],
  "!~good": ["bad for", "bad", "unhealthy", "detrimental"],
  "~addictive": [
    "addictive",
    "addiction",
    "addicted",
    "addict",
    "hooked",
    "hook",
    "dependence",
    "dependent",
    "dependency",
    "habit forming",
    "craving",
  ],
  "!~addictive": ["non addictive", "nonaddictive", "not habit forming"],
  "~regrow": [
    "regrow",
    "regenerate",
    "regeneration",
    "rebuild",
    "restore",
    "repair",
    "grow back",
    "regrowth",
  ],
  "~detox": [
    "detoxify",
    "detox",
    "detoxification",
    "cleanse",
    "purify",
    "flush",
    "flush out",
    "clear out",
    "clean out",
  ],
  "~detox ~toxin": [
    "remove toxin",
    "release toxin",
    "draw out toxin",
    "clear out toxin",
    "flush out toxin",
    "flush toxin",
    "clear toxin",
  ],
  "!~need": ["unnecessary", "needless", "not necessary"],
  "~need": ["need", "should", "must", "require", "necessary", "have to", "ought to"],
  "~safer": [
    "less harmful",
    "less dangerous",
    "less risky",
    "less damaging",
    "safer",
    "far safer",
    "lower health risk",
    "lower risk",
    "reduce harm",
    "reduce harm to",
  ],
  "!~safer": [
    "just as dangerous",
    "as dangerous",
    "just as harmful",
    "as harmful",
    "more harmful",
    "more dangerous",
    "as bad",
    "worse",
  ],
  "~kill": ["kill more", "deadlier", "more harm than good", "kill"],
  "!~kill": [
    "save * lives",
    "save more lives",
    "save life",
    "save lives",
    "life saving",
    "lifesaving",
  ],
  "~effect": ["effect", "affect", "difference", "impact", "influence", "work", "effective"],
  "!~effect": [
    "ineffective",
    "useless",
    "worthless",
    "ineffectual",
    "make no difference",
    "reduce effectiveness",
    "reduce effectiveness of",
    "from working",
    "stop working",
  ],
  "~shorten": [
    "shorten",
    "shorter",
    "how long",
    "duration",
    "length",
    "recover faster",
    "recover * faster",
    "speed recovery",
    "speed up recovery",
    "get over * faster",
    "get over * sooner",
    "cut short",
    "reduce length",
    "reduce length of",
    "reduce duration",
    "reduce duration of",
    "fewer days",
    "get better faster",
    "get better sooner",
    "get better quicker",
    "recover quicker",
    "recover sooner",
    "clear up faster",
  ],
  "~accelerate": ["grow faster", "speed up", "accelerate", "fuel growth", "faster"],
  "~feed": ["feed", "fuel", "nourish"],
};

/**
 * Predicate concepts: what a claim says its subject does or is. A claim matches a sentence
 * only if one of its predicates (or a related or opposite one) is there.
 */
export const PREDICATES: ReadonlySet<string> = new Set([
  "~cause",
  "~prevent",
  "~cure",
  "~reduce",
  "~increase",
  "~alter",
  "~spread",
  "~contain",
  "~overwhelm",
  "~encourage",
  "~danger",
  "~good",
  "~addictive",
  "~regrow",
  "~detox",
  "~need",
  "~safer",
  "~kill",
  "~shorten",
  "~accelerate",
  "~feed",
  "~worsen",
  "~damage",
]);

/**
 * Pairs of predicates close enough that one may stand for the other in a paraphrase
 * ("reduces tooth decay" for "prevents tooth decay"), at a lower score. Symmetric.
 */
const RELATED_PAIRS: [string, string][] = [
  ["~prevent", "~reduce"],
  ["~cure", "~reduce"],
  ["~cause", "~encourage"],
  ["~cause", "~increase"],
  ["~cause", "~accelerate"],
  ["~feed", "~accelerate"],
  ["~feed", "~cause"],
  ["~good", "~prevent"],
  ["~detox", "~cure"],
  ["~cause", "~spread"],
  ["~alter", "~reduce"],
  ["~cure", "~kill"],
  ["~cure", "~prevent"],
  ["~cause", "~effect"],
  ["~cause", "~worsen"],
  ["~increase", "~worsen"],
  ["~damage", "~reduce"],
  ["~damage", "~danger"],
  ["~damage", "~cause"],
];

/** True when two predicate concepts may paraphrase each other (see RELATED_PAIRS). */
export function relatedPredicates(a: string, b: string): boolean {
  return RELATED_PAIRS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** Predicates that say the reverse of each other ("raises" / "lowers"). Symmetric. */
const ANTONYM_PAIRS: [string, string][] = [
  ["~increase", "~reduce"],
  ["~cause", "~prevent"],
  ["~cure", "~worsen"],
  ["~good", "~danger"],
  ["~damage", "~prevent"],
  ["~damage", "~good"],
];

/** True when predicate `b` states the reverse of predicate `a`. */
export function antonymPredicates(a: string, b: string): boolean {
  return ANTONYM_PAIRS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * Class words a sentence may use for a claim's term once it has been named ("the virus" for
 * COVID-19, "the drug" for statins): the term counts as found when one of these is there.
 */
const BROADER: Record<string, string[]> = {
  "~covid": ["~virus"],
  "~flu": ["~virus"],
  "~statin": ["drug", "medic", "medicin"],
  "~antidepressant": ["drug", "medic", "medicin"],
  "~antibiotic": ["drug", "medic", "medicin"],
  "~ibuprofen": ["drug", "medic", "painkil"],
  "~paracetamol": ["drug", "medic", "painkil"],
  "~aspirin": ["drug", "medic", "painkil"],
  "~ivermectin": ["drug", "medic"],
  "~fish_oil": ["~supplement"],
  "~vitc": ["~supplement", "vitamin"],
  "~vitd": ["~supplement", "vitamin"],
  "~zinc": ["~supplement"],
  "~folate": ["~supplement"],
  "~echinacea": ["~supplement", "herb", "remedi"],
  "~probiotic": ["~supplement"],
};

/** The class words that may stand for a term (see BROADER); empty for most terms. */
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
