/** Layer rules of docs/ARCHITECTURE.md, checked on every `npm test` (via `npm run lint`). */
module.exports = {
  forbidden: [
    {
      name: "content-is-pure",
      comment:
        "The domain (src/content) imports nothing of ours and no I/O: it must stay usable by the editor, the API and the store alike. Only pure libraries without I/O: zod (schemas), dequal (deep equality), validator (email syntax) and disposable-email-domains-js (a list of throwaway mail domains, data only).",
      severity: "error",
      from: { path: "^src/content/" },
      to: {
        pathNot: [
          "^src/content/",
          "^node_modules/zod/",
          "^node_modules/dequal/",
          "^node_modules/validator/",
          "^node_modules/disposable-email-domains-js/",
        ],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "store-never-renders-or-serves",
      comment: "The store knows SQL and the domain, nothing about HTTP or HTML.",
      severity: "error",
      from: { path: "^src/store/" },
      to: {
        path: [
          "^src/(site|api|cli|admin|importers)/",
          "^src/server\\.ts$",
          "^node_modules/(fastify|preact)",
        ],
      },
    },
    {
      name: "writes-only-through-services",
      comment:
        "Route handlers, public forms and CLI commands parse, call one service and answer (issue 13): they take from the store only what src/store/reads.ts exports (reads, types, opening and migrating), never a write, so every write goes through a service that checks permission and records its change events in the same transaction. The view counter (src/site/views) is the one exception: it writes counts, not content, and records no events by design (docs/ARCHITECTURE.md, Views).",
      severity: "error",
      from: {
        path: ["^src/(api|site|cli|http)/", "^src/server\\.ts$"],
        pathNot: "^src/site/views/",
      },
      to: {
        path: "^src/store/",
        pathNot: "^src/store/reads\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "site-never-writes-sql",
      comment:
        "The site reads through store functions; it never builds queries or opens drivers itself.",
      severity: "error",
      from: { path: "^src/site/" },
      to: {
        path: [
          "^node_modules/(kysely|better-sqlite3|pg)/",
          "^src/(cli|api/admin)/",
          "^src/server\\.ts$",
        ],
      },
    },
    {
      name: "media-is-files-and-pixels",
      comment:
        "The media layer (src/media) turns bytes into images and files; it knows the domain only, never the store, HTTP or rendering.",
      severity: "error",
      from: { path: "^src/media/" },
      to: {
        path: [
          "^src/(store|site|api|cli|admin)/",
          "^src/server\\.ts$",
          "^node_modules/(fastify|preact|kysely)",
        ],
      },
    },
    {
      name: "archive-is-data-and-files",
      comment:
        "Export, restore and backup (src/archive) work on the store and the media folder; the CLI and the admin API call them, never the other way round.",
      severity: "error",
      from: { path: "^src/archive/" },
      to: {
        path: [
          "^src/(site|api|admin|cli|importers)/",
          "^src/server\\.ts$",
          "^node_modules/(fastify|preact)",
        ],
      },
    },
    {
      name: "sanitize-is-a-leaf",
      comment:
        "src/sanitize holds the one HTML policy the importers and the site both apply; it imports nothing of ours, so either may use it without pulling in the other.",
      severity: "error",
      from: { path: "^src/sanitize/" },
      to: { path: "^src/", pathNot: "^src/sanitize/" },
    },
    {
      name: "site-and-api-apart",
      comment:
        "The public site and the APIs are siblings: the site never imports the APIs (issue 13), so each can change without breaking the other. Both take authentication from src/auth and the HTTP form of errors from src/http; the admin API reaches the site only through src/site/index.ts (see api-enters-site-through-index).",
      severity: "error",
      from: { path: "^src/site/" },
      to: { path: "^src/api/" },
    },
    {
      name: "http-below-site-and-api",
      comment:
        "src/http holds what every HTTP layer shares (the mapping of the error catalogue to statuses and bodies); it imports only the domain, so the site and the APIs can both use it.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^src/", pathNot: "^src/(http|content)/" },
    },
    {
      name: "api-enters-site-through-index",
      comment:
        "See site-and-api-apart: the APIs use only what the site exports on purpose, never its routes, pages or helpers.",
      severity: "error",
      from: { path: "^src/api/" },
      to: { path: "^src/site/", pathNot: "^src/site/index\\.ts$" },
    },
    {
      name: "auth-below-http-layers",
      comment:
        "Authentication (sessions, passwords, keys, links, tokens, CSRF, the actor) sits below the site and the APIs so both can use it without importing each other; it knows the domain and the store, never routes, pages or the assembly.",
      severity: "error",
      from: { path: "^src/auth/" },
      to: { path: "^src/", pathNot: "^src/(auth|content|store)/" },
    },
    {
      name: "enter-site-through-index",
      comment:
        "Other layers use the public site only through what src/site/index.ts exports, so the site can move its files without breaking them.",
      severity: "error",
      from: { pathNot: "^src/site/" },
      to: { path: "^src/site/", pathNot: "^src/site/index\\.ts$" },
    },
    {
      name: "enter-media-through-index",
      comment:
        "Other layers use the media layer only through what src/media/index.ts exports, so it can move its files (and its worker) without breaking them.",
      severity: "error",
      from: { pathNot: "^src/media/" },
      to: { path: "^src/media/", pathNot: "^src/media/index\\.ts$" },
    },
    {
      name: "only-the-top-assembles",
      comment: "cli/ and server.ts assemble the app; nothing below them imports them.",
      severity: "error",
      from: { pathNot: ["^src/cli/", "^src/server\\.ts$"] },
      to: { path: ["^src/cli/", "^src/server\\.ts$"] },
    },
    {
      name: "admin-app-is-browser-code",
      comment:
        "The admin app (src/admin) runs in the browser: it may use its own modules and the domain (src/content, whose schemas validate in the editor as in the API), never the store, the API, the site or the server. Type-only imports are the exception (issue 14, src/admin/lib/contract.ts): the app takes its request and answer types from the API's own schemas and answer builders, and a type-only import is erased before bundling, so no server code reaches the browser.",
      severity: "error",
      from: { path: "^src/admin/" },
      to: {
        path: "^src/",
        pathNot: ["^src/admin/", "^src/content/"],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "admin-app-has-no-node",
      comment:
        "Browser code cannot import Node's built-in modules; only the Vite config (run by Node at build time) may.",
      severity: "error",
      from: { path: "^src/admin/", pathNot: "^src/admin/vite\\.config\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "\\.test\\.tsx?$" },
  },
};
