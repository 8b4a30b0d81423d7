/**
 * A local HTTP server that answers as Crossref, NCBI E-utilities and the NCBI ID converter do,
 * from recorded real responses (tests/fixtures/outside/, each with its source in README.md): the
 * one thing tests stand in for. The app is pointed at it by its base-URL variables
 * (`outsideEnv(url)`): Crossref under /crossref, E-utilities under /eutils, the ID converter
 * under /idconv.
 *
 * Tests steer it like the outside world changing: `down` makes a service fail (`"error"`: 503,
 * `"hang"`: never answers, so the app's time-out shows), and `state` is a bag the route modules
 * read (the watch's tests switch a paper to "retracted" with it). Every request is recorded.
 *
 * Run as a program (`node --import tsx tests/helpers/outside/server.ts PORT`) for the end-to-end
 * suite, it is steered over HTTP: `POST /__control` with a JSON body `{ down?, state? }`
 * (merged) and `GET /__requests`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { lookupRoutes } from "./lookup-routes";
import { watchRoutes } from "./watch-routes";

export type OutsideServiceName = "crossref" | "eutils" | "idconv";

export interface OutsideState {
  down: Partial<Record<OutsideServiceName, "error" | "hang">>;
  state: Record<string, unknown>;
}

export interface RecordedRequest {
  service: OutsideServiceName;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  at: number;
}

export interface RouteAnswer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A route module answers a request to one service, or returns null to let the next one try.
 * `path` is what follows the service's prefix ("/works/10.1/x", "/efetch.fcgi").
 */
export type OutsideRoute = (
  req: RecordedRequest,
  world: OutsideState,
) => RouteAnswer | null | Promise<RouteAnswer | null>;

const ROUTES: OutsideRoute[] = [...lookupRoutes, ...watchRoutes];

export interface OutsideServices {
  url: string;
  world: OutsideState;
  requests: RecordedRequest[];
  /** The app's environment variables that point it here. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export function outsideEnv(url: string): Record<string, string> {
  return {
    CROSSREF_BASE_URL: `${url}/crossref`,
    NCBI_EUTILS_BASE_URL: `${url}/eutils`,
    NCBI_IDCONV_BASE_URL: `${url}/idconv`,
  };
}

const json = (status: number, body: unknown): RouteAnswer => ({
  status,
  body: JSON.stringify(body),
  contentType: "application/json",
});

export async function startOutsideServices(port = 0): Promise<OutsideServices> {
  const world: OutsideState = { down: {}, state: {} };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (a: RouteAnswer) => {
      res.writeHead(a.status, {
        "content-type": a.contentType ?? "application/json",
        ...a.headers,
      });
      res.end(a.body);
    };

    if (url.pathname === "/__control" && req.method === "POST") {
      const change = JSON.parse(body || "{}") as Partial<OutsideState>;
      if (change.down) world.down = change.down;
      if (change.state) Object.assign(world.state, change.state);
      return send(json(200, world));
    }
    if (url.pathname === "/__requests") {
      return send(
        json(
          200,
          requests.map((r) => ({ ...r, query: r.query.toString() })),
        ),
      );
    }
    if (url.pathname === "/__reset" && req.method === "POST") {
      world.down = {};
      world.state = {};
      requests.length = 0;
      return send(json(200, world));
    }

    const [, prefix, ...rest] = url.pathname.split("/");
    if (prefix !== "crossref" && prefix !== "eutils" && prefix !== "idconv") {
      return send(json(404, { error: `no such service: ${prefix}` }));
    }
    const service = prefix as OutsideServiceName;
    // A form body (NCBI's POST for long id lists) is read like a query string.
    const query = new URLSearchParams(url.search);
    if (req.method === "POST" && (req.headers["content-type"] ?? "").includes("form")) {
      for (const [k, v] of new URLSearchParams(body)) query.append(k, v);
    }
    const recorded: RecordedRequest = {
      service,
      method: req.method ?? "GET",
      path: `/${rest.join("/")}`,
      query,
      body,
      at: Date.now(),
    };
    requests.push(recorded);

    const down = world.down[service];
    if (down === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (down === "error")
      return send({ status: 503, body: "Service Unavailable", contentType: "text/plain" });

    for (const route of ROUTES) {
      const answer = await route(recorded, world);
      if (answer) return send(answer);
    }
    // What Crossref says for a DOI it does not know; the other services answer likewise below.
    if (service === "crossref")
      return send({ status: 404, body: "Resource not found.", contentType: "text/plain" });
    return send(json(404, { error: "not recorded" }));
  });

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    world,
    requests,
    env: outsideEnv(url),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 3190);
  startOutsideServices(port).then((s) => console.log(`outside services on ${s.url}`));
}
