import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import type { SeedUser } from "./server.js";

/** A password long enough for the password rule. */
export const PASSWORD = "correct horse battery staple";

/** The demo's author, as an editor account writing under her byline. */
export const EDITOR: SeedUser = {
  email: "serena@example.org",
  name: "Serena Zehlius",
  role: "editor",
  password: PASSWORD,
  personSlug: "serena-zehlius",
};

const SCREENSHOTS = path.resolve("test-results/screenshots");

/**
 * Saves test-results/screenshots/admin-<name>.png for people to look at: the whole page (the
 * window is made as tall as the page, so sticky bars stay where a reader sees them), or only
 * what is on screen when a dialog is open.
 */
export async function screenshot(page: Page, name: string, { whole = true } = {}): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `admin-${name}.png`);
  const size = page.viewportSize();
  if (!whole || !size) {
    await page.screenshot({ path: file });
    return;
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({
    width: size.width,
    height: Math.min(Math.max(height, size.height), 8000),
  });
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
}

/** Opens the admin app and signs in through its form; resolves on the articles list. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: Pick<SeedUser, "email" | "password">,
) {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor();
}

/** A real PNG photo stand-in: a gradient with a shape, `width`×`height`. */
export async function makePng(width = 1200, height = 800): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#c9b79c"/><stop offset="1" stop-color="#6d5a43"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <rect x="${width * 0.2}" y="${height * 0.35}" width="${width * 0.6}" height="${height * 0.45}" fill="#efe6d6"/>
    <polygon points="${width * 0.15},${height * 0.36} ${width * 0.5},${height * 0.15} ${width * 0.85},${height * 0.36}" fill="#8c2f2f"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A `datetime-local` value for a moment, in the browser's (and this process's) time zone. */
export function localDateTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(
    at.getMinutes(),
  )}:${pad(at.getSeconds())}`;
}

/** Signs in through the API (as an integration of the test would) and returns what it needs. */
export async function apiSession(baseUrl: string, user: Pick<SeedUser, "email" | "password">) {
  const response = await fetch(`${baseUrl}/api/admin/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!response.ok) throw new Error(`signing in ${user.email} failed: ${response.status}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
  };
}
