import "server-only";
import { and, eq } from "drizzle-orm";
import type { ChecklistItems } from "@/lib/core/review/checklist";
import type { Db } from "../client";
import { articleChecklists } from "../schema";
import { nextVersion } from "./versioned-rows";

export interface ChecklistRow {
  items: ChecklistItems;
  version: number;
  updatedById: string;
  updatedAt: Date;
}

const columns = {
  items: articleChecklists.items,
  version: articleChecklists.version,
  updatedById: articleChecklists.updatedById,
  updatedAt: articleChecklists.updatedAt,
};

/** The article's checklist, or null when it was never filled in. */
export async function findChecklist(db: Db, articleId: string): Promise<ChecklistRow | null> {
  const [row] = await db
    .select(columns)
    .from(articleChecklists)
    .where(eq(articleChecklists.articleId, articleId));
  return row ?? null;
}

/**
 * Saves the checklist if it is still at `version` (0: never saved). Returns the new row, or
 * null when someone else saved first (or created it meanwhile).
 */
export async function saveChecklistIfVersion(
  db: Db,
  articleId: string,
  version: number,
  items: ChecklistItems,
  updatedById: string,
): Promise<ChecklistRow | null> {
  if (version === 0) {
    const [row] = await db
      .insert(articleChecklists)
      .values({ articleId, items, updatedById })
      .onConflictDoNothing()
      .returning(columns);
    return row ?? null;
  }
  const [row] = await db
    .update(articleChecklists)
    .set({ items, updatedById, ...nextVersion(articleChecklists) })
    .where(and(eq(articleChecklists.articleId, articleId), eq(articleChecklists.version, version)))
    .returning(columns);
  return row ?? null;
}
