// The pure rules of the Ghost import: dates in every form Ghost wrote them, image paths, and
// permalinks in both spellings.
import { describe, expect, it } from "vitest";
import { ghostImagePath, permalinkOf } from "../../../src/importers/ghost/map.js";
import { ghostDate } from "../../../src/importers/ghost/records.js";
import { sniffGhostHead } from "../../../src/importers/ghost/sniff.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("Ghost values", () => {
  it("reads dates as ISO strings, SQL datetimes (UTC) and epoch milliseconds", () => {
    expect(ghostDate("2021-05-02T10:00:00.000Z")).toBe("2021-05-02T10:00:00.000Z");
    expect(ghostDate("2018-03-04 10:00:00")).toBe("2018-03-04T10:00:00.000Z");
    expect(ghostDate(1520157600000)).toBe("2018-03-04T10:00:00.000Z");
    expect(ghostDate("1520157600000")).toBe("2018-03-04T10:00:00.000Z");
    expect(ghostDate(null)).toBeNull();
    expect(ghostDate("not a date")).toBeNull();
  });

  it("finds the original of the site's own images, and nothing for other sites'", () => {
    expect(ghostImagePath("__GHOST_URL__/content/images/2021/05/a.jpg")).toBe("2021/05/a.jpg");
    expect(ghostImagePath("/content/images/size/w600/2021/05/a.jpg")).toBe("2021/05/a.jpg");
    expect(
      ghostImagePath("https://x.example/content/images/size/w600/format/webp/2021/05/a.jpg"),
    ).toBe("2021/05/a.jpg");
    expect(ghostImagePath("/blog/content/images/2021/05/caf%C3%A9.jpg")).toBe("2021/05/café.jpg");
    expect(ghostImagePath("https://images.unsplash.com/photo-1?w=2000")).toBeNull();
    expect(ghostImagePath("/content/images/../../etc/passwd")).toBeNull();
  });

  it("builds old permalinks from either spelling of the setting", () => {
    const v = {
      slug: "harbour",
      id: "5a10",
      publishedAt: "2019-05-03T08:00:00.000Z",
      primaryTag: "news",
      primaryAuthor: "jane",
    };
    expect(permalinkOf("", v)).toBe("/harbour/");
    expect(permalinkOf("/:year/:month/:day/:slug/", v)).toBe("/2019/05/03/harbour/");
    expect(permalinkOf("/{year}/{month}/{slug}/", v)).toBe("/2019/05/harbour/");
    expect(permalinkOf("/{primary_tag}/{slug}", v)).toBe("/news/harbour/");
    expect(permalinkOf("/:year/:slug/", { ...v, publishedAt: null })).toBeNull();
  });

  it("tells wrong files apart from their first bytes", () => {
    expect(sniffGhostHead(bytes('{"db":[{"meta":{}}]}'))).toBeNull();
    expect(
      sniffGhostHead(
        bytes('<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">'),
      ),
    ).toMatch(/masthead import wordpress/);
    expect(sniffGhostHead(bytes("PK\u0003\u0004"))).toMatch(/ZIP/);
    expect(sniffGhostHead(bytes("[1,2]"))).toMatch(/holds a list/);
    expect(sniffGhostHead(bytes("hello"))).toMatch(/not JSON/);
    expect(sniffGhostHead(new Uint8Array())).toMatch(/empty/);
  });
});
