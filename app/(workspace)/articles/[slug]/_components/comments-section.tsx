"use client";

import { useRouter } from "next/navigation";
import {
  type FormEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  useRef,
  useState,
  useTransition,
} from "react";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { dateTimeFormat } from "@/app/_components/date-format";
import { DraftNote, useDraft, useReopenDraft } from "@/app/_components/drafts";
import { Field, FieldError, fieldA11y, SubmitButton } from "@/app/_components/field";
import type { ErrorBody } from "@/lib/core/errors";
import {
  addCommentAction,
  deleteCommentAction,
  editCommentAction,
} from "@/lib/entry/actions/comments";
import type { ReviewComment } from "@/lib/services/comments/read";
import { MarkdownHtml } from "./markdown-html";

/** The @-mention picker, fetched on the first `@` typed: the review page's first load stays lean. */
const MentionPicker = lazy(() => import("./mention-picker"));

const MARKDOWN_HINT = "Markdown: **bold**, *italic*, - lists, [link](https://…). Ctrl+Enter sends.";

/** Ctrl+Enter (Cmd+Enter on a Mac) in a comment box submits its form. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/**
 * A comment's markdown box: Ctrl+Enter sends, read-only while sending. With `onEscape` it is an
 * edit box, opened by a click on Edit: focused at once, and Escape (when idle) closes it. `@`
 * offers members to mention; `mentions` collects the ids picked.
 */
function CommentField({
  id,
  label,
  value,
  onChange,
  errors,
  pending,
  onEscape,
  mentions,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  pending: boolean;
  onEscape?: () => void;
  mentions: Set<string>;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [picking, setPicking] = useState(false);
  return (
    <Field id={id} label={label} hint={MARKDOWN_HINT} errors={errors}>
      <textarea
        ref={box}
        rows={3}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          if (e.target.value.includes("@")) setPicking(true);
        }}
        onKeyDown={(e) => {
          if (onEscape && e.key === "Escape" && !pending) onEscape();
          else submitOnCtrlEnter(e);
        }}
        readOnly={pending}
        // biome-ignore lint/a11y/noAutofocus: only the edit box, opened by the user's own click on Edit.
        autoFocus={onEscape !== undefined}
        {...fieldA11y(id, errors, true)}
      />
      {picking ? (
        <Suspense fallback={null}>
          <MentionPicker
            box={box}
            value={value}
            onChange={onChange}
            onPick={(p) => mentions.add(p)}
          />
        </Suspense>
      ) : null}
    </Field>
  );
}

/** The message for the body field, or for the form when the error is not about the body. */
const errorText = (error: ErrorBody) => error.fieldErrors?.body?.[0] ?? error.message;

/**
 * A claim's discussion: the comments (markdown, rendered on the server), a box to add one, and
 * Edit/Delete on those the server says the user may change (their own; an admin's, all).
 */
export function CommentsSection({
  claimId,
  comments,
  canComment,
}: {
  claimId: string;
  comments: ReviewComment[];
  canComment: boolean;
}) {
  return (
    <section
      aria-labelledby={`comments-title-${claimId}`}
      className="comments"
      data-testid="comments"
    >
      <h3 id={`comments-title-${claimId}`} className="section-title">
        Discussion ({comments.length})
      </h3>
      {comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} claimId={claimId} />
          ))}
        </ol>
      )}
      {canComment ? <NewComment claimId={claimId} /> : null}
    </section>
  );
}

