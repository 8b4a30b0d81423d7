/**
 * The workspace's tag list (editors: create, rename, delete) and an article's tags (editors).
 * Names are unique whatever their case; a clash is refused with the name it clashes with (a
 * race between two creators is caught by the unique index and becomes the wrapper's conflict).
 */
import "server-only";
import type { Db } from "@/db/client";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  changeArticleTags,
  countTagUses,
  deleteTag as deleteTagRow,
  findTagById,
  findTagByName,
  insertTag,
  listArticleTags,
  listTags,
  renameTag as renameTagRow,
} from "@/db/queries/tags";
import { AppError, notFound } from "@/lib/core/errors";
import {
  createTagSchema,
  deleteTagSchema,
  renameTagSchema,
  setArticleTagsSchema,
} from "@/lib/core/validation/desk-queues";
import { defineAction } from "@/lib/server/action";

/** Refuses a name another tag has (in any case); `except` is the tag being renamed. */
async function assertNameFree(tx: Db, name: string, except?: string) {
  const clash = await findTagByName(tx, name);
  if (clash && clash.id !== except) {
    throw new AppError("validation", `A tag named “${clash.name}” exists already.`, {
      fieldErrors: { name: [`“${clash.name}” exists already: choose another name.`] },
    });
  }
}

export const createTag = defineAction({
  name: "tag.create",
  input: createTagSchema,
  permission: "tag:manage",
  run: async ({ tx, actor }, { name }) => {
    await assertNameFree(tx, name);
    const tag = await insertTag(tx, name, actor.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "tag.create",
      entityType: "tag",
      entityId: tag.id,
      after: { name },
    });
    return tag;
  },
});

export const renameTag = defineAction({
  name: "tag.rename",
  input: renameTagSchema,
  permission: "tag:manage",
  // Audited when it changes something: the name it has already changes nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, { tagId, name }) => {
    const tag = await findTagById(tx, tagId);
    if (!tag) throw notFound("The tag");
    if (tag.name === name) return tag;
    await assertNameFree(tx, name, tag.id);
    await renameTagRow(tx, tag.id, name);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "tag.rename",
      entityType: "tag",
      entityId: tag.id,
      before: { name: tag.name },
      after: { name },
    });
    return { id: tag.id, name };
  },
});

export const deleteTag = defineAction({
  name: "tag.delete",
  input: deleteTagSchema,
  permission: "tag:manage",
  run: async ({ tx, actor }, { tagId }) => {
    const tag = await findTagById(tx, tagId);
    if (!tag) throw notFound("The tag");
    // What it was on, for the audit event: the rows themselves go with the tag (cascade).
    const uses = await countTagUses(tx, tag.id);
    await deleteTagRow(tx, tag.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "tag.delete",
      entityType: "tag",
      entityId: tag.id,
      before: { name: tag.name, ...uses },
    });
    return { id: tag.id, name: tag.name, ...uses };
  },
});

/** An article's tags as a whole: the ones given stay or are put on, the rest come off. */
export const setArticleTags = defineAction({
  name: "article.tag",
  input: setArticleTagsSchema,
  permission: "tag:manage",
  // Audited when it changes something: the tags it has already change nothing.
  audit: "when-changed",
  run: async ({ tx, actor }, { articleId, tagIds }) => {
    // Locked, so two editors' saves of the same article's tags come one after the other.
    const article = await lockArticle(tx, articleId);
    if (!article) throw notFound("The article");
    const all = new Map((await listTags(tx)).map((t) => [t.id, t]));
    const unknown = tagIds.filter((id) => !all.has(id));
    if (unknown.length > 0) {
      throw new AppError(
        "conflict",
        "A tag you chose was deleted meanwhile. Reload and choose again.",
      );
    }
    const before = await listArticleTags(tx, article.id);
    const had = new Set(before.map((t) => t.id));
    const wanted = new Set(tagIds);
    const add = tagIds.filter((id) => !had.has(id));
    const remove = [...had].filter((id) => !wanted.has(id));
    const names = (ids: Iterable<string>) =>
      [...ids].map((id) => all.get(id)?.name ?? "").sort((a, b) => a.localeCompare(b));
    if (add.length === 0 && remove.length === 0) return { tags: names(had) };
    await changeArticleTags(tx, article.id, { add, remove, addedById: actor.id });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "article.tag",
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      before: { tags: names(had) },
      after: { tags: names(wanted) },
    });
    return { tags: names(wanted) };
  },
});
