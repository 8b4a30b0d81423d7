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
  experimental: {
    // Annotation imports send up to 2 MB of JSON as one string argument, escaped once more in
    // the action's body (up to twice the size); the default 1 MB would cut them off with a bare
    // 413 before the import's own, clearer limit is reached. Article imports send one file or
    // pasted source of up to 2 MB (lib/import/limits.ts) plus the form's other fields.
    serverActions: { bodySizeLimit: "5mb" },
  },
};

export default nextConfig;
