/**
 * What the page tells the live connection (./live-connection.tsx): which article it shows, and
 * which claim its person has open and whether they are typing in it. Module state, shared by
 * the layout's connection and the review page within the tab.
 */
export type LiveFocus = { articleId: string | null; claimId: string | null; editing: boolean };

let focus: LiveFocus = { articleId: null, claimId: null, editing: false };
const listeners = new Set<(focus: LiveFocus) => void>();

export function liveFocus(): LiveFocus {
  return focus;
}

/** Says what the page shows now; the connection reopens for a new article, else posts it. */
export function setLiveFocus(next: LiveFocus): void {
  if (
    next.articleId === focus.articleId &&
    next.claimId === focus.claimId &&
    next.editing === focus.editing
  )
    return;
  focus = next;
  for (const l of listeners) l(focus);
}

export function onLiveFocus(listener: (focus: LiveFocus) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The browser event each live message is dispatched as, with the message as its `detail`. */
export const LIVE_EVENT = "claimdesk:live";

let presence: unknown = null;

/** The last presence list the connection received: for a page part that starts listening late. */
export function lastPresence(): unknown {
  return presence;
}

export function keepPresence(message: unknown): void {
  presence = message;
}
