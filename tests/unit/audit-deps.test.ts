/** The dependency audit's verdict on `npm audit --json` answers (scripts/audit-deps.ts). */
import { describe, expect, it } from "vitest";
import { judgeAudit } from "../../scripts/audit-deps";

const clean = {
  metadata: {
    vulnerabilities: { info: 0, low: 1, moderate: 2, high: 0, critical: 0 },
    dependencies: { prod: 180 },
  },
  vulnerabilities: {},
};

describe("judgeAudit", () => {
  it("passes with no high or critical advisory, and says how many others", () => {
    expect(judgeAudit(clean, "", true)).toEqual({
      exitCode: 0,
      lines: [
        "npm audit: no high or critical advisories in 180 production dependencies (2 moderate, 1 low).",
      ],
    });
  });

  it("fails on a high or critical advisory, naming the package and the advisory", () => {
    const verdict = judgeAudit(
      {
        metadata: { vulnerabilities: { high: 1, critical: 1, moderate: 0, low: 0 } },
        vulnerabilities: {
          next: {
            severity: "critical",
            range: "<16.0.7",
            via: [
              {
                title: "RCE in React Server Components",
                url: "https://github.com/advisories/GHSA-x",
              },
            ],
          },
          "some-dep": { severity: "high", via: ["next"] },
          quiet: { severity: "moderate", via: [] },
        },
      },
      "",
      false,
    );
    expect(verdict.exitCode).toBe(1);
    expect(verdict.lines[0]).toBe(
      "npm audit: 2 high or critical advisories in production dependencies:",
    );
    expect(verdict.lines.join("\n")).toContain(
      "critical next <16.0.7: RCE in React Server Components (https://github.com/advisories/GHSA-x)",
    );
    expect(verdict.lines.join("\n")).toContain("some-dep");
    expect(verdict.lines.join("\n")).not.toContain("quiet");
  });

  it("says loudly that it could not check when the endpoint is unreachable", () => {
    const answer = {
      message:
        "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    };
    const lenient = judgeAudit(answer, "", false);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.lines[0]).toMatch(/^npm audit: COULD NOT CHECK .*405 Method Not Allowed/);
    expect(judgeAudit(answer, "", true).exitCode).toBe(1);
    expect(judgeAudit(null, "npm error network ENOTFOUND\n", true)).toMatchObject({
      exitCode: 1,
      lines: [
        expect.stringContaining("ENOTFOUND"),
        expect.stringContaining("npm audit --omit=dev"),
      ],
    });
  });
});
