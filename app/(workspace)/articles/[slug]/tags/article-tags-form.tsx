"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { SubmitButton } from "@/app/_components/field";
import { FormMessage } from "@/app/_components/notice";
import { useActionForm } from "@/app/_components/use-action-form";
import { setArticleTagsAction } from "@/lib/entry/actions/queues";

/** The workspace's tags as checkboxes; saving sets the article's tags to the checked ones. */
export function ArticleTagsForm({
  articleId,
  all,
  checked,
  back,
}: {
  articleId: string;
  all: { id: string; name: string }[];
  checked: string[];
  back: string;
}) {
  const router = useRouter();
  const { message, setMessage, pending, submit } = useActionForm();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tagIds = new FormData(event.currentTarget).getAll("tag").map(String);
    const done = await submit(() => setArticleTagsAction({ articleId, tagIds }));
    if (!done) return;
    setMessage({
      kind: "success",
      text:
        done.tags.length === 0
          ? "The article has no tags now."
          : `Tags saved: ${done.tags.join(", ")}.`,
    });
    router.refresh();
  }

  const on = new Set(checked);
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <fieldset>
        <legend>Tags</legend>
        {all.map((t) => (
          <label key={t.id} className="checkbox">
            <input type="checkbox" name="tag" value={t.id} defaultChecked={on.has(t.id)} /> {t.name}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <SubmitButton pending={pending} busy="Saving…">
          Save tags
        </SubmitButton>
        <Link href={back}>Back to the article</Link>
      </div>
    </form>
  );
}
