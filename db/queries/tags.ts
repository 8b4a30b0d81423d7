import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { articleTags, claimTags, tags } from "../schema";

export interface TagRow {
  id: string;
  name: string;
}

const tagColumns = { id: tags.id, name: tags.name };

/** Every tag, by name (case-insensitively), with how many articles and claims carry it. */
export function listTagsWithCounts(db: Db) {
  return db
    .select({
      ...tagColumns,
      articles: sql<number>`(SELECT count(*)::int FROM ${articleTags} WHERE ${articleTags.tagId} = ${tags.id})`,
      claims: sql<number>`(SELECT count(*)::int FROM ${claimTags} WHERE ${claimTags.tagId} = ${tags.id})`,
    })
    .from(tags)
    .orderBy(sql`lower(${tags.name})`);
}

/** Every tag, by name, for the choices of a form. */
export function listTags(db: Db): Promise<TagRow[]> {
  return db.select(tagColumns).from(tags).orderBy(sql`lower(${tags.name})`);
}

export async function findTagById(db: Db, id: string): Promise<TagRow | null> {
  const [row] = await db.select(tagColumns).from(tags).where(eq(tags.id, id));
  return row ?? null;
}

/** The tag of this name whatever its case (names are unique so: `tags_name_idx`). */
export async function findTagByName(db: Db, name: string): Promise<TagRow | null> {
  const [row] = await db
    .select(tagColumns)
    .from(tags)
    .where(sql`lower(${tags.name}) = lower(${name})`);
  return row ?? null;
}

export async function insertTag(db: Db, name: string, createdById: string): Promise<TagRow> {
  const [row] = await db.insert(tags).values({ name, createdById }).returning(tagColumns);
  if (!row) throw new Error("insert into tags returned no row");
  return row;
}

export async function renameTag(db: Db, id: string, name: string): Promise<void> {
  await db.update(tags).set({ name }).where(eq(tags.id, id));
}

/** How many articles and claims carry a tag (what deleting it takes off). */
export async function countTagUses(db: Db, id: string) {
  const [[a], [c]] = await Promise.all([
    db.select({ n: count() }).from(articleTags).where(eq(articleTags.tagId, id)),
    db.select({ n: count() }).from(claimTags).where(eq(claimTags.tagId, id)),
  ]);
  return { articles: a?.n ?? 0, claims: c?.n ?? 0 };
}

/** Deletes a tag; its places on articles and claims go with it (ON DELETE CASCADE). */
export async function deleteTag(db: Db, id: string): Promise<void> {
  await db.delete(tags).where(eq(tags.id, id));
}

/** An article's tags, by name. */
export function listArticleTags(db: Db, articleId: string): Promise<TagRow[]> {
  return db
    .select(tagColumns)
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(sql`lower(${tags.name})`);
}

/** Puts tags on an article and takes others off. */
export async function changeArticleTags(
  db: Db,
  articleId: string,
  change: { add: string[]; remove: string[]; addedById: string },
): Promise<void> {
  if (change.remove.length > 0) {
    await db
      .delete(articleTags)
      .where(and(eq(articleTags.articleId, articleId), inArray(articleTags.tagId, change.remove)));
  }
  if (change.add.length > 0) {
    await db
      .insert(articleTags)
      .values(change.add.map((tagId) => ({ articleId, tagId, addedById: change.addedById })))
      .onConflictDoNothing();
  }
}

/** The tags of each of these claims, by name (claims without tags are absent from the map). */
export async function listTagsOfClaims(db: Db, claimIds: string[]): Promise<Map<string, TagRow[]>> {
  const out = new Map<string, TagRow[]>();
  if (claimIds.length === 0) return out;
  const rows = await db
    .select({ claimId: claimTags.claimId, ...tagColumns })
    .from(claimTags)
    .innerJoin(tags, eq(tags.id, claimTags.tagId))
    .where(inArray(claimTags.claimId, claimIds))
    .orderBy(sql`lower(${tags.name})`);
  for (const { claimId, ...tag } of rows) out.set(claimId, [...(out.get(claimId) ?? []), tag]);
  return out;
}

/** Puts one tag on these claims (those that have it keep it). */
export async function addTagToClaims(
  db: Db,
  tagId: string,
  claimIds: string[],
  addedById: string,
): Promise<void> {
  if (claimIds.length === 0) return;
  await db
    .insert(claimTags)
    .values(claimIds.map((claimId) => ({ claimId, tagId, addedById })))
    .onConflictDoNothing();
}

/** Takes one tag off these claims. */
export async function removeTagFromClaims(
  db: Db,
  tagId: string,
  claimIds: string[],
): Promise<void> {
  if (claimIds.length === 0) return;
  await db
    .delete(claimTags)
    .where(and(eq(claimTags.tagId, tagId), inArray(claimTags.claimId, claimIds)));
}
