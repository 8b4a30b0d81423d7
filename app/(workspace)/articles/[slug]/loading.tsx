/** Shown while an article's page (review, edit, history, compare) reads from the server. */
export default function Loading() {
  return (
    <div className="page">
      <p className="muted" role="status">
        Loading the article…
      </p>
    </div>
  );
}
