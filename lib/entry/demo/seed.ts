/**
 * Seeds the demo workspace: the demo accounts and the canonical example article. Idempotent:
 * it adds what is missing and never changes what exists (a demo user's edits survive restarts).
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit";
import { findUserCredentialsByEmail, insertUser, lockUsersForSetup } from "@/db/queries/users";
import { articles, workspaceSettings } from "@/db/schema";
import { splitParagraphs } from "@/lib/core/document/from-text";
import { addMonths, utcDay } from "@/lib/core/review/dates";
import { hashPassword } from "@/lib/server/auth/password";
import { createArticleFromText } from "@/lib/services/articles/service";
import { DEMO_ACCOUNTS } from "./accounts";

export const DEMO_ARTICLE_FILE = "lib/entry/demo/stem-cell-kidney-failure.txt";
export const DEMO_ARTICLE_SLUG = "how-does-stem-cell-therapy-treat-kidney-failure";

/** The fixture's first paragraph is its title and the second its date; the rest is the body. */
export function parseDemoArticle(raw: string) {
  const [title = "", date = "", ...body] = splitParagraphs(raw);
  return { title, originalPublishedAt: date, text: body.join("\n\n") };
}

export async function seedDemo(
  db: Db,
  root = process.env.CLAIMDESK_ROOT || ".",
): Promise<{ created: string[] }> {
  const created: string[] = [];
  await db.transaction(async (tx) => {
    // Several instances starting at once on one PostgreSQL seed one after the other: the second
    // finds everything there instead of failing on a duplicate e-mail.
    await lockUsersForSetup(tx);
    const ids = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const existing = await findUserCredentialsByEmail(tx, account.email);
      if (existing) {
        ids.set(account.email, existing.id);
        continue;
      }
      const user = await insertUser(tx, {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        credentials: account.credentials,
      });
      ids.set(account.email, user.id);
      created.push(account.email);
      await insertAuditEvent(tx, {
        actorId: null,
        action: "demo.seed_user",
        entityType: "user",
        entityId: user.id,
        after: { email: user.email, role: user.role },
      });
    }

    await tx
      .insert(workspaceSettings)
      .values({
        id: 1,
        organizationName: "Claimdesk Demo Health Desk",
        // No organization URL: a made-up host would end up in every export. The public pages'
        // URLs come from the public base URL (NEXTAUTH_URL in the demo).
        organizationUrl: null,
      })
      .onConflictDoNothing();

    const [existingArticle] = await tx
      .select({ id: articles.id })
      .from(articles)
      .where(eq(articles.slug, DEMO_ARTICLE_SLUG));
    if (!existingArticle) {
      const raw = fs.readFileSync(
        path.resolve(/*turbopackIgnore: true*/ root, DEMO_ARTICLE_FILE),
        "utf8",
      );
      const parsed = parseDemoArticle(raw);
      const editorId = ids.get("editor@example.com");
      if (!editorId) throw new Error("demo editor missing");
      const demo = await createArticleFromText(tx, editorId, {
        title: parsed.title,
        text: parsed.text,
        sourceUrl: null,
        originalAuthor: "Kidney Service China (clinic blog)",
        originalPublishedAt: parsed.originalPublishedAt,
      });
      // Last medically reviewed 13 months ago on the workspace's 12-month interval: the "Due for
      // review" queue shows one overdue article on the first run. Part of the article's creation
      // (its import event), as the seed's other values are.
      const lastReviewedOn = addMonths(utcDay(new Date()), -13);
      await tx
        .update(articles)
        .set({ lastReviewedOn, nextReviewDue: addMonths(lastReviewedOn, 12) })
        .where(eq(articles.id, demo.id));
      created.push(DEMO_ARTICLE_SLUG);
    }
  });
  return { created };
}
