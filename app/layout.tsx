import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
// Global sheets by area, in cascade order: tokens, then base and shared components, then the
// pages'. All load here, one bundle in this order; a sheet imported by a nested layout would load
// only there and later, so a page's order could differ between navigations.
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/forms.css";
import "./styles/badges.css";
import "./styles/markdown.css";
import "./styles/auth.css";
import "./styles/workspace/review.css";
import "./styles/workspace/revisions.css";
import "./styles/workspace/activity.css";
import "./styles/workspace/search.css";
import "./styles/workspace/queues.css";
import "./styles/workspace/library.css";
import "./styles/workspace/notifications.css";
import "./styles/workspace/dashboard.css";
import "./styles/admin.css";

export const metadata: Metadata = {
  title: { default: "Claimdesk", template: "%s · Claimdesk" },
  description: "Editorial fact-check and claims tracking for health and medical content.",
};

/**
 * Every page renders per request: the CSP nonce (proxy.ts) is new for each response, and a page
 * pre-rendered at build time would carry scripts without it, which the browser then blocks.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
