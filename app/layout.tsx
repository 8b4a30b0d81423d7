import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

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
