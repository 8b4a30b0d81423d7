/**
 * Recorded answers for the look-up (see server.ts and tests/fixtures/outside/README.md): Crossref
 * works by DOI, PubMed records by PMID (efetch), the ID converter by PMCID or DOI. Anything not
 * recorded is left to the other route modules (the watch's), then to the server's own answer;
 * the identifiers in NO_SUCH_* answer as the real services do for an unknown one (Crossref 404
 * "Resource not found.", efetch an empty article set), and the ID converter answers an error
 * record for anything PMC does not have.
 */
import fs from "node:fs";
import path from "node:path";
import type { OutsideRoute, RouteAnswer } from "./server";

const DIR = path.join(process.cwd(), "tests/fixtures/outside/lookup");
const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");

/** DOI (lower-cased) → Crossref work file. */
export const CROSSREF_WORKS: Record<string, string> = {
  "10.1136/jclinpath-2020-206745": "crossref-work-10.1136_jclinpath-2020-206745.json",
  "10.1002/jor.1100150407": "crossref-work-10.1002_jor.1100150407.json",
};

/** PMID → efetch file. */
export const PUBMED_RECORDS: Record<string, string> = {
  "23878845": "efetch-pubmed-23878845.xml",
  "16080930": "efetch-pubmed-16080930.xml",
  "21813367": "efetch-pubmed-21813367.xml",
};

/** Identifiers the services answer "no such work" for, whatever other route modules record. */
export const NO_SUCH_DOIS = new Set(["10.1371/notarealdoi", "10.5555/claimdesk-no-such-doi"]);
export const NO_SUCH_PMIDS = new Set(["999999999"]);

/** What the ID converter knows (only articles in PMC): PMCID or DOI → file. */
export const IDCONV_RECORDS: Record<string, string> = {
  PMC3261988: "idconv-PMC3261988.json",
  "10.1289/ehp.1103729": "idconv-PMC3261988.json",
};

const json = (body: string): RouteAnswer => ({
  status: 200,
  body,
  contentType: "application/json",
});

const crossrefWork: OutsideRoute = (req) => {
  if (req.service !== "crossref" || !req.path.startsWith("/works/")) return null;
  const doi = decodeURIComponent(req.path.slice("/works/".length)).toLowerCase();
  const file = CROSSREF_WORKS[doi];
  if (file) return json(read(file));
  if (NO_SUCH_DOIS.has(doi)) {
    return { status: 404, body: read("crossref-404.txt"), contentType: "text/plain" };
  }
  // Left to the watch's routes, then to the server's own 404 (the same recorded body).
  return null;
};

const efetch: OutsideRoute = (req) => {
  if (req.service !== "eutils" || req.path !== "/efetch.fcgi") return null;
  if (req.query.get("db") !== "pubmed") return null;
  const id = (req.query.get("id") ?? "").split(",")[0]?.trim() ?? "";
  const file = PUBMED_RECORDS[id] ?? (NO_SUCH_PMIDS.has(id) ? "efetch-pubmed-empty.xml" : null);
  if (!file) return null;
  return { status: 200, body: read(file), contentType: "text/xml; charset=UTF-8" };
};

const idconv: OutsideRoute = (req) => {
  if (req.service !== "idconv") return null;
  const ids = req.query.get("ids") ?? "";
  const file = IDCONV_RECORDS[ids] ?? IDCONV_RECORDS[ids.toLowerCase()];
  if (file) return json(read(file));
  // The real answer for an identifier PMC does not have (see idconv-not-in-pmc.json).
  return json(
    JSON.stringify({
      status: "ok",
      records: [{ "requested-id": ids, status: "error", errmsg: "Identifier not found in PMC" }],
    }),
  );
};

export const lookupRoutes: OutsideRoute[] = [crossrefWork, efetch, idconv];
