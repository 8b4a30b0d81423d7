/**
 * GRADE for a claim's body of evidence: where its certainty starts, the eight judgements that
 * move it (five domains for rating down, three reasons for rating up), and the certainty they
 * give, told in words. Pure; shared by the service (audit), the claim panel (live, while the
 * reviewer edits) and the exports (frozen into the model).
 *
 * The rules, as the GRADE handbook (Schünemann et al., 2013, sections 5.1–5.2) states them:
 * - Randomised trials start High, observational studies Low. A body with any randomised item
 *   (an RCT or a systematic review of RCTs) starts High: when both kinds are present GRADE
 *   rates the best evidence, and the trials are it. Guidelines, mechanistic studies, expert
 *   opinion and "other" have no GRADE starting point, so a body of only those gets no computed
 *   certainty (and the panel says so) rather than a made-up one.
 * - Each domain rated "serious" lowers the certainty one step, "very serious" two.
 * - Each reason for rating up raises it one step. GRADE rates up "usually only observational
 *   studies" and only when no domain gives a reason to rate down (guideline 9, Guyatt 2011):
 *   we enforce that, so an upgrade on randomised evidence or beside a serious concern is kept
 *   on record but not counted, and the explanation says why. A very large effect may earn two
 *   steps in GRADE; we count one per reason to keep the record a yes/no per reason (the stored
 *   shape is `{ applies, reason }`), and a reviewer who judges two steps says so in the reason.
 * - The result is clamped to Very low … High.
 */

import {
  GRADE_CONCERN_LABELS,
  GRADE_UPGRADE_REASON_LABELS,
  GRADE_UPGRADE_REASONS,
  type GradeConcernLevel,
  type GradeUpgradeReason,
} from "@/lib/core/evidence-vocabulary";
import {
  GRADE_CERTAINTIES,
  GRADE_CERTAINTY_LABELS,
  GRADE_DOWNGRADE_REASON_LABELS,
  GRADE_DOWNGRADE_REASONS,
  type GradeCertainty,
  type GradeDowngradeReason,
  type StudyDesign,
} from "@/lib/core/vocabulary";

/**
 * One domain's judgement and one reason for rating up, with why: the same shapes as
 * `GradeDomainRating` / `GradeUpgradeRating` in db/schema.ts (the core may not import the
 * schema; the store's rows are assignable to these).
 */
export type GradeDomainRating = { level: GradeConcernLevel; reason: string };
export type GradeUpgradeRating = { applies: boolean; reason: string };
/** The five domains as stored: a missing one reads as "not serious" without a reason. */
export type GradeDomains = Partial<Record<GradeDowngradeReason, GradeDomainRating>>;
/** The three reasons for rating up as stored: a missing one does not apply. */
export type GradeUpgrades = Partial<Record<GradeUpgradeReason, GradeUpgradeRating>>;

export interface GradeJudgements {
  domains: GradeDomains;
  upgrades: GradeUpgrades;
}

/** Where the body of evidence starts, and why; null when GRADE names no start for it. */
export type GradeStart = { certainty: GradeCertainty; basis: "randomised" | "observational" };

const RANDOMISED: ReadonlySet<StudyDesign> = new Set(["rct", "systematic_review_rct"]);
const OBSERVATIONAL: ReadonlySet<StudyDesign> = new Set(["cohort", "case_control", "case_series"]);

/** Steps down per concern level. */
export const CONCERN_STEPS: Record<GradeConcernLevel, number> = {
  not_serious: 0,
  serious: 1,
  very_serious: 2,
};

/** The starting certainty of a body of evidence with these designs. */
export function gradeBodyStart(designs: readonly StudyDesign[]): GradeStart | null {
  if (designs.some((d) => RANDOMISED.has(d))) return { certainty: "high", basis: "randomised" };
  if (designs.some((d) => OBSERVATIONAL.has(d)))
    return { certainty: "low", basis: "observational" };
  return null;
}

/** Every domain and reason, filled in: what the form edits and the store keeps. */
export function completeJudgements(j: Partial<GradeJudgements> | null): {
  domains: Record<GradeDowngradeReason, GradeDomainRating>;
  upgrades: Record<GradeUpgradeReason, GradeUpgradeRating>;
} {
  const domains = Object.fromEntries(
    GRADE_DOWNGRADE_REASONS.map((d) => [
      d,
      {
        level: j?.domains?.[d]?.level ?? "not_serious",
        reason: j?.domains?.[d]?.reason ?? "",
      },
    ]),
  ) as Record<GradeDowngradeReason, GradeDomainRating>;
  const upgrades = Object.fromEntries(
    GRADE_UPGRADE_REASONS.map((u) => [
      u,
      { applies: j?.upgrades?.[u]?.applies ?? false, reason: j?.upgrades?.[u]?.reason ?? "" },
    ]),
  ) as Record<GradeUpgradeReason, GradeUpgradeRating>;
  return { domains, upgrades };
}

