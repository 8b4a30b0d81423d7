/**
 * Recorded answers for the retraction watch (see server.ts and tests/fixtures/outside/README.md):
 * Crossref's `/works?filter=doi:…` list and E-utilities' `esummary.fcgi` (GET or POST).
 *
 * The world starts before any retraction: every DOI asked about answers as the recorded clean
 * work does, every PMID as the recorded clean summary, each re-addressed to the id asked for.
 * Tests make the world change with `world.state`:
 * - `retracted: ["10.…", "9500320"]` — those DOIs answer with the recorded Wakefield 1998 work's
 *   notices (retraction 2010-02-06 and correction 2004-03-06, from Retraction Watch), those PMIDs
 *   with its recorded summary ("Retracted Publication", "Retraction in" PMID 20137807);
 * - `concern: ["10.…"]` — those DOIs answer with the recorded expression of concern.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { OutsideRoute, OutsideState } from "./server";

const dir = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "../../fixtures/outside/watch",
);
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(dir, name), "utf8"));

const WAKEFIELD = fixture("crossref-work-wakefield-1998.json");
const CLEAN = fixture("crossref-work-clean-2024.json");
const CONCERN = fixture("crossref-work-concern.json");
const PUBMED_RETRACTED = fixture("pubmed-esummary-9500320.json");
const PUBMED_CLEAN = fixture("pubmed-esummary-clean.json");

const listed = (world: OutsideState, key: string): Set<string> => {
  const value = world.state[key];
  return new Set(Array.isArray(value) ? value.map((v) => String(v).toLowerCase()) : []);
};

/** The recorded work that fits what the world says about `doi`, re-addressed to it. */
function workFor(doi: string, world: OutsideState): Record<string, unknown> {
  const key = doi.toLowerCase();
  const base = listed(world, "retracted").has(key)
    ? WAKEFIELD
    : listed(world, "concern").has(key)
      ? CONCERN
      : CLEAN;
  return { ...base, DOI: doi };
}

function summaryFor(pmid: string, world: OutsideState): Record<string, unknown> {
  const recorded = listed(world, "retracted").has(pmid) ? PUBMED_RETRACTED : PUBMED_CLEAN;
  const result = recorded.result as Record<string, unknown>;
  const uid = (result.uids as string[])[0] as string;
  return { ...(result[uid] as Record<string, unknown>), uid: pmid };
}

const json = (body: unknown) => ({
  status: 200,
  body: JSON.stringify(body),
  contentType: "application/json",
});

/** `GET /works?filter=doi:A,doi:B&rows=N`: Crossref's work-list envelope around the works. */
const crossrefWorksByDoi: OutsideRoute = (req, world) => {
  if (req.service !== "crossref" || req.path !== "/works") return null;
  const filter = req.query.get("filter") ?? "";
  const dois = filter
    .split(",")
    .filter((f) => f.startsWith("doi:"))
    .map((f) => f.slice(4));
  if (dois.length === 0) return null;
  const items = dois.map((d) => workFor(d, world));
  return json({
    status: "ok",
    "message-type": "work-list",
    "message-version": "1.0.0",
    message: {
      facets: {},
      "total-results": items.length,
      items,
      "items-per-page": Number(req.query.get("rows") ?? 20),
      query: { "start-index": 0, "search-terms": null },
    },
  });
};

/** `esummary.fcgi?db=pubmed&id=…&retmode=json` (the ids in the query or a POSTed form). */
const pubmedSummaries: OutsideRoute = (req, world) => {
  if (req.service !== "eutils" || req.path !== "/esummary.fcgi") return null;
  if (req.query.get("db") !== "pubmed" || req.query.get("retmode") !== "json") return null;
  const ids = (req.query.get("id") ?? "").split(",").filter((id) => /^\d+$/.test(id));
  const result: Record<string, unknown> = { uids: ids };
  for (const id of ids) result[id] = summaryFor(id, world);
  return json({ header: PUBMED_CLEAN.header, result });
};

export const watchRoutes: OutsideRoute[] = [crossrefWorksByDoi, pubmedSummaries];
