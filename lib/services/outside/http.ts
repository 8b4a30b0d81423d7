/**
 * Calling an outside service with real-world manners: a time-out on every attempt, retries with
 * exponential backoff (p-retry) for time-outs, network errors, 429 and 5xx (honouring
 * Retry-After), and a rate limiter per service (bottleneck) that keeps this process within the
 * service's limit: NCBI allows 3 requests a second (10 with an API key), Crossref's public pool 5
 * a second one at a time, its polite pool (with `mailto`) 10 a second, 3 at once. Scheduled work
 * runs on one instance at a time (lib/services/jobs), so the limits hold across instances for it.
 *
 * Failures come back as an `OutsideError` whose `kind` says what happened in words a reviewer can
 * act on; nothing here throws anything else.
 */
import "server-only";
import Bottleneck from "bottleneck";
import pRetry, { AbortError } from "p-retry";
import { type OutsideConfig, outsideConfig } from "./config";

export type OutsideService = "crossref" | "ncbi";

export const SERVICE_NAMES: Record<OutsideService, string> = {
  crossref: "Crossref",
  ncbi: "NCBI (PubMed)",
};

export type OutsideErrorKind =
  | "off"
  | "timeout"
  | "unreachable"
  | "rate_limited"
  | "failed"
  | "not_found";

export class OutsideError extends Error {
  constructor(
    readonly service: OutsideService,
    readonly kind: OutsideErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "OutsideError";
  }
}

const limiters = new Map<string, Bottleneck>();

/**
 * When each limiter's next request may start, by the clock. Bottleneck spaces the jobs it
 * *schedules*, but a job's timer fires late when the event loop is busy (PGlite runs in this
 * process) while the next one's fires on time, so two requests could leave closer together than
 * the limit allows (measured: 281 ms apart at 3/s). Each attempt reserves its slot here, in one
 * synchronous step, and waits for it.
 */
const nextSlot = new Map<Bottleneck, number>();
const minTimes = new Map<Bottleneck, number>();

async function waitForSlot(limiter: Bottleneck): Promise<void> {
  const minTime = minTimes.get(limiter) ?? 0;
  const now = Date.now();
  const at = Math.max(now, nextSlot.get(limiter) ?? 0);
  nextSlot.set(limiter, at + minTime);
  if (at > now) await new Promise((r) => setTimeout(r, at - now));
}

/** The limiter for a service under this configuration (one per process). */
export function limiterFor(service: OutsideService, config: OutsideConfig): Bottleneck {
  const polite =
    service === "crossref" ? config.crossref.mailto !== null : config.ncbi.apiKey !== null;
  const key = `${service}:${polite}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    const perSecond = service === "ncbi" ? (polite ? 10 : 3) : polite ? 10 : 5;
    // 10% under the limit: a busy event loop (a batch's database writes in this process) can
    // delay one send until it lands next to the following one; bench/watch.ts saw 6 arrivals
    // in one second at exactly 5/s.
    const minTime = Math.ceil(1100 / perSecond);
    limiter = new Bottleneck({
      maxConcurrent: service === "crossref" && polite ? 3 : 1,
      minTime,
    });
    limiters.set(key, limiter);
    minTimes.set(limiter, minTime);
  }
  return limiter;
}

export interface OutsideResponse {
  status: number;
  text: string;
}

export interface OutsideRequest {
  service: OutsideService;
  url: string;
  /** A form body makes it a POST (NCBI's way for long id lists). */
  form?: URLSearchParams;
  accept?: string;
  /** Answer these statuses rather than failing (404: "no such DOI"). */
  acceptStatuses?: readonly number[];
  config?: OutsideConfig;
  /** Counts every HTTP request made (benches, and the watch's summary). */
  onRequest?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 30_000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.min(Math.max(at - Date.now(), 0), 30_000) : null;
}

/** One request, limited, timed out, retried; the body as text. */
export async function outsideRequest(req: OutsideRequest): Promise<OutsideResponse> {
  const config = req.config ?? outsideConfig();
  const name = SERVICE_NAMES[req.service];
  if (!config.enabled) {
    throw new OutsideError(req.service, "off", `${name} look-ups are turned off on this server.`);
  }
  const limiter = limiterFor(req.service, config);
  const attempt = async (): Promise<OutsideResponse> => {
    await waitForSlot(limiter);
    req.onRequest?.();
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.form ? "POST" : "GET",
        body: req.form,
        headers: {
          accept: req.accept ?? "application/json",
          "user-agent": `Claimdesk/0.1 (${config.crossref.mailto ? `mailto:${config.crossref.mailto}` : "https://github.com/claimdesk"})`,
        },
        signal: AbortSignal.timeout(config.timeoutMs),
        redirect: "follow",
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw timedOut
        ? new OutsideError(
            req.service,
            "timeout",
            `${name} did not answer within ${Math.round(config.timeoutMs / 1000)} s.`,
          )
        : new OutsideError(
            req.service,
            "unreachable",
            `${name} could not be reached (offline, or the service is down).`,
          );
    }
    const text = await res.text();
    if (res.ok || req.acceptStatuses?.includes(res.status)) return { status: res.status, text };
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers.get("retry-after"));
      if (wait) await sleep(wait);
      throw new OutsideError(
        req.service,
        "rate_limited",
        `${name} asked us to slow down (429): try again in a minute.`,
        429,
      );
    }
    const error = new OutsideError(
      req.service,
      "failed",
      `${name} answered with an error (HTTP ${res.status}).`,
      res.status,
    );
    if (res.status >= 500) throw error;
    throw new AbortError(error);
  };
  try {
    return await pRetry(() => limiter.schedule(attempt), {
      retries: config.retries,
      minTimeout: 300,
      factor: 3,
      randomize: true,
    });
  } catch (error) {
    if (error instanceof OutsideError) throw error;
    throw new OutsideError(
      req.service,
      "failed",
      `${name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A request whose answer is JSON; a body that is not JSON is a failure in words. */
export async function outsideJson<T = unknown>(
  req: OutsideRequest,
): Promise<{ status: number; body: T | null }> {
  const res = await outsideRequest(req);
  if (res.text.trim() === "") return { status: res.status, body: null };
  try {
    return { status: res.status, body: JSON.parse(res.text) as T };
  } catch {
    if (req.acceptStatuses?.includes(res.status)) return { status: res.status, body: null };
    throw new OutsideError(
      req.service,
      "failed",
      `${SERVICE_NAMES[req.service]} sent an answer that is not JSON.`,
      res.status,
    );
  }
}
