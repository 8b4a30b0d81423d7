/**
 * What an e-mail of the outbox says: subject, plain text, simple HTML and the headers that
 * thread it and let the person unsubscribe. Pure: the worker (lib/services/email) gathers the
 * rows and the links and sends what this returns.
 *
 * - One thread per article: every e-mail about an article refers (`References`, `In-Reply-To`)
 *   to a root Message-ID fixed by the article (`<article-{id}@{host}>`, never sent itself) and
 *   has the subject "[Claimdesk] {title}", so mail clients gather them.
 * - A daily digest gathers one person's due rows in one e-mail; it spans articles, so it
 *   starts no thread.
 * - Everything people typed (titles, summaries, names) is escaped in the HTML; none of it is
 *   ever HTML.
 */
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/core/desk-vocabulary";
import { escapeHtml } from "@/lib/core/html/escape";

export interface EmailItem {
  kind: NotificationKind;
  summary: string;
  createdAt: Date;
  articleId: string | null;
  articleTitle: string | null;
  articleSlug: string | null;
  claimId: string | null;
  claimNumber: number | null;
}

export interface EmailLinks {
  /** The app's own origin, e.g. https://claimdesk.example.org (no trailing slash). */
  baseUrl: string;
  /** The page that confirms turning these kinds off (shown in the body). */
  unsubscribePage(kinds: NotificationKind[]): string;
  /** The RFC 8058 one-click POST target (the List-Unsubscribe header). */
  unsubscribeOneClick(kinds: NotificationKind[]): string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** The fixed root of an article's thread (never sent; every e-mail about it refers to it). */
export function articleThreadId(articleId: string, host: string): string {
  return `<article-${articleId}@${host}>`;
}

/** The link to the exact claim (or the article, or the notifications list). */
export function itemHref(item: EmailItem, baseUrl: string): string {
  if (!item.articleSlug) return `${baseUrl}/`;
  const article = `${baseUrl}/articles/${encodeURIComponent(item.articleSlug)}`;
  return item.claimId ? `${article}?claim=${encodeURIComponent(item.claimId)}` : article;
}

function where(item: EmailItem): string {
  const claim = item.claimNumber !== null ? `Claim ${item.claimNumber}` : null;
  const article = item.articleTitle ? `“${item.articleTitle}”` : null;
  return [claim, article].filter(Boolean).join(" in ");
}

/** Where a person chooses what they are told about (their account page). */
export const SETTINGS_PATH = "/account/notifications";

const STYLE_P = 'style="margin:0 0 12px"';
const STYLE_SMALL = 'style="color:#555;font-size:13px"';

/** One e-mail for `items` (one item, or a daily digest's), to someone who chose that cadence. */
export function composeEmail(
  items: readonly EmailItem[],
  options: { digest: boolean; host: string; links: EmailLinks },
): ComposedEmail {
  const first = items[0];
  if (!first) throw new Error("composeEmail: no items");
  const { links } = options;
  const kinds = [...new Set(items.map((i) => i.kind))];
  const single = !options.digest;
  const subject =
    single && first.articleTitle
      ? `[Claimdesk] ${first.articleTitle}`
      : single
        ? `[Claimdesk] ${NOTIFICATION_KIND_LABELS[first.kind]}`
        : `[Claimdesk] Your daily digest: ${items.length} notification${items.length === 1 ? "" : "s"}`;

  const textItems = items.map((i) => {
    const at = where(i);
    return [`* ${i.summary}`, at ? `  ${at}` : null, `  ${itemHref(i, links.baseUrl)}`]
      .filter(Boolean)
      .join("\n");
  });
  const textUnsubscribe = kinds.map(
    (k) => `Stop e-mail for “${NOTIFICATION_KIND_LABELS[k]}”: ${links.unsubscribePage([k])}`,
  );
  const text = [
    single ? first.summary : `Your notifications of the day (${items.length}):`,
    "",
    ...(single ? [where(first), `Open it: ${itemHref(first, links.baseUrl)}`] : textItems),
    "",
    "--",
    ...textUnsubscribe,
    `Choose what you are told about: ${links.baseUrl}${SETTINGS_PATH}`,
    "",
  ].join("\n");

  const htmlItems = items.map(
    (i) =>
      `<li ${STYLE_P}><a href="${escapeHtml(itemHref(i, links.baseUrl))}">${escapeHtml(i.summary)}</a>` +
      (where(i) ? `<br><span ${STYLE_SMALL}>${escapeHtml(where(i))}</span>` : "") +
      "</li>",
  );
  const htmlUnsubscribe = kinds.map(
    (k) =>
      `<a href="${escapeHtml(links.unsubscribePage([k]))}">Stop e-mail for “${escapeHtml(NOTIFICATION_KIND_LABELS[k])}”</a>`,
  );
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    single
      ? `<p ${STYLE_P}>${escapeHtml(first.summary)}</p>` +
        (where(first) ? `<p ${STYLE_P}>${escapeHtml(where(first))}</p>` : "") +
        `<p ${STYLE_P}><a href="${escapeHtml(itemHref(first, links.baseUrl))}">Open it in Claimdesk</a></p>`
      : `<p ${STYLE_P}>Your notifications of the day (${items.length}):</p><ul>${htmlItems.join("")}</ul>`,
    `<hr><p ${STYLE_SMALL}>${htmlUnsubscribe.join(" · ")} · <a href="${escapeHtml(`${links.baseUrl}${SETTINGS_PATH}`)}">Choose what you are told about</a></p>`,
    "</body></html>",
  ].join("\n");

  const headers: Record<string, string> = {
    "List-Unsubscribe": `<${links.unsubscribeOneClick(kinds)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Auto-Submitted": "auto-generated",
  };
  if (single && first.articleId) {
    const root = articleThreadId(first.articleId, options.host);
    headers["In-Reply-To"] = root;
    headers.References = root;
  }
  return { subject, text, html, headers };
}
