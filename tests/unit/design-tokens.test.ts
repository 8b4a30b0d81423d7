/**
 * One palette for the workspace, the public page and the HTML export: lib/core/design-tokens.ts
 * is the source, app/styles/tokens.css must spell out exactly its values, the other sheets use
 * only tokens (no colour of their own), and the export carries the same values.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TOKEN_PROPERTIES, tokenCss } from "@/lib/core/design-tokens";
import { renderHtmlExport } from "@/lib/core/export/html";
import { demoModel } from "../helpers/export-models";

const STYLES = path.join(process.cwd(), "app", "styles");

function sheets(dir = STYLES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sheets(file);
    return entry.name.endsWith(".css") ? [file] : [];
  });
}

const read = (file: string) => fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** The custom properties declared in `:root` rules, by name. */
function rootProperties(css: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [, body] of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
    for (const [, name, value] of (body ?? "").matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
      properties[name as string] = (value as string).trim();
    }
  }
  return properties;
}

const usedTokens = (css: string) =>
  [...css.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1] as string);

describe("design tokens", () => {
  it("app/styles/tokens.css declares exactly the values of lib/core/design-tokens.ts", () => {
    expect(rootProperties(read(path.join(STYLES, "tokens.css")))).toEqual(TOKEN_PROPERTIES);
  });

  it("the other sheets take every colour from a token and use only declared tokens", () => {
    for (const file of sheets()) {
      if (path.basename(file) === "tokens.css") continue;
      const css = read(file);
      expect(css.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/gi), file).toBeNull();
      expect(Object.keys(rootProperties(css)), file).toEqual([]);
      for (const name of usedTokens(css)) expect(TOKEN_PROPERTIES, file).toHaveProperty([name]);
    }
  });

  it("every sheet is loaded by the root layout", () => {
    const layout = fs.readFileSync(path.join(process.cwd(), "app", "layout.tsx"), "utf8");
    for (const file of sheets()) {
      expect(layout).toContain(`"./${path.relative("app", path.relative(process.cwd(), file))}"`);
    }
  });

  it("the HTML export (and so the public page) carries the same values, and declares what it uses", () => {
    const html = renderHtmlExport(demoModel());
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";
    const declared = rootProperties(style);
    for (const [name, value] of Object.entries(declared)) {
      expect(TOKEN_PROPERTIES[name], name).toBe(value);
    }
    const used = usedTokens(style);
    expect(used).toContain("--v-inaccurate-bg");
    for (const name of used) expect(declared, name).toHaveProperty([name]);
  });

  it("writes only the tokens a style uses when given one", () => {
    expect(tokenCss("a { color: var(--s-open); }")).toBe(
      `:root {\n  --s-open: ${TOKEN_PROPERTIES["--s-open"]};\n}`,
    );
    expect(Object.keys(rootProperties(tokenCss()))).toEqual(Object.keys(TOKEN_PROPERTIES));
  });
});
