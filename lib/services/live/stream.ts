/**
 * A browser's live connection (GET /api/live, Server-Sent Events): the changes others make to
 * the article it has open, its person's notifications, and who else is on the page. Messages
 * name what changed, never its content; the page re-reads through the usual authorized reads.
 * The actor is authorized when the stream opens, and the stream ends after `MAX_STREAM_MS` so
 * the browser reconnects — and is authorized again — at least that often.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { findArticleById } from "@/db/queries/articles";
import { publishLive } from "@/db/queries/live";
import {
  deletePresence,
  insertPresence,
  latestArticleEventAfter,
  listPresence,
  touchPresence,
} from "@/db/queries/presence";
import { findUserNames } from "@/db/queries/users";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { getLiveHub, type HubMessage, type LiveHub } from "@/lib/server/live/hub";
import { logError } from "@/lib/server/logging/log";

/** A comment line this often keeps proxies from timing the stream out, and presence fresh. */
export const HEARTBEAT_MS = 20_000;
/** How long the browser waits before reconnecting a dropped stream. */
export const RETRY_MS = 3_000;
/** A stream ends after this long; the browser reconnects (and is authorized again). */
export const MAX_STREAM_MS = 10 * 60_000;
/** Tabs one person may have connected to one instance; more are refused. */
export const MAX_STREAMS_PER_USER = 12;
/** Streams one instance serves at once. */
export const MAX_STREAMS = 2_000;

export interface LiveStreamInput {
  /** The article of the review page, or none (notifications only). */
  articleId: string | null;
  /** The `Last-Event-ID` of a reconnecting browser: the last audit event it was told of. */
  lastEventId: number | null;
}

const encoder = new TextEncoder();
const frame = (data: unknown, id?: number) =>
  encoder.encode(`${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);

/**
 * Who may open a live stream: signed in, allowed to read articles (or, without an article,
 * their own desk), and the article exists. Returns the actor to open it for.
 */
export async function authorizeLiveStream(
  db: Db,
  actor: Actor | null,
  articleId: string | null,
): Promise<Actor> {
  const me = authorize(actor, articleId ? "article:read" : "desk:read");
  if (articleId && !(await findArticleById(db, articleId))) {
    throw new AppError("not_found", "This article does not exist.");
  }
  return me;
}

/**
 * Opens the stream for `me`, authorized by `authorizeLiveStream`. `signal` is the request's:
 * the stream ends when it aborts. Refused when the person or the instance has too many open.
 */
export async function openLiveStream(
  db: Db,
  me: Actor,
  input: LiveStreamInput,
  signal: AbortSignal,
  hub: LiveHub = getLiveHub(),
): Promise<ReadableStream<Uint8Array>> {
  const { articleId } = input;
  if (hub.count(me.id) >= MAX_STREAMS_PER_USER || hub.count() >= MAX_STREAMS) {
    throw new AppError("rate_limited", "Too many live connections: close some tabs.");
  }
  const connectionId = randomUUID();
  const names = new Map<string, string>();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | null = null;

  const write = (bytes: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(bytes);
    } catch {
      void close();
    }
  };
  const fail = (err: unknown) => logError("live stream", err, { connectionId });

  // Presence changes come in bursts (a tab opening several claims): one read at a time, and
  // one more after it when something changed meanwhile.
  let presenceBusy = false;
  let presenceAgain = false;
  const sendPresence = async (): Promise<void> => {
    if (!articleId || closed) return;
    if (presenceBusy) {
      presenceAgain = true;
      return;
    }
    presenceBusy = true;
    try {
      do {
        presenceAgain = false;
        const people = await listPresence(db, articleId);
        write(frame({ type: "presence", articleId, people }));
      } while (presenceAgain && !closed);
    } finally {
      presenceBusy = false;
    }
  };

  const actorName = async (id: string | null): Promise<string | null> => {
    if (!id) return null;
    if (!names.has(id)) names.set(id, (await findUserNames(db, [id])).get(id) ?? "Someone");
    return names.get(id) ?? null;
  };

  const onMessage = (message: HubMessage) => {
    if (message.type === "article") {
      void actorName(message.actorId).then(
        (name) => write(frame({ ...message, actorName: name }, message.eventId)),
        fail,
      );
    } else if (message.type === "presence") {
      void sendPresence().catch(fail);
    } else {
      write(frame(message));
    }
  };

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const t of timers) clearTimeout(t);
    unsubscribe?.();
    try {
      controller.close();
    } catch {}
    if (articleId) {
      try {
        if (await deletePresence(db, connectionId)) {
          await publishLive(db, { type: "presence", articleId });
        }
      } catch (err) {
        fail(err);
      }
    }
  }

  return new ReadableStream<Uint8Array>({
    start: async (c) => {
      controller = c;
      signal.addEventListener("abort", () => void close(), { once: true });
      write(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      write(frame({ type: "hello", connectionId, userId: me.id }));
      try {
        unsubscribe = await hub.subscribe({ articleId, userId: me.id }, onMessage);
        if (closed) unsubscribe();
        if (articleId && !closed) {
          // Missed changes while away: one "resync" (the page re-reads), with the newest id.
          if (input.lastEventId !== null) {
            const newest = await latestArticleEventAfter(db, articleId, input.lastEventId);
            if (newest !== null) write(frame({ type: "resync" }, newest));
          }
          await insertPresence(db, { connectionId, userId: me.id, articleId });
          await publishLive(db, { type: "presence", articleId });
        }
      } catch (err) {
        fail(err);
        void close();
        return;
      }
      const beat = setInterval(() => {
        write(encoder.encode(": heartbeat\n\n"));
        if (articleId) {
          touchPresence(db, connectionId)
            .then(async (present) => {
              if (present || closed) return;
              // Swept meanwhile (a long pause): back on the page.
              await insertPresence(db, { connectionId, userId: me.id, articleId });
              await publishLive(db, { type: "presence", articleId });
            })
            .catch(fail);
        }
      }, HEARTBEAT_MS);
      timers.push(
        beat,
        setTimeout(() => void close(), MAX_STREAM_MS),
      );
    },
    cancel: () => close(),
  });
}
