import { negotiatedEncodingRules } from "./lib/core/http/content-coding.mjs";

/**
 * Features the app never uses, turned off for it and anything it might embed. Only names
 * Chromium knows (an unknown one is logged as a console error on every page).
 */
const permissionsPolicy = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * Security headers that do not change per request, on every path (pages, API routes, static
 * files). The Content-Security-Policy needs a fresh nonce per request, so proxy.ts sets it.
 */
const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: permissionsPolicy },
  // For browsers without CSP `frame-ancestors`.
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e suite builds into its own folder so that a running `next dev` keeps its `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WASM and data files from its own package folder at run time; bundled, every
  // database request fails with a 500 (see STACK-NOTES). argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The public pages and downloads are served compressed ahead of time (the render cache
      // keeps brotli and gzip copies). Next drops a route handler's own Content-Encoding, but
      // sets these rules' headers as they are: the rules pick the coding from Accept-Encoding
      // with the same expressions the handlers encode by (lib/core/http/content-coding.mjs),
      // and Next's own compression leaves a response that already has a Content-Encoding alone.
      ...["/p/:slug", "/p/:slug/v/:n", "/p/:slug/export"].flatMap(negotiatedEncodingRules),
    ];
  },
  experimental: {
    // Annotation imports send up to 2 MB of JSON as one string argument, escaped once more in
    // the action's body (up to twice the size); the default 1 MB would cut them off with a bare
    // 413 before the import's own, clearer limit is reached. Article imports send one file or
    // pasted source of up to 2 MB (lib/core/import/limits.ts) plus the form's other fields.
    serverActions: { bodySizeLimit: "5mb" },
    // `forbidden()`: pages a role may not use answer 403 (lib/server/auth/page-access.ts).
    authInterrupts: true,
    // Turbopack keeps a cache of the build on disk for the next build (its default). CI builds a
    // fresh clone once and throws it away, so writing it is only cost there: 30.7 s beside the
    // build's type check on a busy 2-core machine (docs/figures.md, "Test suite time").
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default nextConfig;
