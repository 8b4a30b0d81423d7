"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { DraftNote, useDraft } from "@/app/_components/drafts";
import {
  Field,
  fieldA11y,
  formLevelMessage,
  InputField,
  SelectField,
} from "@/app/_components/field";
import {
  ConflictNotice,
  FormMessage,
  type FormMessageValue,
  KEPT_MINE,
} from "@/app/_components/notice";
import type { ErrorBody, FieldErrors } from "@/lib/core/errors";
import { gradeStartHint } from "@/lib/core/evidence/grade";
import { type DesignSuggestion, suggestDesign } from "@/lib/core/references/design";
import type { ReferenceMetadata } from "@/lib/core/references/metadata";
import {
  EVIDENCE_STANCE_LABELS,
  EVIDENCE_STANCES,
  type EvidenceStance,
  GRADE_CERTAINTIES,
  GRADE_CERTAINTY_LABELS,
  GRADE_DOWNGRADE_REASON_LABELS,
  GRADE_DOWNGRADE_REASONS,
  type GradeCertainty,
  type GradeDowngradeReason,
  STUDY_DESIGN_INFO,
  STUDY_DESIGNS,
  type StudyDesign,
} from "@/lib/core/vocabulary";
import type { ActionResult } from "@/lib/server/action";
import type { EvidenceConflict } from "@/lib/services/evidence/service";
import { EvidenceLookup } from "./evidence-lookup";
import {
  EMPTY_EVIDENCE,
  type EvidenceFormValues,
  type EvidenceItem,
  evidenceFormOf,
} from "./evidence-values";

/** The form's fields a look-up fills, with what it fills them from and their labels. */
const LOOKED_UP: [keyof EvidenceFormValues & string, (m: ReferenceMetadata) => string, string][] = [
  ["title", (m) => m.title, "Title"],
  ["authors", (m) => m.authors, "Authors"],
  ["publisher", (m) => m.journal, "Journal or publisher"],
  ["year", (m) => (m.year === null ? "" : String(m.year)), "Year"],
  ["url", (m) => m.url ?? "", "URL"],
  ["doi", (m) => m.doi ?? "", "DOI"],
  ["pmid", (m) => m.pmid ?? "", "PMID"],
];

/** "Title, Authors and Year". */
const listed = (labels: string[]) =>
  labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;

/** The fields the form shows, which display their own errors. */
const SHOWN_FIELDS = [...Object.keys(EMPTY_EVIDENCE)] as const;

/**
 * The evidence form, for adding (no version) and editing (with the version read). Every value
 * stays as typed when the server refuses it; a stale edit shows the other person's version.
 */
