import { MarkdownHtml } from "./markdown-html";

/**
 * The claim's rationale as readers of the review see it (markdown rendered on the server).
 * For those who cannot edit it is the rationale itself; for reviewers, a preview below the
 * text box of what was last saved — rendering happens on the server, so it follows a save.
 */
export function RationaleView({
  html,
  preview,
  unsaved = false,
}: {
  html: string;
  /** Shown below the edit box (true) or instead of it (false). */
  preview: boolean;
  /** The box holds changes that the preview does not show yet. */
  unsaved?: boolean;
}) {
  if (preview) {
    if (!html) return null;
    return (
      // Not a labelled region: "Rationale" must keep naming the text box alone.
      <div className="rationale-preview">
        <p className="hint" style={{ margin: "0 0 0.25rem" }}>
          {unsaved ? "Preview of the saved rationale: save to see your changes." : "Preview"}
        </p>
        <MarkdownHtml html={html} testId="rationale-html" />
      </div>
    );
  }
  return (
    <div className="field">
      <h4 className="label" style={{ margin: 0 }}>
        Rationale
      </h4>
      {html ? (
        <MarkdownHtml html={html} testId="rationale-html" />
      ) : (
        <p className="empty" style={{ margin: 0 }}>
          No rationale yet.
        </p>
      )}
    </div>
  );
}
