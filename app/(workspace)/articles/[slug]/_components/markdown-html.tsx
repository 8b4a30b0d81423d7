/**
 * Shows HTML that the server rendered from markdown with `renderMarkdown`
 * (lib/core/markdown/render.ts): all input escaped, only http(s) and mailto links, no images. Never
 * pass it anything else. The parser itself stays on the server (the page's bundle budget).
 */
export function MarkdownHtml({ html, testId }: { html: string; testId?: string }) {
  return (
    <div
      className="markdown"
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's output only; tests/unit/markdown.test.ts checks every tag it can emit against an allow-list.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