function NewComment({ claimId }: { claimId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [mentions] = useState(() => new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const pending = sending || refreshing;
  const id = `comment-new-${claimId}`;
  const draft = useDraft({
    claimId,
    field: "comment-new",
    saved: "",
    value: body,
    restore: (v) => setBody(String(v)),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setSending(true);
    setError(null);
    const result = await addCommentAction({ claimId, body, mentions: [...mentions] });
    setSending(false);
    // On error the text stays in the box, with the reason beside it.
    if (!result.ok) return setError(errorText(result.error));
    draft.clear();
    mentions.clear();
    startTransition(() => {
      setBody("");
      router.refresh();
    });
  }

  const errors = error ? [error] : undefined;
  return (
    <form onSubmit={submit} noValidate aria-label="New comment">
      <DraftNote draft={draft} />
      <CommentField
        id={id}
        label="Add a comment"
        value={body}
        onChange={setBody}
        errors={errors}
        pending={pending}
        mentions={mentions}
      />
      <SubmitButton pending={pending} busy="Adding…">
        Add comment
      </SubmitButton>
    </form>
  );
}

type Mode = "view" | "editing" | "confirming-delete";

function CommentItem({ comment, claimId }: { comment: ReviewComment; claimId: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("view");
  const [draft, setDraft] = useState(comment.body);
  // Those it mentions stay mentioned while their `@Name` stays in the text.
  const [mentions] = useState(() => new Set(comment.mentions));
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<"saving" | "deleting" | null>(null);
  const [refreshing, startTransition] = useTransition();
  const pending = working !== null || refreshing;
  const editId = `comment-edit-${comment.id}`;
  // An edit in progress is a draft too; one stored reopens the edit box.
  const field = `comment-${comment.id}`;
  const kept = useDraft({
    claimId,
    field,
    saved: comment.body,
    value: draft,
    restore: (v) => setDraft(String(v)),
    enabled: mode === "editing",
  });
  useReopenDraft(claimId, field, () => setMode("editing"), comment.canEdit);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setWorking("saving");
    setError(null);
    const result = await editCommentAction({
      commentId: comment.id,
      body: draft,
      mentions: [...mentions],
    });
    setWorking(null);
    if (!result.ok) return setError(errorText(result.error));
    kept.clear();
    startTransition(() => {
      setMode("view");
      router.refresh();
    });
  }

  async function remove() {
    if (pending) return;
    setWorking("deleting");
    setError(null);
    const result = await deleteCommentAction({ commentId: comment.id });
    setWorking(null);
    if (!result.ok) return setError(result.error.message);
    startTransition(() => router.refresh());
  }

  const errors = error ? [error] : undefined;
  return (
    <li className="comment" data-testid="comment">
      <p className="comment-meta small">
        <strong>{comment.authorName}</strong>{" "}
        <time
          className="muted"
          dateTime={comment.createdAt.toISOString()}
          // The server's time zone may differ from the browser's; the browser's wins.
          suppressHydrationWarning
        >
          {dateTimeFormat.format(comment.createdAt)}
        </time>
        {comment.edited ? (
          <span
            className="muted"
            title={`Edited ${dateTimeFormat.format(comment.updatedAt)}`}
            suppressHydrationWarning
          >
            {" "}
            · edited
          </span>
        ) : null}
      </p>

      {mode === "editing" ? (
        <form onSubmit={save} noValidate aria-label="Edit comment">
          <DraftNote draft={kept} />
          <CommentField
            id={editId}
            label="Your comment"
            value={draft}
            onChange={setDraft}
            errors={errors}
            pending={pending}
            mentions={mentions}
            onEscape={() => {
              kept.clear();
              setMode("view");
            }}
          />
          <div className="button-row">
            <button className="button primary" type="submit" disabled={pending}>
              {working === "saving" || refreshing ? "Saving…" : "Save"}
            </button>
            <button
              className="button"
              type="button"
              disabled={pending}
              onClick={() => {
                kept.clear();
                setDraft(comment.body);
                setError(null);
                setMode("view");
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <MarkdownHtml html={comment.bodyHtml} testId="comment-body" />
      )}

      {comment.canEdit && mode === "view" ? (
        <div className="button-row small comment-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(comment.body);
              setError(null);
              setMode("editing");
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setError(null);
              setMode("confirming-delete");
            }}
          >
            Delete
          </button>
        </div>
      ) : null}

      {comment.canEdit && mode === "confirming-delete" ? (
        <div className="button-row small comment-actions">
          <ConfirmDelete
            question="Delete this comment?"
            cancelLabel="Cancel"
            pending={pending}
            onConfirm={remove}
            onCancel={() => setMode("view")}
          />
        </div>
      ) : null}

      <FieldError error={mode === "editing" ? null : error} />
    </li>
  );
}
