// Copies the files tsc does not emit (the public site's CSS and scripts) next to the compiled
// code, so `dist/site/assets.ts`'s import.meta.url lookup finds them as it does under `src/`.
import { cp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const copies = [["src/site/assets", "dist/site/assets"]];

for (const [from, to] of copies) {
  // Start clean so a file deleted from src does not linger in dist.
  await rm(root + to, { recursive: true, force: true });
  await cp(root + from, root + to, { recursive: true });
  console.log(`copied ${from} -> ${to}`);
}
