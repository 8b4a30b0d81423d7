/**
 * The unit of work a reviewer does, over the HTTP API: claim a sentence, add an evidence item,
 * comment. Used by the crash-safety test, the several-instances test and the load benchmark,
 * so all three write exactly what a person does through the UI (the same action definitions).
 */
import type { ApiArticle, ApiClient } from "./app-server";
import { sentenceRanges } from "./app-server";

export interface RoundIds {
  claimId: string;
  evidenceId: string;
  commentId: string;
}

/** A failed call: its action, status and error, for counting and for test messages. */
export class ActionFailure extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${action}: ${status} ${code}: ${message}`);
  }
}

async function call<T>(client: ApiClient, name: string, input: unknown): Promise<T> {
  const result = await client.action<T>(name, input);
  if ("error" in result) {
    throw new ActionFailure(name, result.status, result.error.code, result.error.message);
  }
  return result.data;
}

/**
 * One review round on `article`'s current revision: the claim covers sentence `n` (modulo
 * the number of sentences; overlapping claims are allowed, as people make them).
 */
export async function reviewRound(
  client: ApiClient,
  article: ApiArticle,
  n: number,
  label: string,
  hooks: {
    /** Each call's latency in milliseconds, by action name. */
    timing?: (action: string, ms: number) => void;
    /** Each write the server acknowledged (answered 200), as soon as it did. */
    acknowledged?: (action: string, id: string) => void;
  } = {},
): Promise<RoundIds> {
  const sentences = sentenceRanges(article.revision.plainText);
  const sentence = sentences[n % sentences.length];
  if (!sentence) throw new Error("the article has no sentence to claim");
  const timed = async <T extends { id: string }>(name: string, input: unknown): Promise<T> => {
    const started = performance.now();
    try {
      const data = await call<T>(client, name, input);
      hooks.acknowledged?.(name, data.id);
      return data;
    } finally {
      hooks.timing?.(name, performance.now() - started);
    }
  };
  const claim = await timed<{ id: string }>("claim.create", {
    revisionId: article.revision.id,
    ...sentence,
  });
  const evidence = await timed<{ id: string }>("evidence.add", {
    claimId: claim.id,
    title: `Randomised trial ${label}`,
    publisher: "Journal of Load Testing",
    year: 2020,
    doi: `10.1000/claimdesk.${label}`,
    stance: "contradicts",
    studyDesign: "rct",
  });
  const comment = await timed<{ id: string }>("comment.add", {
    claimId: claim.id,
    body: `Checked against the trial (${label}).`,
  });
  return { claimId: claim.id, evidenceId: evidence.id, commentId: comment.id };
}
