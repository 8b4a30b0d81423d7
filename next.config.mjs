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
};

export default nextConfig;
