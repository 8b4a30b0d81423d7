"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, fieldA11y, formLevelMessage } from "@/app/_components/field";
import { addEvidenceAction } from "@/lib/actions/claims";
import type { ReviewClaim } from "@/lib/articles/read";
import {
  EVIDENCE_STANCE_LABELS,
  EVIDENCE_STANCES,
  type EvidenceStance,
  STUDY_DESIGN_INFO,
  STUDY_DESIGNS,
  type StudyDesign,
} from "@/lib/domain/vocabulary";
import type { FieldErrors } from "@/lib/errors";

type EvidenceItem = ReviewClaim["evidence"][number];

function Citation({ item }: { item: EvidenceItem }) {
  const link = item.url ?? (item.doi ? `https://doi.org/${item.doi}` : null);
  return (
    <li className="evidence-item" data-testid="evidence-item">
      <div>
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer nofollow">
            {item.title}
          </a>
        ) : (
          <strong>{item.title}</strong>
        )}
      </div>
      <div className="muted small">
        {[item.authors, item.publisher, item.year].filter(Boolean).join(" · ")}
        {item.pmid ? ` · PMID ${item.pmid}` : ""}
      </div>
      <div className="button-row small" style={{ marginTop: "0.25rem" }}>
        <span className="badge">{EVIDENCE_STANCE_LABELS[item.stance]}</span>
        <span>{STUDY_DESIGN_INFO[item.studyDesign].label}</span>
        <span className="muted">CEBM level {STUDY_DESIGN_INFO[item.studyDesign].cebmLevel}</span>
      </div>
      {item.excerpt ? <blockquote className="panel-quote small">{item.excerpt}</blockquote> : null}
    </li>
  );
}

export function EvidenceSection({
  claimId,
  evidence,
  canEdit,
}: {
  claimId: string;
  evidence: EvidenceItem[];
  canEdit: boolean;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="evidence-title" style={{ marginTop: "1.25rem" }}>
      <h3 id="evidence-title" className="section-title">
        Evidence ({evidence.length})
      </h3>
      {evidence.length === 0 ? <p className="empty">No evidence yet.</p> : null}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {evidence.map((e) => (
          <Citation key={e.id} item={e} />
        ))}
      </ul>
      {canEdit && !adding ? (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add evidence
        </button>
      ) : null}
      {canEdit && adding ? (
        <EvidenceForm claimId={claimId} onDone={() => setAdding(false)} />
      ) : null}
    </section>
  );
}

/** The fields the form shows, which display their own errors. */
const EVIDENCE_FIELDS = [
  "title",
  "authors",
  "publisher",
  "year",
  "url",
  "doi",
  "pmid",
  "excerpt",
  "stance",
  "studyDesign",
] as const;

function EvidenceForm({ claimId, onDone }: { claimId: string; onDone: () => void }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [design, setDesign] = useState<StudyDesign>("systematic_review_rct");
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    const yearText = get("ev-year").trim();
    setPending(true);
    const result = await addEvidenceAction({
      claimId,
      title: get("ev-title"),
      authors: get("ev-authors"),
      publisher: get("ev-publisher"),
      year: yearText === "" ? null : Number(yearText),
      url: get("ev-url"),
      doi: get("ev-doi"),
      pmid: get("ev-pmid"),
      excerpt: get("ev-excerpt"),
      stance: get("ev-stance") as EvidenceStance,
      studyDesign: design,
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage(formLevelMessage(result.error, EVIDENCE_FIELDS));
      return;
    }
    onDone();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label="Add evidence">
      {message ? (
        <div className="alert error" role="alert">
          {message}
        </div>
      ) : null}
      <Field id="ev-title" label="Title" errors={errors.title}>
        <input type="text" required {...fieldA11y("ev-title", errors.title)} />
      </Field>
      <div className="field-row">
        <Field id="ev-authors" label="Authors" errors={errors.authors}>
          <input type="text" {...fieldA11y("ev-authors", errors.authors)} />
        </Field>
        <Field id="ev-publisher" label="Journal or publisher" errors={errors.publisher}>
          <input type="text" {...fieldA11y("ev-publisher", errors.publisher)} />
        </Field>
        <Field id="ev-year" label="Year" errors={errors.year}>
          <input type="number" inputMode="numeric" {...fieldA11y("ev-year", errors.year)} />
        </Field>
      </div>
      <Field id="ev-url" label="URL" errors={errors.url}>
        <input type="url" placeholder="https://…" {...fieldA11y("ev-url", errors.url)} />
      </Field>
      <div className="field-row">
        <Field id="ev-doi" label="DOI" errors={errors.doi}>
          <input type="text" placeholder="10.1000/xyz" {...fieldA11y("ev-doi", errors.doi)} />
        </Field>
        <Field id="ev-pmid" label="PMID" errors={errors.pmid}>
          <input type="text" inputMode="numeric" {...fieldA11y("ev-pmid", errors.pmid)} />
        </Field>
      </div>
      <div className="field-row">
        <Field id="ev-stance" label="Stance" errors={errors.stance}>
          <select defaultValue="contradicts" {...fieldA11y("ev-stance", errors.stance)}>
            {EVIDENCE_STANCES.map((s) => (
              <option key={s} value={s}>
                {EVIDENCE_STANCE_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="ev-design"
          label="Study design"
          hint={`Oxford CEBM level ${STUDY_DESIGN_INFO[design].cebmLevel}`}
          errors={errors.studyDesign}
        >
          <select
            value={design}
            onChange={(e) => setDesign(e.target.value as StudyDesign)}
            {...fieldA11y("ev-design", errors.studyDesign, true)}
          >
            {STUDY_DESIGNS.map((d) => (
              <option key={d} value={d}>
                {STUDY_DESIGN_INFO[d].label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id="ev-excerpt"
        label="Excerpt"
        hint="Quote the passage that bears on the claim."
        errors={errors.excerpt}
      >
        <textarea rows={3} {...fieldA11y("ev-excerpt", errors.excerpt, true)} />
      </Field>
      <div className="button-row">
        <button className="button primary" type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add evidence"}
        </button>
        <button className="button" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