/** One step of the computation, for the explanation and the exports. */
export interface GradeStep {
  kind: "down" | "up";
  key: GradeDowngradeReason | GradeUpgradeReason;
  /** −2 … +1; 0 for an upgrade recorded but not counted. */
  change: number;
  /** "risk of bias (serious)", "large effect" */
  label: string;
  reason: string;
}

export interface GradeResult {
  start: GradeStart | null;
  /** The computed certainty; null without a GRADE starting point. */
  certainty: GradeCertainty | null;
  steps: GradeStep[];
  /** Why an upgrade was not counted, or that the result hit the floor. */
  notes: string[];
  /** "Started High (randomised evidence); −1 risk of bias (serious) = Moderate". */
  explanation: string;
}

const rank = (c: GradeCertainty) => GRADE_CERTAINTIES.indexOf(c);
const signed = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);

/** The certainty of a body of evidence with these designs under these judgements. */
export function computeGrade(
  designs: readonly StudyDesign[],
  judgements: Partial<GradeJudgements> | null,
): GradeResult {
  const start = gradeBodyStart(designs);
  const { domains, upgrades } = completeJudgements(judgements);
  const steps: GradeStep[] = [];
  const notes: string[] = [];
  for (const d of GRADE_DOWNGRADE_REASONS) {
    const { level, reason } = domains[d];
    const change = CONCERN_STEPS[level];
    if (change === 0) continue;
    steps.push({
      kind: "down",
      key: d,
      change: -change,
      label: `${GRADE_DOWNGRADE_REASON_LABELS[d].toLowerCase()} (${GRADE_CONCERN_LABELS[level].toLowerCase()})`,
      reason,
    });
  }
  const ratedDown = steps.length > 0;
  for (const u of GRADE_UPGRADE_REASONS) {
    const { applies, reason } = upgrades[u];
    if (!applies) continue;
    const label = GRADE_UPGRADE_REASON_LABELS[u].toLowerCase();
    let counted = start?.basis === "observational" && !ratedDown;
    if (start && !counted) {
      notes.push(
        start.basis === "randomised"
          ? `${GRADE_UPGRADE_REASON_LABELS[u]} not counted: GRADE rates up observational evidence, and this body starts High.`
          : `${GRADE_UPGRADE_REASON_LABELS[u]} not counted: GRADE rates up only evidence with no serious concern in any domain.`,
      );
    }
    if (!start) counted = false;
    steps.push({ kind: "up", key: u, change: counted ? 1 : 0, label, reason });
  }

  if (!start) {
    return {
      start: null,
      certainty: null,
      steps,
      notes,
      explanation:
        designs.length === 0
          ? "No evidence yet: GRADE rates a body of evidence, so add evidence first."
          : "No GRADE starting point: the evidence is only guidelines, mechanistic studies, expert opinion or other designs, which GRADE does not start anywhere.",
    };
  }
  const total = steps.reduce((sum, s) => sum + s.change, 0);
  const raw = rank(start.certainty) - total;
  const clamped = Math.min(Math.max(raw, 0), GRADE_CERTAINTIES.length - 1);
  const certainty = GRADE_CERTAINTIES[clamped] as GradeCertainty;
  if (raw > clamped) notes.push("Very low is the lowest certainty: the rest is not counted.");
  if (raw < clamped) notes.push("High is the highest certainty: the rest is not counted.");
  const moves = steps.filter((s) => s.change !== 0).map((s) => `${signed(s.change)} ${s.label}`);
  const head = `Started ${GRADE_CERTAINTY_LABELS[start.certainty]} (${start.basis} evidence)`;
  return {
    start,
    certainty,
    steps,
    notes,
    explanation: `${[head, ...moves].join("; ")} = ${GRADE_CERTAINTY_LABELS[certainty]}`,
  };
}

/**
 * Reasons a judgement needs and lacks, by field path ("domains.imprecision.reason"): a domain
 * rated serious or very serious, and a reason for rating up that applies, must say why.
 */
export function gradeReasonErrors(judgements: Partial<GradeJudgements>): Record<string, string> {
  const { domains, upgrades } = completeJudgements(judgements);
  const errors: Record<string, string> = {};
  for (const d of GRADE_DOWNGRADE_REASONS) {
    const { level, reason } = domains[d];
    if (level !== "not_serious" && !reason.trim()) {
      errors[`domains.${d}.reason`] =
        `Say why ${GRADE_DOWNGRADE_REASON_LABELS[d].toLowerCase()} is ${GRADE_CONCERN_LABELS[level].toLowerCase()}.`;
    }
  }
  for (const u of GRADE_UPGRADE_REASONS) {
    const { applies, reason } = upgrades[u];
    if (applies && !reason.trim()) {
      errors[`upgrades.${u}.reason`] =
        `Say why you rate up for ${GRADE_UPGRADE_REASON_LABELS[u].toLowerCase()}.`;
    }
  }
  return errors;
}
