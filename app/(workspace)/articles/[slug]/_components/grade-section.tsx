"use client";

/**
 * "GRADE: certainty of the body of evidence" in the claim panel: the Summary of findings (every
 * evidence item: citation, design, CEBM level, stance, its own certainty), the certainty the
 * eight judgements give with its explanation, and the form for those judgements.
 *
 * Loaded on demand (React.lazy in claim-panel.tsx): the review page's First Load JS budget is
 * spent, and most visits never open a claim. Its data comes with the claim the page already
 * read (`grade` in lib/services/articles/read.ts), so opening it fetches nothing but this code.
 */
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DraftNote, useDraft } from "@/app/_components/drafts";
import { Field, fieldA11y, formLevelMessage, SelectField } from "@/app/_components/field";
import {
  ConflictNotice,
  FormMessage,
  type FormMessageValue,
  KEPT_MINE,
} from "@/app/_components/notice";
import type { FieldErrors } from "@/lib/core/errors";
import {
  completeJudgements,
  computeGrade,
  type GradeJudgements,
} from "@/lib/core/evidence/grade-assessment";
import {
  GRADE_CONCERN_LABELS,
  GRADE_CONCERN_LEVELS,
  GRADE_UPGRADE_REASON_LABELS,
  GRADE_UPGRADE_REASONS,
  type GradeConcernLevel,
} from "@/lib/core/evidence-vocabulary";
import { evidenceLine } from "@/lib/core/export/citation";
import {
  GRADE_CERTAINTY_LABELS,
  GRADE_DOWNGRADE_REASON_LABELS,
  GRADE_DOWNGRADE_REASONS,
} from "@/lib/core/vocabulary";
import { saveGradeAssessmentAction } from "@/lib/entry/actions/grade-assessments";
import type { ReviewClaim } from "@/lib/services/articles/read";

type Judgements = ReturnType<typeof completeJudgements>;
type Saved = { version: number | null; judgements: Judgements };

/** Every field the form shows an error next to. */
const SHOWN_FIELDS = [
  ...GRADE_DOWNGRADE_REASONS.flatMap((d) => [`domains.${d}.level`, `domains.${d}.reason`]),
  ...GRADE_UPGRADE_REASONS.map((u) => `upgrades.${u}.reason`),
];

const savedOf = (grade: ReviewClaim["grade"]): Saved => ({
  version: grade?.version ?? null,
  judgements: completeJudgements(grade),
});

/** The judgements that move the certainty, in words, for the conflict notice and viewers. */
function judgementFacts(j: GradeJudgements): [string, string][] {
  const { domains, upgrades } = completeJudgements(j);
  return [
    ...GRADE_DOWNGRADE_REASONS.map((d): [string, string] => [
      GRADE_DOWNGRADE_REASON_LABELS[d],
      `${GRADE_CONCERN_LABELS[domains[d].level]}${domains[d].reason ? ` — ${domains[d].reason}` : ""}`,
    ]),
    ...GRADE_UPGRADE_REASONS.filter((u) => upgrades[u].applies).map((u): [string, string] => [
      GRADE_UPGRADE_REASON_LABELS[u],
      `rates up — ${upgrades[u].reason}`,
    ]),
  ];
}

