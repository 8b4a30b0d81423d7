/**
 * Where the outside bibliographic services are, and how politely to call them (docs/evidence.md).
 * Every base URL is set by an environment variable, so tests point the app at a local server that
 * answers as the real service does; `CLAIMDESK_OUTSIDE_SERVICES=off` turns every call off (an
 * offline desk: look-ups say so and manual entry works, the watch records that it could not run).
 */
import "server-only";

export interface OutsideConfig {
  enabled: boolean;
  crossref: { baseUrl: string; mailto: string | null };
  ncbi: { eutilsBaseUrl: string; idconvBaseUrl: string; apiKey: string | null; tool: string };
  /** Per request, before it is abandoned. */
  timeoutMs: number;
  /** Retries after the first attempt, for time-outs, 429 and 5xx. */
  retries: number;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");
const nonEmpty = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : null);

export function outsideConfig(env: NodeJS.ProcessEnv = process.env): OutsideConfig {
  const mailto = nonEmpty(env.CROSSREF_MAILTO);
  return {
    enabled: env.CLAIMDESK_OUTSIDE_SERVICES !== "off",
    crossref: {
      baseUrl: trimSlash(nonEmpty(env.CROSSREF_BASE_URL) ?? "https://api.crossref.org"),
      mailto,
    },
    ncbi: {
      eutilsBaseUrl: trimSlash(
        nonEmpty(env.NCBI_EUTILS_BASE_URL) ?? "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
      ),
      idconvBaseUrl: trimSlash(
        nonEmpty(env.NCBI_IDCONV_BASE_URL) ??
          "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles",
      ),
      apiKey: nonEmpty(env.NCBI_API_KEY),
      tool: "claimdesk",
    },
    timeoutMs:
      Number(env.CLAIMDESK_OUTSIDE_TIMEOUT_MS) > 0
        ? Number(env.CLAIMDESK_OUTSIDE_TIMEOUT_MS)
        : 8000,
    retries: 2,
  };
}

/** What is off, in words for the admin page and the start-up log; empty when all is on. */
export function outsideServicesStatus(config: OutsideConfig = outsideConfig()): string[] {
  if (!config.enabled) {
    return [
      "Look-ups by DOI and PMID and the retraction watch are off (CLAIMDESK_OUTSIDE_SERVICES=off).",
    ];
  }
  const notes: string[] = [];
  if (!config.crossref.mailto) {
    notes.push(
      "Crossref is called without CROSSREF_MAILTO: its public pool is slower than the polite pool.",
    );
  }
  if (!config.ncbi.apiKey) {
    notes.push("NCBI is called without NCBI_API_KEY: at most 3 requests a second instead of 10.");
  }
  return notes;
}
