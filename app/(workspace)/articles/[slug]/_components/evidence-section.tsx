"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { useReopenDraft } from "@/app/_components/drafts";
import { FormMessage, type FormMessageValue } from "@/app/_components/notice";
import { evidenceLine } from "@/lib/core/export/citation";
import {
  addEvidenceAction,
  deleteEvidenceAction,
  updateEvidenceAction,
} from "@/lib/entry/actions/evidence";
import { EvidenceSummaryLine } from "./evidence-summary";
import {
  EMPTY_EVIDENCE,
  type EvidenceItem,
  evidenceFormOf,
  evidenceInputOf,
} from "./evidence-values";

/**
 * The form (with its look-up) loads when someone opens it, not with the review page: most visits
 * read evidence without adding any, and the page's first load has a budget (307,200 bytes).
 * React.lazy rather than next/dynamic: the same split, without next/dynamic's loader code, which
 * alone cost more (+997 bytes gzipped) than moving the form out saved (−595).
 */
const EvidenceForm = lazy(() =>
  import("./evidence-form").then((m) => ({ default: m.EvidenceForm })),
);

const OPENING = (
  <p className="muted" role="status">
    Opening the form…
  </p>
);

/** A claim's evidence: the summary, the graded citations (edit, delete) and the add form. */
export function EvidenceSection({
  claimId,
  evidence,
  canEdit,
}: {
  claimId: string;
  evidence: EvidenceItem[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useReopenDraft(claimId, "evidence-new", () => setAdding(true), canEdit);
  return (
    <section aria-labelledby="evidence-title" style={{ marginTop: "1.25rem" }}>
      <h3 id="evidence-title" className="section-title">
        Evidence ({evidence.length})
      </h3>
      <p style={{ margin: "0 0 0.5rem" }}>
        <EvidenceSummaryLine evidence={evidence} />
      </p>
      {notice ? (
        <p className="alert success" role="status">
          {notice}
        </p>
      ) : null}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {evidence.map((e) => (
          <EvidenceListItem
            key={e.id}
            item={e}
            canEdit={canEdit}
            onDeleted={() => setNotice(`Deleted “${e.title}”.`)}
          />
        ))}
      </ul>
      {canEdit && !adding ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setAdding(true);
            setNotice(null);
          }}
        >
          Add evidence
        </button>
      ) : null}
      {canEdit && adding ? (
        <Suspense fallback={OPENING}>
          <EvidenceForm
            label="Add evidence"
            initial={EMPTY_EVIDENCE}
            submitLabel="Add evidence"
            draftOf={{ claimId, field: "evidence-new" }}
            submit={(values) => addEvidenceAction({ claimId, ...evidenceInputOf(values) })}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              router.refresh();
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

type Mode = "view" | "edit" | "confirm-delete";

/** One citation, with Edit (the form, prefilled) and Delete (asks to confirm first). */
function EvidenceListItem({
  item,
  canEdit,
  onDeleted,
}: {
  item: EvidenceItem;
  canEdit: boolean;
  onDeleted: () => void;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("view");
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [pending, setPending] = useState(false);
  const draftOf = { claimId: item.claimId, field: `evidence-${item.id}` };
  useReopenDraft(draftOf.claimId, draftOf.field, () => setMode("edit"), canEdit);

  async function remove() {
    setPending(true);
    const result = await deleteEvidenceAction({ evidenceId: item.id, version: item.version });
    setPending(false);
    setMode("view");
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      // A newer version or a deletion elsewhere: show the page as it is now.
      if (result.error.code === "conflict" || result.error.code === "not_found") router.refresh();
      return;
    }
    onDeleted();
    router.refresh();
  }

  if (mode === "edit") {
    return (
      <li data-testid="evidence-item" style={{ marginBottom: "0.5rem" }}>
        <Suspense fallback={OPENING}>
          <EvidenceForm
            label="Edit evidence"
            initial={evidenceFormOf(item)}
            initialVersion={item.version}
            submitLabel="Save evidence"
            draftOf={draftOf}
            submit={(values, version) =>
              updateEvidenceAction({ evidenceId: item.id, version, ...evidenceInputOf(values) })
            }
            onCancel={() => setMode("view")}
            onSaved={() => {
              setMode("view");
              setMessage({ kind: "success", text: "Evidence saved." });
              router.refresh();
            }}
          />
        </Suspense>
      </li>
    );
  }

  return (
    <li className="evidence-item" data-testid="evidence-item">
      <Citation item={item} />
      <FormMessage message={message} className="inline" />
      {canEdit ? (
        <div className="button-row small" style={{ marginTop: "0.5rem" }}>
          {mode === "confirm-delete" ? (
            <ConfirmDelete
              question="Delete this evidence? Its values stay in the claim’s history."
              cancelLabel="Keep it"
              pending={pending}
              onConfirm={remove}
              onCancel={() => setMode("view")}
            />
          ) : (
            <>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setMessage(null);
                  setMode("edit");
                }}
              >
                Edit
              </button>
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setMessage(null);
                  setMode("confirm-delete");
                }}
              >
                Delete
              </button>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

function Citation({ item }: { item: EvidenceItem }) {
  const link = item.url ?? (item.doi ? `https://doi.org/${item.doi}` : null);
  const line = evidenceLine(item);
  return (
    <>
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
        {line.sourceParts.join(" · ")}
        {line.ids.map((i) => ` · ${i.label} ${i.id}`).join("")}
      </div>
      <div className="button-row small" style={{ marginTop: "0.25rem" }}>
        <span {...item.flagBadge} />
        <span className="badge">{line.stance}</span>
        <span>{line.design}</span>
        <span className="muted">{line.level}</span>
        {line.grade ? <span data-testid="evidence-grade">GRADE: {line.grade}</span> : null}
      </div>
      {item.excerpt ? <blockquote className="panel-quote small">{item.excerpt}</blockquote> : null}
    </>
  );
}