export default function GradeSection({
  claim,
  canEdit,
}: {
  claim: Pick<ReviewClaim, "id" | "evidence" | "grade">;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [saved, setSaved] = useState<Saved>(() => savedOf(claim.grade));
  const [form, setForm] = useState<Judgements>(saved.judgements);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [conflict, setConflict] = useState<Saved | null>(null);
  const [pending, setPending] = useState(false);
  // Unsaved judgements survive switching claims and reloads, like the claim's other forms.
  const draft = useDraft({
    claimId: claim.id,
    field: "grade",
    saved: saved.judgements,
    value: form,
    restore: (v) => setForm(completeJudgements(v)),
    enabled: canEdit,
  });

  const designs = claim.evidence.map((e) => e.studyDesign);
  const unsaved = JSON.stringify(form) !== JSON.stringify(saved.judgements);
  const result = computeGrade(designs, canEdit ? form : saved.judgements);

  const setDomain = (
    d: keyof Judgements["domains"],
    patch: Partial<Judgements["domains"]["risk_of_bias"]>,
  ) => setForm((f) => ({ ...f, domains: { ...f.domains, [d]: { ...f.domains[d], ...patch } } }));
  const setUpgrade = (
    u: keyof Judgements["upgrades"],
    patch: Partial<Judgements["upgrades"]["large_effect"]>,
  ) => setForm((f) => ({ ...f, upgrades: { ...f.upgrades, [u]: { ...f.upgrades[u], ...patch } } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const res = await saveGradeAssessmentAction({
      claimId: claim.id,
      version: saved.version,
      ...form,
    });
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fieldErrors ?? {});
      // Not said twice: an error next to its field needs no copy above the form.
      const text = formLevelMessage(res.error, SHOWN_FIELDS);
      setMessage(text ? { kind: "error", text } : null);
      if (res.error.code === "conflict" && res.error.details) {
        setConflict(savedOf(res.error.details.current));
      }
      return;
    }
    const next = savedOf(res.data.assessment);
    setSaved(next);
    setForm(next.judgements);
    draft.clear();
    setErrors({});
    setConflict(null);
    setMessage({ kind: "success", text: "GRADE assessment saved." });
    router.refresh();
  }

  return (
    <section
      aria-labelledby="grade-title"
      style={{ marginTop: "1.25rem" }}
      data-testid="grade-section"
    >
      <h3 id="grade-title" className="section-title">
        GRADE: certainty of the body of evidence
      </h3>
      {claim.evidence.length === 0 ? (
        <p className="empty">
          No evidence yet: the summary of findings lists the claim’s evidence.
        </p>
      ) : (
        <table className="table" data-testid="summary-of-findings">
          <caption style={{ textAlign: "left" }}>Summary of findings</caption>
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              <th scope="col">Design</th>
              <th scope="col">CEBM level</th>
              <th scope="col">Stance</th>
              <th scope="col">Certainty</th>
            </tr>
          </thead>
          <tbody>
            {claim.evidence.map((e) => {
              const line = evidenceLine(e);
              return (
                <tr key={e.id}>
                  <td>
                    {e.title}
                    {line.source ? <span className="muted small"> — {line.source}</span> : null}
                  </td>
                  <td>{line.design}</td>
                  <td>{line.level.replace("CEBM level ", "")}</td>
                  <td>{line.stance}</td>
                  <td>{line.grade ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="stack" data-testid="grade-result" aria-live="polite">
        <p style={{ margin: "0.5rem 0 0" }}>
          <strong data-testid="grade-certainty">
            Certainty of the body of evidence:{" "}
            {result.certainty ? GRADE_CERTAINTY_LABELS[result.certainty] : "not computed"}
          </strong>
          {canEdit && unsaved ? (
            <span className="muted small"> (with your unsaved changes)</span>
          ) : null}
          {!claim.grade && !unsaved ? (
            <span className="muted small"> (not assessed yet)</span>
          ) : null}
        </p>
        <p className="small" data-testid="grade-explanation" style={{ margin: 0 }}>
          {result.explanation}
        </p>
        {result.notes.length > 0 ? (
          <ul className="small muted">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>

      {!canEdit ? (
        claim.grade ? (
          <ul className="small" aria-label="GRADE judgements">
            {judgementFacts(saved.judgements).map(([label, value]) => (
              <li key={label}>
                {label}: {value}
              </li>
            ))}
          </ul>
        ) : null
      ) : (
        <details open={Boolean(claim.grade) || draft.restored !== null}>
          <summary>GRADE judgements</summary>
          <FormMessage message={message} />
          <DraftNote draft={draft} />
          {conflict ? (
            <ConflictNotice
              testId="grade-conflict"
              facts={[
                [
                  "Certainty",
                  (() => {
                    const c = computeGrade(designs, conflict.judgements).certainty;
                    return c ? GRADE_CERTAINTY_LABELS[c] : "not computed";
                  })(),
                ],
                ...judgementFacts(conflict.judgements),
              ]}
              onKeepMine={() => {
                setSaved((s) => ({ ...s, version: conflict.version }));
                setConflict(null);
                setMessage(KEPT_MINE);
              }}
              onUseTheirs={() => {
                setSaved(conflict);
                setForm(conflict.judgements);
                setConflict(null);
                setMessage(null);
              }}
            />
          ) : null}
          <form onSubmit={save} noValidate>
            <fieldset disabled={pending} style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="small muted">
                Rating down: each serious concern lowers the certainty one step, a very serious one
                two.
              </legend>
              {GRADE_DOWNGRADE_REASONS.map((d) => {
                const label = GRADE_DOWNGRADE_REASON_LABELS[d];
                const levelId = `grade-${d}-level`;
                const reasonId = `grade-${d}-reason`;
                const reasonErrors = errors[`domains.${d}.reason`];
                return (
                  <div key={d} className="field-row">
                    <SelectField
                      id={levelId}
                      label={label}
                      errors={errors[`domains.${d}.level`]}
                      value={form.domains[d].level}
                      onChange={(e) => setDomain(d, { level: e.target.value as GradeConcernLevel })}
                      options={GRADE_CONCERN_LEVELS.map(
                        (l) => [l, GRADE_CONCERN_LABELS[l]] as const,
                      )}
                    />
                    <Field
                      id={reasonId}
                      label={`Why (${label.toLowerCase()})`}
                      errors={reasonErrors}
                    >
                      <textarea
                        rows={2}
                        value={form.domains[d].reason}
                        onChange={(e) => setDomain(d, { reason: e.target.value })}
                        {...fieldA11y(reasonId, reasonErrors)}
                      />
                    </Field>
                  </div>
                );
              })}
            </fieldset>
            <fieldset disabled={pending} style={{ border: 0, padding: 0, margin: "0.75rem 0 0" }}>
              <legend className="small muted">
                Rating up: for observational evidence with no serious concern, one step per reason.
              </legend>
              {GRADE_UPGRADE_REASONS.map((u) => {
                const label = GRADE_UPGRADE_REASON_LABELS[u];
                const checkId = `grade-${u}-applies`;
                const reasonId = `grade-${u}-reason`;
                const reasonErrors = errors[`upgrades.${u}.reason`];
                return (
                  <div key={u} className="field-row">
                    <div className="field">
                      <label htmlFor={checkId}>
                        <input
                          type="checkbox"
                          id={checkId}
                          checked={form.upgrades[u].applies}
                          onChange={(e) => setUpgrade(u, { applies: e.target.checked })}
                        />{" "}
                        {label}
                      </label>
                    </div>
                    <Field
                      id={reasonId}
                      label={`Why (${label.toLowerCase()})`}
                      errors={reasonErrors}
                    >
                      <textarea
                        rows={2}
                        value={form.upgrades[u].reason}
                        onChange={(e) => setUpgrade(u, { reason: e.target.value })}
                        {...fieldA11y(reasonId, reasonErrors)}
                      />
                    </Field>
                  </div>
                );
              })}
            </fieldset>
            <button className="button primary" type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save GRADE assessment"}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}
