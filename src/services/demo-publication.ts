// The demo publication (demo/content.json and its media): the reference article with its author,
// section, tracker and media, and the About page, for trying Masthead (`masthead init --demo`).
import { copyFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type ArticleInput,
  ContentInvalidError,
  forbidden,
  type MediaInput,
  type PersonInput,
  type SectionInput,
  type SiteSettingsInput,
  type TrackerInput,
} from "../content/index.js";
import {
  createArticle,
  createMedia,
  createPerson,
  createSection,
  createTracker,
  recordChanges,
  type Store,
  transact,
  updateSettings,
} from "../store/index.js";
import { importFinished } from "./import-file.js";

/** The demo folder ships beside src/ and dist/, so it resolves the same from both. */
export const DEMO_DIR = fileURLToPath(new URL("../../demo/", import.meta.url));

/** demo/content.json: domain inputs whose ids are written as "@kind:key" references. */
interface DemoFile {
  settings: SiteSettingsInput;
  sections: SectionInput[];
  media: ({ key: string; file: string } & Omit<MediaInput, "storageKey">)[];
  people: PersonInput[];
  trackers: TrackerInput[];
  articles: ArticleInput[];
  /** Pages (kind 'page'): the About page. */
  pages?: ArticleInput[];
}

/**
 * Replaces every "@kind:key" string in `value` with the id created for it, so the demo file can
 * refer to entities by readable keys.
 */
function resolveRefs<T>(value: T, ids: Map<string, string>, where: string): T {
  if (typeof value === "string" && value.startsWith("@")) {
    const id = ids.get(value);
    if (!id)
      throw new ContentInvalidError("demo content", [
        { path: where, message: `unknown reference ${value}` },
      ]);
    return id as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveRefs(v, ids, `${where}.${i}`)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids, where ? `${where}.${k}` : k)]),
    ) as T;
  return value;
}

/**
 * Loads the demo publication (the reference article with its author, section, tracker and media,
 * and the About page) in one transaction, recorded as an import (every cached page goes). Needs
 * site.import; throws ContentInvalidError for a broken demo file.
 */
export async function loadDemoPublication(
  deps: { store: Store; dataDir: string },
  actor: Actor,
  demoDir = DEMO_DIR,
): Promise<void> {
  if (!actorCan(actor, "site.import")) throw forbidden("load the demo publication");
  const { store, dataDir } = deps;
  const demo = JSON.parse(await readFile(path.join(demoDir, "content.json"), "utf8")) as DemoFile;
  const ids = new Map<string, string>();
  const mediaDir = path.join(dataDir, "media");
  await mkdir(mediaDir, { recursive: true });

  await transact(store, async (tx) => {
    await updateSettings(tx, demo.settings);
    for (const section of demo.sections) {
      const created = await createSection(tx, resolveRefs(section, ids, "sections"));
      ids.set(`@section:${created.slug}`, created.id);
    }
    for (const { key, file, ...media } of demo.media) {
      const storageKey = `demo-${file}`;
      await copyFile(path.join(demoDir, "media", file), path.join(mediaDir, storageKey));
      const created = await createMedia(tx, { ...media, storageKey });
      ids.set(`@media:${key}`, created.id);
    }
    for (const person of demo.people) {
      const created = await createPerson(tx, resolveRefs(person, ids, "people"));
      ids.set(`@person:${created.slug}`, created.id);
    }
    for (const tracker of demo.trackers) {
      const created = await createTracker(tx, resolveRefs(tracker, ids, "trackers"));
      ids.set(`@tracker:${created.slug}`, created.id);
    }
    const now = new Date().toISOString();
    for (const article of demo.articles) {
      // The demo has no date of its own: it is published when it is loaded.
      await createArticle(tx, { publishedAt: now, ...resolveRefs(article, ids, "articles") });
    }
    for (const page of demo.pages ?? [])
      await createArticle(tx, {
        publishedAt: now,
        ...resolveRefs(page, ids, "pages"),
        kind: "page",
      });
    await recordChanges(tx, [importFinished({}, { source: "demo" })]);
  });
}
