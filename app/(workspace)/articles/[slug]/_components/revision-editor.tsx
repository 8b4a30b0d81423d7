"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { Field, fieldA11y } from "@/app/_components/field";
import { useLeaveGuard } from "@/app/_components/leave-guard";
import type { DocRoot } from "@/lib/core/document/schema";
import { buildTextMap, offsetToPos } from "@/lib/core/document/text-map";
import type { FieldErrors } from "@/lib/core/errors";
import { MAX_SUMMARY } from "@/lib/core/limits/revisions";
import { ARTICLE_STATE_LABELS } from "@/lib/core/vocabulary";
import { ClaimHighlights } from "@/lib/editor/claim-highlights";
import { articleExtensions } from "@/lib/editor/extensions";
import { UndoRedo } from "@/lib/editor/undo-redo";
import { saveRevisionAction } from "@/lib/entry/actions/revisions";
import type { EditData } from "@/lib/services/revisions/read";
import { claimLook } from "./claim-style";
import { EditorToolbar } from "./editor-toolbar";

/** The revision that was saved while this editor was open (from the conflict's details). */
interface NewerRevision {
  id: string;
  number: number;
  summary: string;
}

/**
 * The article in an editable Tiptap editor, with the claims drawn over it as in the review
 * page (the highlights follow the text as it changes) and a save form. A save names the
 * revision it started from; when someone saved a newer one meanwhile, the server refuses, the
 * text stays here, and the editor may open the newer revision in another tab and then save
 * theirs on top of it as the next revision.
 */
export function RevisionEditor({ data }: { data: EditData }) {
  const router = useRouter();
  const { article, revision } = data;
  const [summary, setSummary] = useState("");
  const [baseRevisionId, setBaseRevisionId] = useState(revision.id);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fieldErrors?: FieldErrors } | null>(null);
  const [newer, setNewer] = useState<NewerRevision | null>(null);
  const [linkRequest, setLinkRequest] = useState(0);

  const editor = useEditor({
    extensions: [
      ...articleExtensions(),
      UndoRedo,
      ClaimHighlights.configure({ interactive: false }),
    ],
    content: revision.doc,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: "article-editor",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Article text",
        "data-testid": "article-editor",
      },
      handleKeyDown: (_view, event) => {
        if (event.key === "k" && (event.ctrlKey || event.metaKey) && !event.altKey) {
          event.preventDefault();
          setLinkRequest((n) => n + 1);
          return true;
        }
        return false;
      },
    },
    onUpdate: () => setDirty(true),
  });

  // Claims are drawn once from the saved text; from then on the plugin maps them through edits.
  useEffect(() => {
    if (!editor) return;
    const map = buildTextMap(editor.state.doc.toJSON() as DocRoot);
    editor.commands.setClaimHighlights(
      data.claims.flatMap((c) => {
        if (c.anchor.start === null || c.anchor.end === null || c.status === "dismissed") return [];
        const look = claimLook(c);
        return [
          {
            id: c.id,
            from: offsetToPos(map, c.anchor.start, "start"),
            to: offsetToPos(map, c.anchor.end, "end"),
            className: `claim-hl ${look.className}`,
            label: `Claim ${c.number}: ${look.label}`,
            name: `Claim ${c.number}`,
          },
        ];
      }),
    );
  }, [editor, data.claims]);

  // Unsaved text: ask before a reload or close, and before any in-app link (the header's
  // navigation, Cancel, History) takes the page away.
  useLeaveGuard(dirty);

  async function save(base: string) {
    if (!editor || pending) return;
    setPending(true);
    setError(null);
    const result = await saveRevisionAction({
      articleId: article.id,
      baseRevisionId: base,
      summary,
      doc: editor.getJSON(),
    });
    setPending(false);
    if (!result.ok) {
      const { error } = result;
      if (error.code === "conflict" && error.details?.current) setNewer(error.details.current);
      setError({ message: result.error.message, fieldErrors: result.error.fieldErrors });
      return;
    }
    setDirty(false);
    router.push(`/articles/${article.slug}?saved=${result.data.number}`);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(baseRevisionId);
  }

  function saveOnTopOfNewer() {
    if (!newer) return;
    setBaseRevisionId(newer.id);
    setNewer(null);
    void save(newer.id);
  }

  const summaryErrors = error?.fieldErrors?.summary;
  const stateChange =
    data.stateAfterSave && data.stateAfterSave !== article.state ? data.stateAfterSave : null;

  return (
    <div className="review-grid">
      <div>
        {error && !summaryErrors ? (
          <div className="alert error" role="alert" data-testid="save-error">
            {error.message}
          </div>
        ) : null}
        {newer ? (
          <div className="alert warning" data-testid="save-conflict">
            <p style={{ margin: 0 }}>
              Revision {newer.number} ({newer.summary || "no summary"}) is the article’s current
              text now. Yours is unchanged below.
            </p>
            <div className="button-row" style={{ marginTop: "0.5rem" }}>
              <a
                className="button"
                href={`/articles/${article.slug}/compare?from=${revision.number}&to=${newer.number}`}
                target="_blank"
                rel="noopener"
              >
                See what revision {newer.number} changed (new tab)
              </a>
              <button
                type="button"
                className="button primary"
                onClick={saveOnTopOfNewer}
                disabled={pending}
              >
                Save mine as revision {newer.number + 1}
              </button>
            </div>
          </div>
        ) : null}
        <div className="card article-body editor-body">
          {editor ? (
            <EditorToolbar editor={editor} linkRequest={linkRequest} />
          ) : (
            <p className="muted" role="status">
              Loading the editor…
            </p>
          )}
          <EditorContent editor={editor} />
        </div>
      </div>
      <aside className="sidebar stack" aria-label="Save">
        <form className="card stack" onSubmit={onSubmit} aria-label="Save revision">
          <h2 className="section-title">Save as revision {revision.number + 1}</h2>
          {stateChange ? (
            <div className="alert warning" role="note">
              This article is {ARTICLE_STATE_LABELS[article.state].toLowerCase()}. Saving sends it
              back to {ARTICLE_STATE_LABELS[stateChange]}: the new text needs review and approval
              again. What was published stays as it is.
            </div>
          ) : null}
          <Field
            id="revision-summary"
            label="Summary of changes"
            hint={`Required, up to ${MAX_SUMMARY} characters.`}
            errors={summaryErrors}
          >
            <input
              {...fieldA11y("revision-summary", summaryErrors, true)}
              value={summary}
              maxLength={MAX_SUMMARY}
              required
              onChange={(e) => setSummary(e.target.value)}
            />
          </Field>
          <div className="button-row">
            <button type="submit" className="button primary" disabled={!editor || pending}>
              {pending ? "Saving…" : "Save revision"}
            </button>
            <Link href={`/articles/${article.slug}`}>Cancel</Link>
          </div>
          <p className="small muted" role="status">
            {dirty ? "Unsaved changes." : "No changes yet."}
          </p>
        </form>
        <section className="card" aria-labelledby="editing-claims-title">
          <h2 id="editing-claims-title" className="section-title">
            Claims ({data.claims.length})
          </h2>
          <p className="small">
            Highlights follow your edits. On save every claim is found again in the new text: claims
            whose wording you change go back for a re-check, and claims whose text you delete are
            listed as orphaned for a reviewer to re-attach.
          </p>
        </section>
      </aside>
    </div>
  );
}
