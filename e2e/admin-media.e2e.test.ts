import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";

// The media library keeps what an archive would: an editor writes the longer description of the
// national palace photo in its details, finds it again after a reload, and the library's search
// finds the photo by words that are only in the description.

const env = useSiteAndBrowser({ users: [EDITOR] });

const PALACE_ALT = "National palace in mexico drug cartels in mexico";
const DESCRIPTION =
  "The west façade of the Palacio Nacional seen from the Zócalo.\nPhotographed during the 2024 handover; the flag is at half-mast.";

describe("the media library", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const openPalaceDetails = async () => {
    await page.getByRole("button", { name: `Details of ${PALACE_ALT}` }).click();
    return page.getByRole("dialog", { name: "Image details" });
  };

  it("saves an image's description, shows it after a reload, and searches it", async () => {
    await page.getByRole("link", { name: "Media" }).click();
    await page.getByRole("heading", { level: 1, name: "Media" }).waitFor();

    let dialog = await openPalaceDetails();
    const description = dialog.getByLabel("Description");
    expect(await description.inputValue()).toBe("");
    await description.fill(DESCRIPTION);
    await screenshot(page, "media-details", { whole: false });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await dialog.getByRole("button", { name: "Save details" }).click();
    await page.getByText("Image details saved.").waitFor();
    await dialog.waitFor({ state: "detached" });

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Media" }).waitFor();
    dialog = await openPalaceDetails();
    expect(await dialog.getByLabel("Description").inputValue()).toBe(DESCRIPTION);
    expect(await dialog.getByLabel("Alt text").inputValue()).toBe(PALACE_ALT);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByLabel("Search alt text, descriptions and credits").fill("half-mast");
    await page.getByText("1 image", { exact: true }).waitFor();
    const tiles = page.getByRole("list", { name: "Images" }).getByRole("listitem");
    expect(await tiles.count()).toBe(1);
    expect(await tiles.first().textContent()).toContain(PALACE_ALT);
  });
});