export function EvidenceForm({
  label,
  initial,
  initialVersion,
  submitLabel,
  submit,
  onCancel,
  onSaved,
  draftOf,
}: {
  /** The form's accessible name: "Add evidence", "Edit evidence". */
  label: string;
  initial: EvidenceFormValues;
  initialVersion?: number;
  submitLabel: string;
  submit: (
    values: EvidenceFormValues,
    version: number | undefined,
  ) => Promise<ActionResult<unknown, EvidenceConflict>>;
  onCancel: () => void;
  onSaved: () => void;
  /** Where its unsaved values are kept as a draft (./drafts.tsx): the claim and which form. */
  draftOf?: { claimId: string; field: string };
}) {
  const p = useId();
  const [form, setForm] = useState<EvidenceFormValues>(initial);
  const [version, setVersion] = useState(initialVersion);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [conflict, setConflict] = useState<EvidenceItem | null>(null);
  const [pending, setPending] = useState(false);
  // What a look-up found for fields that already had text: kept as typed until asked.
  const [replaceable, setReplaceable] = useState<{
    values: Partial<EvidenceFormValues>;
    labels: string[];
  } | null>(null);
  const [suggestion, setSuggestion] = useState<DesignSuggestion | null>(null);
  // The form as it is now, for a look-up that answers after the reviewer typed on.
  const formRef = useRef(form);
  formRef.current = form;
  const draft = useDraft({
    claimId: draftOf?.claimId ?? "",
    field: draftOf?.field ?? "",
    saved: initial,
    value: form,
    restore: (v) => setForm({ ...initial, ...v }),
    enabled: draftOf !== undefined,
  });

  const set = <K extends keyof EvidenceFormValues>(key: K, value: EvidenceFormValues[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggleReason = (reason: GradeDowngradeReason, on: boolean) =>
    setForm((f) => ({
      ...f,
      gradeDowngradeReasons: on
        ? [...f.gradeDowngradeReasons, reason]
        : f.gradeDowngradeReasons.filter((r) => r !== reason),
    }));

  /**
   * A look-up's answer: empty fields are filled; fields with text keep it (the least surprising:
   * nothing the reviewer typed disappears), and a note offers to replace them. The suggested
   * design is pre-selected only when none was chosen.
   */
  function applyLookup(m: ReferenceMetadata) {
    const current = formRef.current;
    const fill: Partial<EvidenceFormValues> = {};
    const replace: Partial<EvidenceFormValues> = {};
    const labels: string[] = [];
    for (const [key, of, label] of LOOKED_UP) {
      const value = of(m);
      if (value === "") continue;
      const now = String(current[key]).trim();
      if (now === "") Object.assign(fill, { [key]: value });
      else if (now.toLowerCase() !== value.toLowerCase()) {
        Object.assign(replace, { [key]: value });
        labels.push(label);
      }
    }
    const hint = m.suggestedDesign ? suggestDesign(m.publicationTypes) : null;
    setSuggestion(hint);
    if (hint && current.studyDesign === "") fill.studyDesign = hint.design;
    setForm((f) => ({ ...f, ...fill }));
    setReplaceable(labels.length > 0 ? { values: replace, labels } : null);
  }

  function showError(error: ErrorBody<EvidenceConflict>) {
    setErrors(error.fieldErrors ?? {});
    const text = formLevelMessage(error, SHOWN_FIELDS);
    setMessage(text ? { kind: "error", text } : null);
    const current = error.code === "conflict" ? error.details?.current : undefined;
    setConflict(current ?? null);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await submit(form, version);
    setPending(false);
    if (!result.ok) return showError(result.error);
    draft.clear();
    onSaved();
  }

  const id = (name: string) => `${p}-${name}`;
  const design = form.studyDesign === "" ? null : form.studyDesign;
  const startHint = design ? gradeStartHint(design) : null;
  const reasonsError = errors.gradeDowngradeReasons;

  return (
    // The look-up sits above the form, not in it: its field is not one of the evidence's, and
    // Enter in it looks up rather than submitting.
    <div>
      <EvidenceLookup onFound={applyLookup} onExcerpt={(text) => set("excerpt", text)} />
      <form onSubmit={onSubmit} noValidate className="card" aria-label={label}>
        <FormMessage message={message} />
        <DraftNote draft={draft} />
        {conflict ? (
          <ConflictNotice
            testId="evidence-conflict"
            facts={[
              ["Title", conflict.title],
              ["Stance", EVIDENCE_STANCE_LABELS[conflict.stance]],
              ["Study design", STUDY_DESIGN_INFO[conflict.studyDesign].label],
              [
                "GRADE",
                conflict.gradeCertainty
                  ? GRADE_CERTAINTY_LABELS[conflict.gradeCertainty]
                  : "not rated",
              ],
            ]}
            onKeepMine={() => {
              setVersion(conflict.version);
              setConflict(null);
              setMessage(KEPT_MINE);
            }}
            onUseTheirs={() => {
              setForm(evidenceFormOf(conflict));
              setVersion(conflict.version);
              setConflict(null);
              setMessage(null);
              setErrors({});
            }}
          />
        ) : null}
        <fieldset disabled={pending} style={{ border: 0, padding: 0, margin: 0 }}>
          {replaceable ? (
            <div className="alert" role="status" data-testid="lookup-kept">
              <p style={{ margin: 0 }}>
                Kept what you typed in {listed(replaceable.labels)}; the look-up found other values.
              </p>
              <div className="button-row small" style={{ marginTop: "0.4rem" }}>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setForm((f) => ({ ...f, ...replaceable.values }));
                    setReplaceable(null);
                  }}
                >
                  Use the looked-up values
                </button>
                <button type="button" className="button" onClick={() => setReplaceable(null)}>
                  Keep mine
                </button>
              </div>
            </div>
          ) : null}
          <InputField
            id={id("title")}
            label="Title"
            errors={errors.title}
            type="text"
            required
            value={form.title}
            onChange={(e) => set("title", e.target.value)}
          />
          <div className="field-row">
            <InputField
              id={id("authors")}
              label="Authors"
              errors={errors.authors}
              type="text"
              value={form.authors}
              onChange={(e) => set("authors", e.target.value)}
            />
            <InputField
              id={id("publisher")}
              label="Journal or publisher"
              errors={errors.publisher}
              type="text"
              value={form.publisher}
              onChange={(e) => set("publisher", e.target.value)}
            />
            <Field id={id("year")} label="Year" errors={errors.year}>
              {/* Text, not type="number": a number input empties its value on a typo. */}
              <input
                type="text"
                inputMode="numeric"
                value={form.year}
                onChange={(e) => set("year", e.target.value)}
                {...fieldA11y(id("year"), errors.year)}
              />
            </Field>
          </div>
          <InputField
            id={id("url")}
            label="URL"
            errors={errors.url}
            type="url"
            placeholder="https://…"
            value={form.url}
            onChange={(e) => set("url", e.target.value)}
          />
          <div className="field-row">
            <InputField
              id={id("doi")}
              label="DOI"
              errors={errors.doi}
              type="text"
              placeholder="10.1000/xyz"
              value={form.doi}
              onChange={(e) => set("doi", e.target.value)}
            />
            <InputField
              id={id("pmid")}
              label="PMID"
              errors={errors.pmid}
              type="text"
              inputMode="numeric"
              value={form.pmid}
              onChange={(e) => set("pmid", e.target.value)}
            />
          </div>
          <div className="field-row">
            <SelectField
              id={id("stance")}
              label="Stance"
              errors={errors.stance}
              value={form.stance}
              onChange={(e) => set("stance", e.target.value as EvidenceStance | "")}
              empty="Choose…"
              options={EVIDENCE_STANCES.map((s) => [s, EVIDENCE_STANCE_LABELS[s]] as const)}
            />
            <SelectField
              id={id("design")}
              label="Study design"
              hint={
                <span aria-live="polite" data-testid="cebm-level">
                  {design
                    ? `Oxford CEBM level ${STUDY_DESIGN_INFO[design].cebmLevel} (1 is best)`
                    : "Choose a design to see its Oxford CEBM level."}
                </span>
              }
              errors={errors.studyDesign}
              value={form.studyDesign}
              onChange={(e) => set("studyDesign", e.target.value as StudyDesign | "")}
              empty="Choose…"
              options={STUDY_DESIGNS.map((d) => [d, STUDY_DESIGN_INFO[d].label] as const)}
            />
          </div>
          {suggestion ? (
            <p
              className="small"
              data-testid="design-suggestion"
              aria-live="polite"
              style={{ marginTop: "-0.4rem" }}
            >
              {form.studyDesign === suggestion.design ? (
                <>
                  Suggested from PubMed: <strong>{suggestion.because}</strong> — confirm, or choose
                  another design.
                </>
              ) : (
                <>
                  PubMed’s publication types suggest <strong>{suggestion.because}</strong> (
                  {STUDY_DESIGN_INFO[suggestion.design].label}).{" "}
                  <button
                    type="button"
                    className="button small"
                    onClick={() => set("studyDesign", suggestion.design)}
                  >
                    Use it
                  </button>
                </>
              )}
            </p>
          ) : null}
          <SelectField
            id={id("grade")}
            label="GRADE certainty"
            hint={startHint ?? "Optional: how sure the evidence lets us be."}
            errors={errors.gradeCertainty}
            value={form.gradeCertainty}
            onChange={(e) => set("gradeCertainty", e.target.value as GradeCertainty | "")}
            empty="Not rated"
            options={GRADE_CERTAINTIES.map((c) => [c, GRADE_CERTAINTY_LABELS[c]] as const)}
          />
          <fieldset
            className="field"
            aria-describedby={reasonsError?.length ? id("reasons-error") : undefined}
            aria-invalid={reasonsError?.length ? true : undefined}
            style={{ border: 0, padding: 0, margin: "0 0 0.9rem" }}
          >
            <legend className="label" style={{ padding: 0, marginBottom: "0.3rem" }}>
              Reasons for rating down
            </legend>
            <div className="button-row small">
              {GRADE_DOWNGRADE_REASONS.map((r) => (
                <label key={r} style={{ display: "inline-flex", gap: "0.3rem", fontWeight: 400 }}>
                  <input
                    type="checkbox"
                    name={id("reasons")}
                    value={r}
                    checked={form.gradeDowngradeReasons.includes(r)}
                    onChange={(e) => toggleReason(r, e.target.checked)}
                  />
                  {GRADE_DOWNGRADE_REASON_LABELS[r]}
                </label>
              ))}
            </div>
            {reasonsError?.map((e) => (
              <p key={e} className="field-error" id={id("reasons-error")} role="alert">
                {e}
              </p>
            ))}
          </fieldset>
          <Field
            id={id("excerpt")}
            label="Excerpt"
            hint="Quote the passage that bears on the claim."
            errors={errors.excerpt}
          >
            <textarea
              rows={3}
              value={form.excerpt}
              onChange={(e) => set("excerpt", e.target.value)}
              {...fieldA11y(id("excerpt"), errors.excerpt, true)}
            />
          </Field>
          <div className="button-row">
            <button className="button primary" type="submit">
              {pending ? "Saving…" : submitLabel}
            </button>
            <button
              className="button"
              type="button"
              onClick={() => {
                draft.clear();
                onCancel();
              }}
            >
              Cancel
            </button>
          </div>
        </fieldset>
      </form>
    </div>
  );
}
