/**
 * Seeds a PGlite directory with a long article (about 20,000 words) and 500 claims through
 * the app's own services, for bench/review-page.mjs. Run with
 * `node --conditions=react-server --import tsx bench/_seed-large-article.ts DATA_DIR`.
 * WORDS and CLAIMS (environment) change the size: bench/review-long.mjs seeds ~300,000 words
 * and 2,000 claims.
 */
import path from "node:path";
import { openDatabase } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { revisions } from "@/db/schema";
import { executeAction } from "@/lib/server/action";
import { hashPassword } from "@/lib/server/auth/password";
import { createArticleFromText } from "@/lib/services/articles/service";
import { createClaim, updateClaim } from "@/lib/services/claims/service";

const BENCH_USER = { email: "bench.reviewer@example.com", password: "bench-reviewer-pass" };

const SENTENCES = [
  "Stem cell therapy has been proposed for chronic kidney disease in several small trials.",
  "Patients in the treatment group reported fewer hospital visits over twelve months.",
  "The clinic states that the procedure has no side effects and needs no follow-up.",
  "Dialysis remains the standard of care for end-stage renal failure in most countries.",
  "Researchers measured the glomerular filtration rate before and after each infusion.",
  "A diet low in sodium may slow the progression of kidney damage in some patients.",
  "The authors conclude that the therapy is completely safe for children and the elderly.",
  "Transplanted cells were found in the kidney tissue of mice two weeks after injection.",
];

function longArticle(words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  for (let p = 0; count < words; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s++) {
      const sentence = `${SENTENCES[(p * 7 + s) % SENTENCES.length]} (section ${p + 1}.${s + 1})`;
      sentences.push(sentence);
      count += sentence.split(/\s+/).length;
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}

async function main() {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error("usage: _seed-large-article.ts DATA_DIR");
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    await handle.migrate();
    const { db } = handle;
    const reviewer = await insertUser(db, {
      email: BENCH_USER.email,
      name: "Bench Reviewer",
      passwordHash: await hashPassword(BENCH_USER.password),
      role: "reviewer",
    });
    const editor = await insertUser(db, {
      email: "bench.editor@example.com",
      name: "Bench Editor",
      passwordHash: await hashPassword("bench-editor-pass"),
      role: "editor",
    });
    const text = longArticle(Number(process.env.WORDS ?? 20_000));
    const claimCount = Number(process.env.CLAIMS ?? 500);
    const article = await db.transaction((tx) =>
      createArticleFromText(tx, editor.id, {
        title: "Long read: kidney care",
        text,
        sourceUrl: null,
        originalAuthor: null,
        originalPublishedAt: null,
      }),
    );
    const [revision] = await db.select().from(revisions);
    const plain = revision?.plainText ?? "";
    const actor = {
      id: reviewer.id,
      email: reviewer.email,
      name: reviewer.name,
      role: reviewer.role,
    };
    // CLAIMS (500) claims spread through the text: each a sentence's first 40 characters.
    const starts: number[] = [];
    for (let at = plain.indexOf(". ") + 2; at > 1 && starts.length < claimCount; ) {
      starts.push(at);
      const next = plain.indexOf(". ", at + 150);
      at = next < 0 ? -1 : next + 2;
    }
    for (const [i, start] of starts.entries()) {
      const end = start + 40;
      const result = await executeAction(
        createClaim,
        { db, actor },
        { revisionId: article.revisionId, start, end, exact: plain.slice(start, end) },
      );
      if (!result.ok) throw new Error(result.error.message);
      if (i % 3 === 0) {
        await executeAction(
          updateClaim,
          { db, actor },
          {
            claimId: result.data.id,
            version: result.data.version,
            status: "resolved",
            verdict: "unsupported",
            severity: "high",
            rationale: "No adequate evidence.",
            suggestedCorrection: "",
          },
        );
      }
    }
    const words = text.split(/\s+/).length;
    console.log(JSON.stringify({ slug: article.slug, words, claims: starts.length }));
  } finally {
    await handle.close();
  }
}

await main();
