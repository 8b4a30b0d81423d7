/**
 * The import boundaries of the tree (docs/architecture.md), checked by `npm run lint`
 * (`npm run lint:boundaries`). Layers, lowest first; each may import only those below it:
 *
 *   lib/core      pure rules and shapes: no database, no React or Next, no file system
 *   db            the schema and the only SQL (may use the core's shapes)
 *   lib/server    infrastructure: the action wrapper, authentication, logging
 *   lib/services  one folder per resource: authorized reads and mutations
 *   lib/entry     what starts work: server actions, the HTTP action list, the CLI, start-up, demo
 *   app           routes and components
 *
 * lib/editor (Tiptap extensions, run in the browser) may import only the core.
 * Test files are left out: a test may reach into any layer it tests.
 */
const notTest = "\\.test\\.tsx?$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment:
        "lib/core holds the rules every screen and format shares; it must run anywhere (browser, worker, CLI, tests) without a database, a framework or the file system.",
      severity: "error",
      from: { path: "^lib/core/", pathNot: notTest },
      to: {
        path: [
          "^db/",
          "^lib/(server|services|entry|editor)/",
          "^app/",
          "(^|/)node_modules/(react|react-dom|next|next-auth|@tiptap|drizzle-orm|pg|@electric-sql|server-only)/",
          "^(fs|node:fs|fs/promises|node:fs/promises|child_process|node:child_process|worker_threads|node:worker_threads)$",
        ],
      },
    },
    {
      name: "db-below-services",
      comment:
        "db/ is the SQL layer: it may use the core's shapes, never a service, the server layer or an entry point.",
      severity: "error",
      from: { path: "^db/", pathNot: notTest },
      to: { path: ["^lib/(server|services|entry|editor)/", "^app/"] },
    },
    {
      name: "server-below-services",
      comment: "lib/server is the infrastructure services run on; it knows no resource.",
      severity: "error",
      from: { path: "^lib/server/", pathNot: notTest },
      to: { path: ["^lib/(services|entry|editor)/", "^app/"] },
    },
    {
      name: "services-below-entry",
      comment: "Services are called by entry points and pages, never the other way round.",
      severity: "error",
      from: { path: "^lib/services/", pathNot: notTest },
      to: { path: ["^lib/(entry|editor)/", "^app/"] },
    },
    {
      name: "editor-on-core",
      comment: "The editor runs in the browser: it may use the core only.",
      severity: "error",
      from: { path: "^lib/editor/", pathNot: notTest },
      to: { path: ["^db/", "^lib/(server|services|entry)/", "^app/"] },
    },
    {
      name: "no-circular",
      comment: "A cycle between modules hides which one is the lower layer.",
      severity: "error",
      from: { path: "^(lib|db)/", pathNot: notTest },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next[^/]*|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
