/**
 * Issue 10, item 13: converting an import runs in a worker thread with a time and a memory
 * limit, and a .docx whose text passes the article's limit is refused before mammoth converts
 * it. The event loop of the caller stays free meanwhile: a timer keeps firing while the
 * hostile file is being converted (no timing is asserted, only that it fires while the import
 * is still running).
 */
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/core/import/import-error";
import { importToDoc } from "@/lib/core/import/import-to-doc";
import { MAX_DOCX_UNPACKED_BYTES } from "@/lib/core/import/limits";
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import { importInWorker } from "@/lib/server/isolated-import";
import { buildDocx, hostileDocx, paragraph, run } from "../helpers/docx";

/** How often a 20 ms timer fired while `promise` was pending. */
async function ticksWhile<T>(promise: Promise<T>): Promise<{ ticks: number; outcome: unknown }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  const outcome = await promise.then(
    (v) => v,
    (e: unknown) => e,
  );
  clearInterval(timer);
  return { ticks, outcome };
}

describe("importInWorker", () => {
  it("gives what importToDoc gives, for a .docx and pasted text", async () => {
    const bytes = buildDocx([
      paragraph(run("Stem cells"), { style: "Title" }),
      paragraph(run("Even though stem cell therapy has no toxicity and rejection reaction.")),
    ]);
    const source = { fileName: "article.docx", bytes };
    expect(await importInWorker(source)).toEqual(await importToDoc(source));
    const pasted = { format: "markdown" as const, text: "# Title\n\nSome *text*." };
    expect(await importInWorker(pasted)).toEqual(await importToDoc(pasted));
  });

  it("throws the pipeline's ImportError for a source a person can fix", async () => {
    const error = await importInWorker({
      fileName: "a.docx",
      bytes: new Uint8Array([1, 2, 3, 4]),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(/could not be read/);
  });

  it("refuses a .docx whose text passes the limit before converting it", async () => {
    // ~30 MB of tiny paragraphs of 9 characters: more text than MAX_ARTICLE_TEXT.
    const bytes = hostileDocx(30 * 1024 * 1024, "aaaaaaaaa");
    expect(bytes.byteLength).toBeLessThan(200 * 1024);
    const error = await importInWorker({ fileName: "bomb.docx", bytes }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(
      new RegExp(
        `text is at least [\\d,]+ characters long; the limit is ${MAX_ARTICLE_TEXT.toLocaleString("en")}`,
      ),
    );
  }, 30_000);

  it("ends a conversion that passes its time limit, and the caller's event loop keeps running", async () => {
    // The file: ~30 MB unpacked of one-letter paragraphs (under the text limit, so only
    // the time limit stops mammoth), under the unpacked-size limit.
    const bytes = hostileDocx();
    expect(bytes.byteLength).toBeLessThan(200 * 1024);
    const { ticks, outcome } = await ticksWhile(
      importInWorker({ fileName: "tiny-paragraphs.docx", bytes }, { timeMs: 2_000 }),
    );
    expect(outcome).toBeInstanceOf(ImportError);
    expect((outcome as Error).message).toMatch(/took too long to convert \(more than 2 seconds\)/);
    expect(ticks).toBeGreaterThan(5);
  }, 30_000);

  it("ends a conversion that passes its memory limit", async () => {
    const bytes = hostileDocx(MAX_DOCX_UNPACKED_BYTES - 1024 * 1024);
    const error = await importInWorker(
      { fileName: "big.docx", bytes },
      { memoryMb: 64, timeMs: 60_000 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(/needs more memory to convert/);
  }, 90_000);
});
