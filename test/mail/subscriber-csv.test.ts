import { describe, expect, it } from "vitest";
import {
  parseSubscriberCsv,
  SUBSCRIBER_CSV_MAX_ROWS,
  subscribersToCsv,
} from "../../src/mail/subscriber-csv.js";

const options = {
  newsletterSlugs: ["daily", "weekly", "climate"],
  now: new Date("2026-12-02T12:00:00Z"),
};

describe("parseSubscriberCsv", () => {
  it("reads the columns, with a byte-order mark and Windows line ends", () => {
    const csv =
      "\uFEFFemail,name,newsletters,consented_at\r\n" +
      "Ana@Example.ORG,Ana Reader,daily;weekly,2026-03-01T10:32:00Z\r\n" +
      'ben@example.org,"Ben, the ""Editor""",Weekly|CLIMATE,2026-03-02\r\n' +
      "cleo@example.org,,,\r\n";
    expect(parseSubscriberCsv(csv, options)).toEqual({
      rows: [
        {
          line: 2,
          email: "Ana@example.org",
          name: "Ana Reader",
          newsletters: ["daily", "weekly"],
          consentedAt: "2026-03-01T10:32:00.000Z",
        },
        {
          line: 3,
          email: "ben@example.org",
          name: 'Ben, the "Editor"',
          newsletters: ["weekly", "climate"],
          consentedAt: "2026-03-02T00:00:00.000Z",
        },
        { line: 4, email: "cleo@example.org", newsletters: [] },
      ],
      problems: [],
      duplicates: 0,
    });
  });

  it("needs only the email column, in any order and case", () => {
    const result = parseSubscriberCsv("Name,E-mail\nAna,ana@example.org\n", options);
    expect(result.rows).toEqual([
      { line: 2, email: "ana@example.org", name: "Ana", newsletters: [] },
    ]);
  });

  it("reads dates with offsets, without a zone (as UTC) and refuses impossible or future ones", () => {
    const csv = [
      "email,consented_at",
      "a@example.org,2026-03-01T10:32:00+02:00",
      "b@example.org,2026-03-01 10:32:00",
      "c@example.org,2026-02-31",
      "d@example.org,yesterday",
      "e@example.org,2027-01-01",
      "f@example.org,2026-03-01T25:00:00Z",
    ].join("\n");
    const result = parseSubscriberCsv(csv, options);
    expect(result.rows.map((r) => r.consentedAt)).toEqual([
      "2026-03-01T08:32:00.000Z",
      "2026-03-01T10:32:00.000Z",
    ]);
    expect(result.problems).toEqual([
      {
        line: 4,
        message:
          'consented_at "2026-02-31" is not a date (write 2026-03-01 or 2026-03-01T10:32:00Z)',
      },
      {
        line: 5,
        message:
          'consented_at "yesterday" is not a date (write 2026-03-01 or 2026-03-01T10:32:00Z)',
      },
      { line: 6, message: 'consented_at "2027-01-01" is in the future' },
      {
        line: 7,
        message:
          'consented_at "2026-03-01T25:00:00Z" is not a date (write 2026-03-01 or 2026-03-01T10:32:00Z)',
      },
    ]);
  });

  it("reports each bad row with its line and goes on", () => {
    const csv = [
      "email,name,newsletters",
      "good@example.org,Good,daily",
      "not-an-address,Bad,daily",
      "Ana <ana@example.org>,Named,",
      ",No address,daily",
      "x@example.org,X,sports;daily",
      "y@example.org,Y,daily,extra",
      "z@example.org,Z,weekly,,",
      '"multi@example.org","A name',
      'on two lines",daily',
      "after@example.org,After,",
    ].join("\n");
    const result = parseSubscriberCsv(csv, options);
    expect(result.rows.map((r) => [r.line, r.email])).toEqual([
      [2, "good@example.org"],
      // Trailing empty cells are tolerated.
      [8, "z@example.org"],
      [9, "multi@example.org"],
      [11, "after@example.org"],
    ]);
    expect(result.rows[2]?.name).toBe("A name on two lines");
    expect(result.problems).toEqual([
      {
        line: 3,
        message: 'an email address needs an @ between the name and the domain ("not-an-address")',
      },
      {
        line: 4,
        message:
          'enter the address alone, without a name or angle brackets (not "Name <a@b.org>") ("Ana <ana@example.org>")',
      },
      { line: 5, message: "the row has no email address" },
      {
        line: 6,
        message: 'unknown newsletter "sports" (the newsletters are: daily, weekly, climate)',
      },
      {
        line: 7,
        message: "the row has 4 cells but the header names 3 (a comma in a name needs quotes)",
      },
    ]);
  });

  it("keeps the first of repeated addresses, compared case-blind, and counts the rest", () => {
    const csv =
      "email,name\nana@example.org,First\nANA@EXAMPLE.ORG,Second\nben@example.org,\nAna@example.org,Third\n";
    const result = parseSubscriberCsv(csv, options);
    expect(result.rows.map((r) => r.name ?? r.email)).toEqual(["First", "ben@example.org"]);
    expect(result.duplicates).toBe(2);
    expect(result.problems).toEqual([]);
  });

  it("says what is wrong with the header", () => {
    expect(parseSubscriberCsv("", options).problems).toEqual([
      { line: 1, message: "the file is empty: it needs a header row naming email" },
    ]);
    expect(parseSubscriberCsv("ana@example.org,Ana\n", options)).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          message:
            'column "ana@example.org" is not read (the columns are email, name, newsletters, consented_at)',
        },
        {
          line: 1,
          message:
            'column "Ana" is not read (the columns are email, name, newsletters, consented_at)',
        },
        {
          line: 1,
          message: 'the header row has no "email" column (the first row must name the columns)',
        },
      ],
      duplicates: 0,
    });
    const extra = parseSubscriberCsv("email,phone\nana@example.org,555\n", options);
    expect(extra.rows).toHaveLength(1);
    expect(extra.problems).toEqual([
      {
        line: 1,
        message:
          'column "phone" is not read (the columns are email, name, newsletters, consented_at)',
      },
    ]);
  });

  it("reads a file separated by semicolons, as spreadsheets in many countries save it", () => {
    const result = parseSubscriberCsv("email;name\nana@example.org;Ana\n", options);
    expect(result.rows).toEqual([
      { line: 2, email: "ana@example.org", name: "Ana", newsletters: [] },
    ]);
  });

  it("reports a quote never closed with its line", () => {
    const result = parseSubscriberCsv(
      'email,name\nana@example.org,Ana\nben@example.org,"Ben\n',
      options,
    );
    expect(result.rows).toHaveLength(1);
    expect(result.problems).toEqual([
      {
        line: 3,
        message:
          "a quote opened in this row is never closed, so the rest of the file could not be read",
      },
    ]);
  });

  it("makes names header-safe", () => {
    const result = parseSubscriberCsv(
      'email,name\nana@example.org,"Ana\r\nBcc: <x@y.org>"\n',
      options,
    );
    expect(result.rows[0]?.name).toBe("Ana Bcc: x@y.org");
  });

  it(`stops after ${SUBSCRIBER_CSV_MAX_ROWS.toLocaleString("en")} rows and says so`, () => {
    const lines = ["email"];
    for (let i = 0; i <= SUBSCRIBER_CSV_MAX_ROWS + 5; i += 1) lines.push(`r${i}@example.org`);
    const result = parseSubscriberCsv(lines.join("\n"), options);
    expect(result.rows).toHaveLength(SUBSCRIBER_CSV_MAX_ROWS);
    expect(result.problems).toEqual([
      {
        line: SUBSCRIBER_CSV_MAX_ROWS + 2,
        message:
          "the file has more than 200,000 subscribers; rows from here on were not read (split the file)",
      },
    ]);
  });
});

