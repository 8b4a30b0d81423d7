/**
 * The live hub: ONE listen on the live channel per process (lib/core/live/events.ts), fanned
 * out to the in-process subscribers — each browser's live connection — filtered by article
 * (article and presence messages) and by user (notifications). Kept on `globalThis` like the
 * database (db/instance.ts): Next bundles server code into several chunks, and each would
 * otherwise LISTEN on its own. While anyone is subscribed it also sweeps presence rows not
 * seen for the TTL (an instance that crashed left them), telling the articles concerned.
 */
import "server-only";
import type { DbHandle } from "@/db/client";
import { getDatabase } from "@/db/instance";
import { publishLive } from "@/db/queries/live";
import { deleteStalePresence } from "@/db/queries/presence";
import { LIVE_CHANNEL, type LiveEvent } from "@/lib/core/live/events";
import { logError } from "@/lib/server/logging/log";

/** What a subscriber receives: a live message, or "you may have missed some: re-read". */
export type HubMessage = LiveEvent | { type: "resync" };

export interface LiveFilter {
  /** The article whose changes and presence to receive; null for none (notifications only). */
  articleId: string | null;
  /** Whose notifications to receive. */
  userId: string;
}

interface Subscriber extends LiveFilter {
  send: (message: HubMessage) => void;
}

const SWEEP_MS = 30_000;

export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private listening: Promise<() => Promise<void>> | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly database: () => Promise<DbHandle>) {}

  /** Subscribers now, in all and for one user (for the per-user bound on connections). */
  count(userId?: string): number {
    if (userId === undefined) return this.subscribers.size;
    let n = 0;
    for (const s of this.subscribers) if (s.userId === userId) n++;
    return n;
  }

  /**
   * Receives the messages for `filter` from now on, once the listen is in effect (so a change
   * committed after this resolves is never missed). Returns the unsubscribe function.
   */
  async subscribe(filter: LiveFilter, send: (message: HubMessage) => void): Promise<() => void> {
    const subscriber: Subscriber = { ...filter, send };
    await this.start();
    this.subscribers.add(subscriber);
    this.sweeper ??= setInterval(() => void this.sweep(), SWEEP_MS).unref();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.sweeper) {
        clearInterval(this.sweeper);
        this.sweeper = null;
      }
    };
  }

  /** Stops listening (tests, and a process shutting down). */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.subscribers.clear();
    const pending = this.listening;
    this.listening = null;
    if (pending) await (await pending.catch(() => async () => {}))();
  }

  private start(): Promise<unknown> {
    if (!this.listening) {
      const pending = this.database().then((handle) =>
        handle.listen(
          LIVE_CHANNEL,
          (payload) => this.deliver(payload),
          () => this.broadcast({ type: "resync" }),
        ),
      );
      this.listening = pending;
      // A failed listen (the database is down) is not kept: the next subscriber tries again.
      pending.catch((err: unknown) => {
        if (this.listening === pending) this.listening = null;
        logError("live listen failed", err, {});
      });
    }
    return this.listening;
  }

  private deliver(payload: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      return;
    }
    for (const s of this.subscribers) {
      const wanted =
        event.type === "notification"
          ? event.userId === s.userId
          : s.articleId !== null && event.articleId === s.articleId;
      if (wanted) s.send(event);
    }
  }

  private broadcast(message: HubMessage): void {
    for (const s of this.subscribers) s.send(message);
  }

  /** Presence rows of crashed instances (or lost connections), cleaned and announced. */
  async sweep(): Promise<void> {
    try {
      const { db } = await this.database();
      const articles = await deleteStalePresence(db);
      for (const articleId of articles) await publishLive(db, { type: "presence", articleId });
    } catch (err) {
      logError("presence sweep failed", err, {});
    }
  }
}

const KEY = Symbol.for("claimdesk.live-hub");
type Holder = { [KEY]?: LiveHub };

/** The process's hub, on the app's database. */
export function getLiveHub(): LiveHub {
  const holder = globalThis as Holder;
  holder[KEY] ??= new LiveHub(getDatabase);
  return holder[KEY];
}
