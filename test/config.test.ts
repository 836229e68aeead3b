import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("defaults to SQLite under ./data on 127.0.0.1:3000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      publicUrl: "http://127.0.0.1:3000",
      trustProxy: ["loopback"],
    });
    expect(config.database).toEqual({ kind: "sqlite", file: path.resolve("data/masthead.db") });
  });

  it("reads PostgreSQL from DATABASE_URL", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/news",
      MASTHEAD_URL: "https://news.example.org/",
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/news" });
    expect(config.publicUrl).toBe("https://news.example.org");
  });

  it.each([
    ["true", true],
    ["false", false],
    [
      " Loopback, 10.0.0.0/8 ,fd00::/8,192.0.2.7 ",
      ["loopback", "10.0.0.0/8", "fd00::/8", "192.0.2.7"],
    ],
  ])("reads MASTHEAD_TRUST_PROXY=%j", (value, trustProxy) => {
    expect(loadConfig({ MASTHEAD_TRUST_PROXY: value }).trustProxy).toEqual(trustProxy);
  });

  it("caps views at 10 per address and answers 120 beacons a minute unless told otherwise", () => {
    expect(loadConfig({})).toMatchObject({
      trustProxySet: false,
      viewsPerAddress: 10,
      viewBeaconsPerMinute: 120,
    });
    expect(
      loadConfig({
        MASTHEAD_TRUST_PROXY: "loopback",
        MASTHEAD_VIEWS_PER_ADDRESS: "3",
        MASTHEAD_VIEW_BEACONS_PER_MINUTE: "600",
      }),
    ).toMatchObject({ trustProxySet: true, viewsPerAddress: 3, viewBeaconsPerMinute: 600 });
  });

  it.each([
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be a whole number from 0 to 65535/],
    [
      { DATABASE_URL: "mysql://x@y/z" },
      /DATABASE_URL must start with postgres:\/\/ or be an SQLite file path/,
    ],
    [{ DATABASE_URL: "postgres://host-only" }, /DATABASE_URL must name a host and a database/],
    [{ MASTHEAD_URL: "ftp://x" }, /MASTHEAD_URL must start with http/],
    [{ MASTHEAD_TRUST_PROXY: "yes" }, /MASTHEAD_TRUST_PROXY must be true, false, or .* 'yes'/],
    [{ MASTHEAD_TRUST_PROXY: "10.0.0.0/33" }, /'10\.0\.0\.0\/33' is none of these/],
    [{ MASTHEAD_VIEWS_PER_ADDRESS: "0" }, /MASTHEAD_VIEWS_PER_ADDRESS must be a whole number/],
    [{ MASTHEAD_VIEW_BEACONS_PER_MINUTE: "ten" }, /MASTHEAD_VIEW_BEACONS_PER_MINUTE must be/],
  ])("refuses %o with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
