import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BR_ACCEPTED,
  GZIP_ACCEPTED,
  negotiateContentCoding,
  negotiatedEncodingRules,
} from "@/lib/core/http/content-coding.mjs";

describe("negotiateContentCoding", () => {
  it.each([
    [null, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["br", "br"],
    // What browsers send: br wins by the server's order.
    ["gzip, deflate, br, zstd", "br"],
    ["br, gzip", "br"],
    // Weights above zero do not reorder (documented in the module).
    ["gzip;q=1, br;q=0.1", "br"],
    ["deflate", "identity"],
    ["identity", "identity"],
    ["x-gzip", "identity"],
  ] as const)("%j → %s", (header, coding) => {
    expect(negotiateContentCoding(header)).toBe(coding);
  });

  it("refuses a coding weighted zero, in any spelling of zero", () => {
    for (const zero of ["0", "0.", "0.0", "0.00", "0.000"]) {
      expect(negotiateContentCoding(`br;q=${zero}, gzip`)).toBe("gzip");
      expect(negotiateContentCoding(`br;q=${zero}, gzip;q=${zero}`)).toBe("identity");
    }
    expect(negotiateContentCoding("br;q=0.001")).toBe("br");
    expect(negotiateContentCoding("br;q=1.000")).toBe("br");
    // Not a weight: the element is ignored, not taken as 1.
    expect(negotiateContentCoding("br;q=2, gzip")).toBe("gzip");
  });

  it("reads `*` for the codings the header does not name", () => {
    expect(negotiateContentCoding("*")).toBe("br");
    expect(negotiateContentCoding("br;q=0, *")).toBe("gzip");
    expect(negotiateContentCoding("gzip;q=0, *")).toBe("br");
    expect(negotiateContentCoding("*;q=0")).toBe("identity");
    expect(negotiateContentCoding("*;q=0, gzip")).toBe("gzip");
    expect(negotiateContentCoding("br;q=0, gzip;q=0, *")).toBe("identity");
  });

  it("ignores case and white space, and does not take a longer name for br or gzip", () => {
    expect(negotiateContentCoding("BR")).toBe("br");
    expect(negotiateContentCoding("GZip;Q=0.5")).toBe("gzip");
    expect(negotiateContentCoding(" \t, br ;q=0.5 ,")).toBe("br");
    expect(negotiateContentCoding("brotli, xgzip, gzipped")).toBe("identity");
  });

  it("agrees with an element-by-element reading of the header on generated headers", () => {
    const token = fc.constantFrom("br", "BR", "gzip", "GZIP", "deflate", "identity", "*", "zstd");
    const weight = fc.constantFrom("", ";q=0", ";q=0.0", ";q=0.5", ";q=1", ";Q=0.000", " ;q=0.2");
    const header = fc
      .array(fc.tuple(fc.constantFrom("", " "), token, weight), { maxLength: 6 })
      .map((elements) => elements.map(([space, t, w]) => `${space}${t}${w}`).join(","));
    fc.assert(
      fc.property(header, (value) => {
        const weights = new Map<string, number>();
        for (const element of value.split(",")) {
          const [name = "", q] = element.split(";").map((part) => part.trim().toLowerCase());
          // A coding listed twice counts by its higher weight.
          if (name) weights.set(name, Math.max(weights.get(name) ?? 0, q ? Number(q.slice(2)) : 1));
        }
        const ok = (coding: string) => (weights.get(coding) ?? weights.get("*") ?? 0) > 0;
        const expected = ok("br") ? "br" : ok("gzip") ? "gzip" : "identity";
        expect(negotiateContentCoding(value)).toBe(expected);
      }),
    );
  });
});

describe("negotiatedEncodingRules", () => {
  it("labels the response with the coding the handler picks, for Next's anchored `has` match", () => {
    const rules = negotiatedEncodingRules("/p/:slug");
    const labelled = (header: string | undefined) =>
      rules
        .filter((rule) => {
          const matches = (item: { value: string }) =>
            header !== undefined && new RegExp(`^${item.value}$`).test(header);
          return (rule.has ?? []).every(matches) && !(rule.missing ?? []).some(matches);
        })
        .flatMap((rule) => rule.headers)
        .find((h) => h.key === "Content-Encoding")?.value ?? "identity";
    for (const header of [undefined, "gzip", "br, gzip", "br;q=0, gzip", "*", "deflate"]) {
      expect(labelled(header)).toBe(negotiateContentCoding(header));
    }
    expect(rules[0]?.headers).toEqual([{ key: "Vary", value: "Accept-Encoding" }]);
    expect(BR_ACCEPTED).not.toBe(GZIP_ACCEPTED);
  });
});
