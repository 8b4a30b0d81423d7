"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, lazy, Suspense, useContext, useState } from "react";
import { AfterHydration } from "@/app/_components/after-hydration";
import { DraftNote, useDraft } from "@/app/_components/drafts";
import { Field, fieldA11y, SelectField } from "@/app/_components/field";
import {
  ConflictNotice,
  FormMessage,
  type FormMessageValue,
  KEPT_MINE,
} from "@/app/_components/notice";
import type { ErrorBody, FieldErrors } from "@/lib/core/errors";
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  type ClaimStatus,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
  VERDICT_INFO,
  VERDICTS,
  type Verdict,
} from "@/lib/core/vocabulary";
import { updateClaimAction } from "@/lib/entry/actions/claims";
import { addClaimToLibraryAction } from "@/lib/entry/actions/library";
import type { ReviewClaim } from "@/lib/services/articles/read";
import type { updateClaim } from "@/lib/services/claims/service";
import { AnchorStateNote } from "./anchor-state";
import { AssigneeField } from "./assignee-field";
import type { DeletedClaim } from "./delete-claim";
import { EvidenceSection } from "./evidence-section";
import { PresenceNote } from "./live-presence";
import { RationaleView } from "./rationale-view";
import { ReviewContext } from "./review-context";

// On demand, not in the review page's first load (its budget is spent): React.lazy rather than
// next/dynamic, whose wrapper would itself be new first-load code on this page.
const GradeSection = lazy(() => import("./grade-section"));
// Loaded when shown, not with the review page (its first-load budget is spent).
const CommentsSection = lazy(() =>
  import("./comments-section").then((m) => ({ default: m.CommentsSection })),
);
const ClaimHistory = lazy(() =>
  import("./claim-history").then((m) => ({ default: m.ClaimHistory })),
);
const EditorNote = lazy(() => import("./editor-note").then((m) => ({ default: m.EditorNote })));
const DeleteClaim = lazy(() => import("./delete-claim").then((m) => ({ default: m.DeleteClaim })));

interface ClaimForm {
  status: ClaimStatus;
  verdict: Verdict | null;
  severity: Severity;
  rationale: string;
  suggestedCorrection: string;
}

/** Their version: found by a stale save, or (`by`) arriving live under unsaved input. */
type Conflict = { current: ClaimForm & { version: number }; by?: string };
/** What a failed save's error carries: the claim as it is now, for a stale save. */
type UpdateClaimDetails = NonNullable<typeof updateClaim.errorDetails>;

const formOf = (c: ClaimForm): ClaimForm => ({
  status: c.status,
  verdict: c.verdict,
  severity: c.severity,
  rationale: c.rationale,
  suggestedCorrection: c.suggestedCorrection,
});

/**
 * The review fields of one claim. A new version from elsewhere (a live update) is taken into
 * the form when nothing is typed; over unsaved input it is offered instead ("Changed by …",
 * keep mine or use theirs), as a stale save's conflict is.
 */
