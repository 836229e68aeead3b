import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Builds the editors' app into dist/admin/, served under /admin by src/api/admin-app.ts.
 * `npx vite --config src/admin/vite.config.ts` serves it with the API proxied to a running
 * `npm run dev` on port 3000.
 */
export default defineConfig({
  root: here,
  base: "/admin/",
  // Preact through the compiler's own automatic JSX runtime: no framework plugin needed.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../../dist/admin", import.meta.url)),
    emptyOutDir: true,
    // Hashed file names under assets/ let the server cache them for a year.
    assetsDir: "assets",
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/media": "http://127.0.0.1:3000",
      "/preview": "http://127.0.0.1:3000",
    },
  },
});