describe("subscribersToCsv", () => {
  it("writes the export's columns, newsletters as the import reads them", () => {
    const csv = subscribersToCsv([
      {
        email: "ana@example.org",
        name: "Ana, Reader",
        status: "confirmed",
        newsletters: ["daily", "weekly"],
        subscribedAt: "2026-03-01T10:32:00.000Z",
        confirmedAt: new Date("2026-03-01T10:40:00Z"),
      },
      { email: "ben@example.org", name: null, status: "pending", newsletters: [] },
    ]);
    expect(csv).toBe(
      "email,name,status,newsletters,subscribed_at,confirmed_at\r\n" +
        'ana@example.org,"Ana, Reader",confirmed,daily;weekly,2026-03-01T10:32:00.000Z,2026-03-01T10:40:00.000Z\r\n' +
        "ben@example.org,,pending,,,\r\n",
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = subscribersToCsv([
      {
        email: "-x@example.org",
        name: '=HYPERLINK("http://evil.example","click")',
        status: "confirmed",
        newsletters: [],
      },
      { email: "a@example.org", name: "+1 555", status: "confirmed", newsletters: [] },
      { email: "b@example.org", name: "@SUM(A1)", status: "confirmed", newsletters: [] },
      { email: "c@example.org", name: "\tTab", status: "confirmed", newsletters: [] },
      { email: "d@example.org", name: "\rCR", status: "confirmed", newsletters: [] },
      { email: "e@example.org", name: "Plain = fine", status: "confirmed", newsletters: [] },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe(
      `'-x@example.org,"'=HYPERLINK(""http://evil.example"",""click"")",confirmed,,,`,
    );
    expect(lines[2]).toBe("a@example.org,'+1 555,confirmed,,,");
    expect(lines[3]).toBe("b@example.org,'@SUM(A1),confirmed,,,");
    expect(lines[4]).toBe("c@example.org,'\tTab,confirmed,,,");
    expect(lines[5]).toBe(`d@example.org,"'\rCR",confirmed,,,`);
    expect(lines[6]).toBe("e@example.org,Plain = fine,confirmed,,,");
  });

  it("round-trips through the import", () => {
    const exported = subscribersToCsv([
      {
        email: "-x@example.org",
        name: "Ana",
        status: "confirmed",
        newsletters: ["daily", "climate"],
        subscribedAt: "2026-03-01T10:32:00.000Z",
      },
      { email: "b@example.org", name: "=Ben", status: "confirmed", newsletters: ["weekly"] },
    ]);
    // The export's subscribed_at is not read as consent: the import's column is consented_at.
    const result = parseSubscriberCsv(exported, options);
    expect(result.rows).toEqual([
      { line: 2, email: "-x@example.org", name: "Ana", newsletters: ["daily", "climate"] },
      { line: 3, email: "b@example.org", name: "=Ben", newsletters: ["weekly"] },
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'column "status" is not read (the columns are email, name, newsletters, consented_at)',
      'column "subscribed_at" is not read (the columns are email, name, newsletters, consented_at)',
      'column "confirmed_at" is not read (the columns are email, name, newsletters, consented_at)',
    ]);
  });
});
