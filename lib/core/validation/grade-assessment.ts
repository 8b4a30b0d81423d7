import { z } from "zod";
import { completeJudgements, gradeReasonErrors } from "@/lib/core/evidence/grade-assessment";
import { GRADE_CONCERN_LEVELS } from "@/lib/core/evidence-vocabulary";
import { id, text, version } from "./common";

/** How long a reason may be: a few sentences, as a GRADE evidence profile's footnote. */
export const GRADE_REASON_MAX = 2000;

const reason = text(GRADE_REASON_MAX, 0, "The reason").default("");

const domain = z
  .object({
    level: z.enum(GRADE_CONCERN_LEVELS, {
      message: "Choose not serious, serious or very serious.",
    }),
    reason,
  })
  .default({ level: "not_serious", reason: "" });

const upgrade = z
  .object({ applies: z.boolean({ message: "Say whether it applies." }), reason })
  .default({ applies: false, reason: "" });

/**
 * A claim's GRADE judgements, all eight sent at once (missing ones read as "not serious" /
 * "does not apply"), naming the version of the assessment read: null when there was none yet,
 * so that two people assessing a claim for the first time cannot both write.
 */
export const gradeAssessmentSchema = z
  .object({
    claimId: id(),
    version: version().nullable(),
    // Strict: a judgement GRADE does not have is refused, not silently dropped.
    domains: z
      .strictObject(
        {
          risk_of_bias: domain,
          inconsistency: domain,
          indirectness: domain,
          imprecision: domain,
          publication_bias: domain,
        },
        { error: "Only GRADE's five domains can be rated down." },
      )
      .default(completeJudgements(null).domains),
    upgrades: z
      .strictObject(
        {
          large_effect: upgrade,
          dose_response: upgrade,
          plausible_confounding: upgrade,
        },
        { error: "Only GRADE's three reasons can rate up." },
      )
      .default(completeJudgements(null).upgrades),
  })
  .superRefine((value, ctx) => {
    // The reasons each judgement needs, reported next to its reason field.
    for (const [path, message] of Object.entries(gradeReasonErrors(value))) {
      ctx.addIssue({ code: "custom", path: path.split("."), message });
    }
  });

export type GradeAssessmentInput = z.infer<typeof gradeAssessmentSchema>;
