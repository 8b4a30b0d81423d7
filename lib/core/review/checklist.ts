/**
 * The HealthNewsReview.org checklist of an article: ten criteria, each rated satisfactory, not
 * satisfactory or not applicable, with a note. Criteria not rated yet are simply absent. Pure.
 */
import {
  CHECKLIST_CRITERIA,
  CHECKLIST_CRITERION_LABELS,
  CHECKLIST_RATING_LABELS,
  type ChecklistCriterion,
  type ChecklistRating,
} from "@/lib/core/evidence-vocabulary";

export interface ChecklistItemValue {
  rating: ChecklistRating;
  note: string;
}
export type ChecklistItems = Partial<Record<ChecklistCriterion, ChecklistItemValue>>;

/** The checklist's rows in the criteria's order, rated ones only, with their labels. */
export function checklistRows(items: ChecklistItems) {
  return CHECKLIST_CRITERIA.flatMap((criterion) => {
    const item = items[criterion];
    return item
      ? [
          {
            criterion,
            label: CHECKLIST_CRITERION_LABELS[criterion],
            rating: item.rating,
            ratingLabel: CHECKLIST_RATING_LABELS[item.rating],
            note: item.note,
          },
        ]
      : [];
  });
}

export interface ChecklistCounts {
  satisfactory: number;
  notSatisfactory: number;
  notApplicable: number;
  unrated: number;
}

export function checklistCounts(items: ChecklistItems): ChecklistCounts {
  const counts = { satisfactory: 0, notSatisfactory: 0, notApplicable: 0, unrated: 0 };
  for (const criterion of CHECKLIST_CRITERIA) {
    const rating = items[criterion]?.rating;
    if (rating === "satisfactory") counts.satisfactory++;
    else if (rating === "not_satisfactory") counts.notSatisfactory++;
    else if (rating === "not_applicable") counts.notApplicable++;
    else counts.unrated++;
  }
  return counts;
}

/**
 * "7 of 10 satisfactory, 1 not applicable" (and ", 2 not rated" while some are missing). The
 * "of 10" counts every criterion, so an unfinished checklist does not read as a good score.
 */
export function checklistSummary(items: ChecklistItems): string {
  const c = checklistCounts(items);
  const parts = [`${c.satisfactory} of ${CHECKLIST_CRITERIA.length} satisfactory`];
  if (c.notApplicable > 0) parts.push(`${c.notApplicable} not applicable`);
  if (c.unrated > 0) parts.push(`${c.unrated} not rated`);
  return parts.join(", ");
}

/** The criteria whose rating or note differ between two checklists: the audit's before/after. */
export function checklistChanges(before: ChecklistItems, after: ChecklistItems) {
  const b: ChecklistItems = {};
  const a: ChecklistItems = {};
  for (const criterion of CHECKLIST_CRITERIA) {
    const x = before[criterion];
    const y = after[criterion];
    if (x?.rating !== y?.rating || (x?.note ?? "") !== (y?.note ?? "")) {
      if (x) b[criterion] = x;
      if (y) a[criterion] = y;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length + Object.keys(b).length > 0 };
}
