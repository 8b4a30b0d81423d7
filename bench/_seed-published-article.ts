/**
 * Seeds a PGlite directory with a published article of ~60,000 words, 1,000 resolved claims
 * and 3,000 evidence items, through the app's own services and the real publish transition,
 * for bench/public-page.mjs. Run with
 * `node --conditions=react-server --import tsx bench/_seed-published-article.ts DATA_DIR`;
 * prints `{"slug": …}` as its last line.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { articles, revisions } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/permissions";
import { executeAction } from "@/lib/server/action";
import { createArticleFromText, transitionArticle } from "@/lib/services/articles/service";
import { createClaim, updateClaim } from "@/lib/services/claims/service";
import { addEvidence } from "@/lib/services/evidence/service";
import { recordNoClaims } from "@/lib/services/revisions/no-claims";
import {
  CLAIMS,
  EVIDENCE_PER_CLAIM,
  LARGE_ARTICLE_TEXT,
  QUOTE,
  sampleEvidence,
} from "./_large-article";

async function ok<T>(
  promise: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
) {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function main() {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error("usage: _seed-published-article.ts DATA_DIR");
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    await handle.migrate();
    const { db } = handle;
    const user = async (email: string, role: Actor["role"]): Promise<Actor> => {
      const row = await insertUser(db, {
        email,
        name: email.split("@")[0] ?? email,
        role,
        passwordHash: "x",
      });
      return { id: row.id, email: row.email, name: row.name, role: row.role };
    };
    const editor = await user("bench.editor@example.com", "editor");
    const managing = await user("bench.managing@example.com", "editor");
    const reviewer = await user("bench.reviewer@example.com", "reviewer");

    const article = await db.transaction((tx) =>
      createArticleFromText(tx, editor.id, {
        title: "A long article, fact-checked",
        text: LARGE_ARTICLE_TEXT,
        sourceUrl: "https://clinic.example/post",
        originalAuthor: "Kidney Service China",
        originalPublishedAt: "2016-04-02",
      }),
    );
    const [row] = await db.select().from(articles).where(eq(articles.id, article.id));
    const [revision] = await db
      .select({ plainText: revisions.plainText })
      .from(revisions)
      .where(eq(revisions.id, article.revisionId));
    const plain = revision?.plainText ?? "";
    let from = 0;
    for (let n = 0; n < CLAIMS; n++) {
      const start = plain.indexOf(QUOTE, from);
      from = start + QUOTE.length;
      const claim = await ok(
        executeAction(
          createClaim,
          { db, actor: reviewer },
          {
            revisionId: article.revisionId,
            start,
            end: start + QUOTE.length,
            exact: QUOTE,
          },
        ),
      );
      for (let e = 0; e < EVIDENCE_PER_CLAIM; e++) {
        await ok(
          executeAction(
            addEvidence,
            { db, actor: reviewer },
            {
              claimId: claim.id,
              ...sampleEvidence(n, e),
              stance: "supports",
            },
          ),
        );
      }
      await ok(
        executeAction(
          updateClaim,
          { db, actor: reviewer },
          {
            claimId: claim.id,
            version: claim.version,
            status: "resolved",
            verdict: n % 2 ? "accurate" : "mostly_accurate",
            severity: "high",
            rationale:
              "Immune rejection and tumour formation are **documented** in the trials below.",
            suggestedCorrection: "",
          },
        ),
      );
    }
    // The gate refuses untriaged suggestions; the large text has many, left unclaimed on purpose.
    await ok(
      executeAction(
        recordNoClaims,
        { db, actor: managing },
        {
          articleId: article.id,
          revisionId: article.revisionId,
          note: "The sentences not claimed need no claims (bench).",
        },
      ),
    );
    let version = row?.version ?? 1;
    for (const [transition, actor] of [
      ["submit", editor],
      ["approve", managing],
      ["publish", managing],
    ] as const) {
      const done = await ok(
        executeAction(
          transitionArticle,
          { db, actor },
          { articleId: article.id, transition, version },
        ),
      );
      version = done.version;
    }
    console.log(
      JSON.stringify({ slug: article.slug, claims: CLAIMS, evidence: CLAIMS * EVIDENCE_PER_CLAIM }),
    );
  } finally {
    await handle.close();
  }
}

await main();
