/**
 * `npm run audit:deps` (the first step of `npm test`): `npm audit --omit=dev`, failing on any
 * high or critical advisory in the production dependencies.
 *
 * When the registry's advisory endpoint cannot be reached (offline, or a proxy that allows only
 * GET, as on the project's build machines, which answer 405), the check cannot be made: it says
 * so loudly and passes, unless CLAIMDESK_AUDIT_REQUIRED=1 makes that a failure too (set it
 * where the endpoint is reachable, so a network fault cannot hide an advisory).
 */
import { spawnSync } from "node:child_process";

interface AuditVulnerability {
  severity: string;
  range?: string;
  via?: (string | { title?: string; url?: string })[];
}

export interface AuditReport {
  metadata?: {
    vulnerabilities?: Partial<Record<"info" | "low" | "moderate" | "high" | "critical", number>>;
    dependencies?: { prod?: number; total?: number };
  };
  vulnerabilities?: Record<string, AuditVulnerability>;
  message?: string;
}

/** What to print and the exit code, for `npm audit --json`'s output (null: not JSON). */
export function judgeAudit(
  report: AuditReport | null,
  stderr: string,
  required: boolean,
): { exitCode: 0 | 1; lines: string[] } {
  const counts = report?.metadata?.vulnerabilities;
  if (report && counts) {
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    const deps = report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total ?? "?";
    if (serious === 0) {
      return {
        exitCode: 0,
        lines: [
          `npm audit: no high or critical advisories in ${deps} production dependencies (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low).`,
        ],
      };
    }
    const lines = [`npm audit: ${serious} high or critical advisories in production dependencies:`];
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
      if (v.severity !== "high" && v.severity !== "critical") continue;
      const titles = (v.via ?? [])
        .filter((via): via is { title?: string; url?: string } => typeof via === "object")
        .map((via) => `${via.title} (${via.url})`);
      lines.push(`  ${v.severity.padEnd(8)} ${name} ${v.range ?? ""}: ${titles.join("; ")}`);
    }
    lines.push("Upgrade them (or `npm audit fix --omit=dev`), then run the tests again.");
    return { exitCode: 1, lines };
  }
  const why = report?.message ?? (stderr.trim().split("\n").at(-1) || "no answer");
  return {
    exitCode: required ? 1 : 0,
    lines: [
      `npm audit: COULD NOT CHECK the production dependencies for advisories: ${why}`,
      `  Run \`npm audit --omit=dev\` where the npm registry's advisory endpoint is reachable.${
        required ? "" : " (Not a failure here; CLAIMDESK_AUDIT_REQUIRED=1 makes it one.)"
      }`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: AuditReport | null = null;
  try {
    report = JSON.parse(result.stdout) as AuditReport;
  } catch {
    report = null;
  }
  const { exitCode, lines } = judgeAudit(
    report,
    result.stderr ?? "",
    process.env.CLAIMDESK_AUDIT_REQUIRED === "1",
  );
  (exitCode === 0 ? console.log : console.error)(lines.join("\n"));
  process.exit(exitCode);
}