export function ClaimPanel({
  claim,
  canEdit,
  canOverride,
  canAssign = false,
  canComment = false,
  assignableUsers = [],
  notice = null,
  onSaved,
  onDeleted,
  onClose,
}: {
  claim: ReviewClaim;
  canEdit: boolean;
  canOverride: boolean;
  canAssign?: boolean;
  /** May add comments (editing one is decided per comment, on the server). */
  canComment?: boolean;
  assignableUsers?: { id: string; name: string }[];
  /** A message to show on mount: what the save that produced this version did. */
  notice?: string | null;
  /** Called after a save with the claim's new version and a message for the remounted panel. */
  onSaved?: (version: number, notice: string) => void;
  /** Called after the claim was deleted, for the page to show it gone and offer "Undo". */
  onDeleted?: (deleted: DeletedClaim) => void;
  onClose: () => void;
}) {
  const router = useRouter();
  const [form, setForm] = useState<ClaimForm>(() => formOf(claim));
  const [version, setVersion] = useState(claim.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageValue | null>(
    notice ? { kind: "success", text: notice } : null,
  );
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState(false);
  // The saved claim the form was last in step with; a newer one arrives with the page's data.
  const [base, setBase] = useState(claim);
  const changer = useContext(ReviewContext).changedBy[claim.id];
  if (claim.version !== base.version) {
    const typed = JSON.stringify(form) !== JSON.stringify(formOf(base));
    setBase(claim);
    if (claim.version > version && !typed) {
      setForm(formOf(claim));
      setVersion(claim.version);
    } else if (claim.version > version) {
      setConflict({
        current: { ...formOf(claim), version: claim.version },
        by: changer ?? "someone",
      });
    }
  }
  // Unsaved review fields survive switching claims, links and reloads (per user and claim).
  const draft = useDraft({
    claimId: claim.id,
    field: "review",
    saved: formOf(claim),
    value: form,
    restore: (v) => setForm({ ...formOf(claim), ...v }),
    enabled: canEdit,
  });

  const set = <K extends keyof ClaimForm>(key: K, value: ClaimForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  function showError(error: ErrorBody<UpdateClaimDetails>) {
    setErrors(error.fieldErrors ?? {});
    setMessage({ kind: "error", text: error.message });
    if (error.code === "conflict" && error.details?.current) {
      setConflict({ current: error.details.current });
    }
  }

  // `status`: a claim accepted from the library is in review until someone confirms it in this
  // article ("Confirm in this article" saves it resolved).
  async function save(event?: FormEvent, status?: ClaimStatus) {
    event?.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await updateClaimAction({
      claimId: claim.id,
      version,
      ...form,
      ...(status ? { status } : {}),
    });
    setPending(false);
    if (!result.ok) return showError(result.error);
    draft.clear();
    setErrors({});
    setConflict(null);
    setVersion(result.data.version);
    const text = status ? "Confirmed in this article." : "Saved.";
    setMessage({ kind: "success", text });
    onSaved?.(result.data.version, text);
    router.refresh();
  }
  // A resolved claim not yet in the library: one click makes it a known claim.
  async function addToLibrary() {
    setPending(true);
    setMessage(null);
    const result = await addClaimToLibraryAction({ claimId: claim.id });
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.error.message });
    router.refresh();
  }
  const mayConfirm =
    canEdit && claim.library !== null && claim.status === "in_review" && claim.verdict !== null;

  return (
    <section aria-labelledby="claim-panel-title" data-testid="claim-panel">
      <div className="page-header">
        <h2 id="claim-panel-title" style={{ margin: 0, fontSize: "1.15rem" }}>
          Claim {claim.number}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          All claims
        </button>
      </div>
      <blockquote className="panel-quote">“{claim.anchor.exact}”</blockquote>
      <AnchorStateNote claim={claim} />
      {claim.verdictStale ? (
        <div className="alert warning" role="status">
          The wording changed since this verdict was given: re-check it.
        </div>
      ) : null}

      {claim.recheckReason ? (
        <div className="alert warning" role="status" data-testid="library-recheck">
          Needs re-check: {claim.recheckReason}
        </div>
      ) : null}
      {claim.library ? (
        <div className="known-link small" data-testid="library-link">
          {claim.libraryRelation === "opposite" ? "States the opposite of" : "Known claim"}{" "}
          <a href={`/library/${claim.library.number}`}>K{claim.library.number}</a>
          {mayConfirm ? (
            <button
              type="button"
              className="button primary"
              onClick={() => save(undefined, "resolved")}
              disabled={pending}
              style={{ marginLeft: "0.5rem" }}
            >
              Confirm in this article
            </button>
          ) : null}
        </div>
      ) : canEdit && claim.status === "resolved" ? (
        <div className="known-link small">
          <button type="button" className="button" onClick={addToLibrary} disabled={pending}>
            Add to library
          </button>
        </div>
      ) : null}

      <FormMessage message={message} />
      <DraftNote draft={draft} />
      <PresenceNote claimId={claim.id} />
      {conflict?.by ? (
        <p className="alert warning" role="status" data-testid="live-change">
          Changed by {conflict.by} while you were typing: your text is kept.
        </p>
      ) : null}
      {conflict ? (
        <ConflictNotice
          testId="conflict"
          facts={[
            ["Status", CLAIM_STATUS_LABELS[conflict.current.status]],
            [
              "Verdict",
              conflict.current.verdict ? VERDICT_INFO[conflict.current.verdict].label : "none",
            ],
            ["Rationale", conflict.current.rationale || "empty"],
          ]}
          onKeepMine={() => {
            setVersion(conflict.current.version);
            setConflict(null);
            setMessage(KEPT_MINE);
          }}
          onUseTheirs={() => {
            setForm(formOf(conflict.current));
            setVersion(conflict.current.version);
            setConflict(null);
            setMessage(null);
          }}
        />
      ) : null}

      <AssigneeField
        claimId={claim.id}
        assigneeId={claim.assigneeId}
        assigneeName={claim.assigneeName}
        users={assignableUsers}
        canAssign={canAssign}
      />

      <form onSubmit={save} noValidate>
        <fieldset disabled={!canEdit || pending} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field-row">
            <SelectField
              id="status"
              label="Status"
              errors={errors.status}
              value={form.status}
              onChange={(e) => set("status", e.target.value as ClaimStatus)}
              options={CLAIM_STATUSES.map((s) => [s, CLAIM_STATUS_LABELS[s]] as const)}
            />
            <SelectField
              id="severity"
              label="Severity"
              errors={errors.severity}
              value={form.severity}
              onChange={(e) => set("severity", e.target.value as Severity)}
              options={SEVERITIES.map((s) => [s, SEVERITY_LABELS[s]] as const)}
            />
          </div>
          <SelectField
            id="verdict"
            label="Verdict"
            errors={errors.verdict}
            value={form.verdict ?? ""}
            onChange={(e) => set("verdict", e.target.value ? (e.target.value as Verdict) : null)}
            empty="No verdict yet"
            options={VERDICTS.map((v) => {
              const info = VERDICT_INFO[v];
              return [v, `${info.rating} – ${info.label}: ${info.description}`] as const;
            })}
          />
          {canEdit ? (
            <Field id="rationale" label="Rationale" errors={errors.rationale}>
              <textarea
                rows={5}
                value={form.rationale}
                onChange={(e) => set("rationale", e.target.value)}
                {...fieldA11y("rationale", errors.rationale)}
              />
            </Field>
          ) : null}
          <RationaleView
            html={claim.rationaleHtml}
            preview={canEdit}
            unsaved={form.rationale.trim() !== claim.rationale}
          />
          <Field
            id="suggestedCorrection"
            label="Suggested correction"
            errors={errors.suggestedCorrection}
          >
            <textarea
              rows={2}
              value={form.suggestedCorrection}
              onChange={(e) => set("suggestedCorrection", e.target.value)}
              {...fieldA11y("suggestedCorrection", errors.suggestedCorrection)}
            />
          </Field>
          {canEdit ? (
            <button className="button primary" type="submit">
              {pending ? "Saving…" : "Save claim"}
            </button>
          ) : null}
        </fieldset>
      </form>

      <EvidenceSection claimId={claim.id} evidence={claim.evidence} canEdit={canEdit} />
      <Suspense>
        <GradeSection claim={claim} canEdit={canEdit} />
      </Suspense>

      <AfterHydration>
        <CommentsSection claimId={claim.id} comments={claim.comments} canComment={canComment} />
      </AfterHydration>

      {canOverride || claim.editorNote ? (
        <AfterHydration>
          <EditorNote
            claimId={claim.id}
            version={claim.version}
            note={claim.editorNote ?? ""}
            canEdit={canOverride}
            onSaved={(v, text) => {
              setVersion(v);
              onSaved?.(v, text);
            }}
          />
        </AfterHydration>
      ) : null}

      {claim.canDelete && onDeleted ? (
        <AfterHydration>
          <DeleteClaim
            claimId={claim.id}
            number={claim.number}
            version={claim.version}
            onDeleted={onDeleted}
          />
        </AfterHydration>
      ) : null}

      <AfterHydration>
        <ClaimHistory claimId={claim.id} />
      </AfterHydration>
    </section>
  );
}
