import type { Page } from "@playwright/test";

/**
 * Collects Content-Security-Policy violations on a page, across navigations: the DOM's
 * `securitypolicyviolation` events (listened for by an init script, which runs before any page
 * script and is not governed by CSP) and the browser's "Refused to …" console errors. Call
 * before the first `goto`; the returned function gives what was seen so far.
 */
export async function collectCspViolations(page: Page): Promise<() => string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(text)) {
      seen.push(`${page.url()}: ${text}`);
    }
  });
  await page.exposeFunction("__reportCspViolation", (violation: string) => {
    seen.push(`${page.url()}: ${violation}`);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (v: string) => void })
      .__reportCspViolation;
    document.addEventListener("securitypolicyviolation", (e) => {
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return () => [...seen];
}
