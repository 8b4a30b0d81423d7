import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { URL_ATTRIBUTES } from "../../helpers/xss";
import { signIn } from "./session";

/**
 * A browser context that ignores Content-Security-Policy (Playwright's `bypassCSP`), so that a
 * payload which survived escaping would really run instead of being blocked by the policy: the
 * XSS test checks the escaping, not the CSP (tests/e2e/security.spec.ts checks that).
 */
export async function unprotectedContext(
  browser: Browser,
  account?: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page; watch: XssWatch }> {
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  const watch = new XssWatch(page);
  if (account) await signIn(page, account);
  return { context, page, watch };
}

/** Where people's text is shown: no element but text markup may appear inside these. */
const USER_TEXT = [
  ".ProseMirror",
  ".markdown",
  "[data-testid=claim-panel] blockquote",
  "h1",
  "article",
  ".notes",
  "body > header:not(.topbar)",
];

/**
 * Watches a page for a payload that runs: any dialog (the corpus calls `alert`), `window.__xss`
 * set, and in the DOM an `on…` attribute,
 * a `javascript:`/`vbscript:`/`data:` URL, an inline script without the response's nonce, or a
 * non-text element (img, svg, iframe, style…) inside the places that show people's text.
 */
export class XssWatch {
  readonly dialogs: string[] = [];

  constructor(readonly page: Page) {
    page.on("dialog", (dialog) => {
      this.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
  }

  /** The dialogs seen so far, forgotten (after a deliberate one). */
  takeDialogs(): string[] {
    return this.dialogs.splice(0);
  }

  /** Asserts that nothing ran and nothing executable is in the page now. */
  async check(where: string) {
    const found = await this.page.evaluate(
      ({ userText, urlAttributeList }) => {
        const problems: string[] = [];
        const urlAttributes = new Set(urlAttributeList);
        const textElements = new Set(
          "P DIV SPAN A STRONG EM S CODE PRE BR HR UL OL LI BLOCKQUOTE MARK SUP H1 H2 H3 H4 H5 H6 TABLE THEAD TBODY TR TH TD SECTION".split(
            " ",
          ),
        );
        const tagOf = (el: Element) => `<${el.tagName.toLowerCase()}>`;
        for (const el of Array.from(document.querySelectorAll("*"))) {
          for (const { name, value } of Array.from(el.attributes)) {
            const lower = name.toLowerCase();
            if (lower.startsWith("on")) problems.push(`${lower} on ${tagOf(el)}`);
            if (lower === "srcdoc") problems.push(`srcdoc on ${tagOf(el)}`);
            // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in a scheme
            const url = value.replace(/[\u0000-\u0020]/g, "");
            if (urlAttributes.has(lower) && /^(javascript|vbscript|data):/i.test(url)) {
              problems.push(`${lower}="${value}" on ${tagOf(el)}`);
            }
          }
          if (el instanceof HTMLScriptElement && el.type !== "application/ld+json") {
            const ours = el.src
              ? el.src.startsWith(`${location.origin}/_next/`)
              : el.hasAttribute("nonce");
            if (!ours) problems.push(`script ${el.src || el.textContent?.slice(0, 80)}`);
          }
        }
        for (const selector of userText) {
          for (const root of Array.from(document.querySelectorAll(selector))) {
            for (const el of Array.from(root.querySelectorAll("*"))) {
              // ProseMirror's own helpers for the caret at a line's end.
              if (el.matches("img.ProseMirror-separator, br.ProseMirror-trailingBreak")) continue;
              if (!textElements.has(el.tagName)) problems.push(`${tagOf(el)} in ${selector}`);
            }
          }
        }
        const xss = (window as unknown as { __xss?: unknown }).__xss;
        if (xss !== undefined) problems.push(`window.__xss = ${String(xss)}`);
        return problems;
      },
      { userText: USER_TEXT, urlAttributeList: [...URL_ATTRIBUTES] },
    );
    expect(found, `executable content on ${where}`).toEqual([]);
    expect(this.dialogs, `dialogs on ${where}`).toEqual([]);
  }
}
