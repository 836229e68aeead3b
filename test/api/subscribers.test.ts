// The subscriber endpoints of the admin API (issue 15) on the real app: list with search,
// filters and paging, the record of consent, adding (pending with a confirmation message, or
// confirmed only with a stated reason), changes, erasure, the CSV import's dry run and real run
// (bad rows, duplicates, no one confirmed without a consent date) and the export.
import { describe, expect, it } from "vitest";
import { createNewsletter, getSubscriberByEmail, listConsents } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { uniqueSlug } from "../helpers/fixtures.js";
import { useContentApp } from "./content/app.js";

let addresses = 0;
const fresh = (local = "sub") => {
  addresses += 1;
  return `${local}${addresses}@example.org`;
};

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    let made: { daily: { id: string; slug: string }; weekly: { id: string; slug: string } };
    const lists = async () => {
      made ??= {
        daily: await createNewsletter(t().store, { slug: uniqueSlug("daily"), name: "Daily" }),
        weekly: await createNewsletter(t().store, {
          slug: uniqueSlug("weekly"),
          name: "Weekly",
          position: 1,
        }),
      };
      return made;
    };
    const outboxTo = (address: string) =>
      t()
        .store.db.selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", address)
        .execute();

    it("only editors and owners manage subscribers", async () => {
      for (const role of ["contributor", "author"] as const) {
        const who = await t().staff(role);
        expect((await t().call(who, "GET", "/subscribers")).statusCode).toBe(403);
        expect((await t().call(who, "GET", "/subscribers/export")).statusCode).toBe(403);
      }
      expect((await t().call(undefined, "GET", "/subscribers")).statusCode).toBe(401);
      expect((await t().call(await t().staff("editor"), "GET", "/subscribers")).statusCode).toBe(
        200,
      );
    });

    it("adds a subscriber as pending with a confirmation message, or confirmed with a reason", async () => {
      const { daily } = await lists();
      const editor = await t().staff("editor");
      const email = fresh("added");
      const res = await t().call(editor, "POST", "/subscribers", {
        email,
        name: "Added",
        newsletterIds: [daily.id],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().subscriber).toMatchObject({ email, status: "pending" });
      expect(res.json().subscriber.secret).toBeUndefined();
      expect(await outboxTo(email)).toHaveLength(1);

      const noReason = await t().call(editor, "POST", "/subscribers", {
        email: fresh(),
        newsletterIds: [daily.id],
        confirmed: true,
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.issues[0].path).toBe("consentNote");

      const withReason = await t().call(editor, "POST", "/subscribers", {
        email: fresh("paper"),
        newsletterIds: [daily.id],
        confirmed: true,
        consentNote: "Signed the sheet at the town fair, 12 May",
      });
      expect(withReason.statusCode).toBe(201);
      const added = withReason.json().subscriber;
      expect(added.status).toBe("confirmed");
      expect(await outboxTo(added.email)).toHaveLength(0);
      const detail = (await t().call(editor, "GET", `/subscribers/${added.id}`)).json();
      expect(detail.consents).toMatchObject([
        {
          action: "admin",
          form: "admin",
          note: "Signed the sheet at the town fair, 12 May",
          userId: editor.user.id,
          newsletterIds: [daily.id],
        },
      ]);

      const again = await t().call(editor, "POST", "/subscribers", {
        email: email.toUpperCase(),
        newsletterIds: [daily.id],
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.issues[0].path).toBe("email");
      for (const bad of ["nope", "a@b.org\r\nBcc: x@y.org"]) {
        const refused = await t().call(editor, "POST", "/subscribers", {
          email: bad,
          newsletterIds: [daily.id],
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error.code).toBe("MH_CONTENT_INVALID");
      }
      const badName = await t().call(editor, "POST", "/subscribers", {
        email: fresh(),
        name: "Eve\nBcc: x@y.org",
        newsletterIds: [daily.id],
      });
      expect(badName.statusCode).toBe(400);
      expect(badName.json().error.issues[0].path).toBe("name");
    });

    it("lists with search, status and newsletter filters and paging", async () => {
      const { daily, weekly } = await lists();
      const editor = await t().staff("editor");
      const tag = `zeta${Date.now()}`;
      for (let i = 0; i < 3; i++)
        await t().call(editor, "POST", "/subscribers", {
          email: `${tag}.${i}@example.org`,
          name: i === 0 ? "Quentin Blake" : undefined,
          newsletterIds: [i === 2 ? weekly.id : daily.id],
          ...(i === 1 ? { confirmed: true, consentNote: "phone call" } : {}),
        });
      const all = (await t().call(editor, "GET", `/subscribers?q=${tag}`)).json();
      expect(all.total).toBe(3);
      const page = (await t().call(editor, "GET", `/subscribers?q=${tag}&limit=2&offset=2`)).json();
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(3);
      const byName = (await t().call(editor, "GET", "/subscribers?q=quentin")).json();
      expect(byName.items.map((s: { email: string }) => s.email)).toEqual([`${tag}.0@example.org`]);
      const confirmed = (
        await t().call(editor, "GET", `/subscribers?q=${tag}&status=confirmed`)
      ).json();
      expect(confirmed.items.map((s: { email: string }) => s.email)).toEqual([
        `${tag}.1@example.org`,
      ]);
      const weeklies = (
        await t().call(editor, "GET", `/subscribers?q=${tag}&newsletterId=${weekly.id}`)
      ).json();
      expect(weeklies.items.map((s: { email: string }) => s.email)).toEqual([
        `${tag}.2@example.org`,
      ]);
      // A LIKE wildcard is searched for as itself.
      expect((await t().call(editor, "GET", "/subscribers?q=%25")).json().total).toBe(0);
    });

    it("changes newsletters and status, recording each change; erases on request", async () => {
      const { daily, weekly } = await lists();
      const editor = await t().staff("editor");
      const created = (
        await t().call(editor, "POST", "/subscribers", {
          email: fresh("change"),
          newsletterIds: [daily.id],
          confirmed: true,
          consentNote: "email to the desk",
        })
      ).json().subscriber;
      const url = `/subscribers/${created.id}`;
      const lists2 = await t().call(editor, "PATCH", url, { newsletterIds: [weekly.id] });
      expect(lists2.json().subscriber.newsletterIds).toEqual([weekly.id]);
      const off = await t().call(editor, "PATCH", url, { status: "unsubscribed" });
      expect(off.json().subscriber).toMatchObject({ status: "unsubscribed", newsletterIds: [] });
      const noReason = await t().call(editor, "PATCH", url, { status: "confirmed" });
      expect(noReason.statusCode).toBe(400);
      const pending = await t().call(editor, "PATCH", url, {
        status: "pending",
        newsletterIds: [daily.id],
      });
      expect(pending.json().subscriber.status).toBe("pending");
      expect(await outboxTo(created.email)).toHaveLength(1);
      const detail = (await t().call(editor, "GET", url)).json();
      expect(detail.consents.map((c: { action: string }) => c.action)).toEqual([
        "admin",
        "admin",
        "unsubscribe",
        "admin",
      ]);

      expect((await t().call(editor, "DELETE", url)).statusCode).toBe(204);
      expect((await t().call(editor, "GET", url)).statusCode).toBe(404);
      expect(await listConsents(t().store, created.id)).toEqual([]);
      // The unsent confirmation went with them.
      expect(await outboxTo(created.email)).toHaveLength(0);
      expect((await t().call(editor, "DELETE", url)).statusCode).toBe(404);
    });

    it("imports CSV: a dry run reports and writes nothing; the real run confirms only rows with a consent date", async () => {
      const { daily, weekly } = await lists();
      const editor = await t().staff("editor");
      const stamp = Date.now();
      const a = `imp${stamp}.a@example.org`;
      const b = `imp${stamp}.b@example.org`;
      const gone = `imp${stamp}.gone@example.org`;
      // An address that unsubscribed before: the import must not subscribe it again.
      const goneRes = await t().call(editor, "POST", "/subscribers", {
        email: gone,
        newsletterIds: [daily.id],
        confirmed: true,
        consentNote: "x",
      });
      await t().call(editor, "PATCH", `/subscribers/${goneRes.json().subscriber.id}`, {
        status: "unsubscribed",
      });
      const csv = [
        "email,name,newsletters,consented_at",
        `${a},Ann,${daily.slug};${weekly.slug},2026-03-01`,
        `${b},"Bo, Jr.",,`,
        "not-an-address,X,,",
        `${a.toUpperCase()},Ann again,,`,
        `imp${stamp}.c@example.org,C,no-such-letter,`,
        `imp${stamp}.d@mailinator.com,D,,`,
        `${gone},Gone,,2026-01-01`,
      ].join("\n");

      const dry = await t().call(editor, "POST", "/subscribers/import", {
        csv,
        dryRun: true,
        newsletterIds: [daily.id],
      });
      expect(dry.statusCode).toBe(200);
      const report = dry.json().report;
      expect(report).toMatchObject({
        dryRun: true,
        added: { confirmed: 1, pending: 2 },
        updated: 0,
        duplicates: 1,
        confirmationsQueued: 0,
      });
      expect(report.problems.map((p: { line: number }) => p.line)).toEqual([4, 6]);
      expect(report.problems[0].message).toContain("needs an @");
      expect(report.problems[1].message).toContain("unknown newsletter");
      expect(report.warnings).toMatchObject([{ line: 7 }]);
      expect(report.skipped).toMatchObject([{ line: 8, email: gone }]);
      expect(await getSubscriberByEmail(t().store, a)).toBeUndefined();

      const real = await t().call(editor, "POST", "/subscribers/import", {
        csv,
        dryRun: false,
        newsletterIds: [daily.id],
      });
      expect(real.json().report).toMatchObject({
        dryRun: false,
        added: { confirmed: 1, pending: 2 },
      });
      const ann = await getSubscriberByEmail(t().store, a);
      expect(ann).toMatchObject({ status: "confirmed", name: "Ann" });
      expect(ann?.newsletterIds.sort()).toEqual([daily.id, weekly.id].sort());
      expect(ann?.confirmedAt).toBe("2026-03-01T00:00:00.000Z");
      const consents = await listConsents(t().store, ann?.id as string);
      expect(consents).toMatchObject([
        {
          action: "import",
          form: "import",
          at: "2026-03-01T00:00:00.000Z",
          userId: editor.user.id,
        },
      ]);
      // No consent date: pending, and no message unless asked for.
      expect(await getSubscriberByEmail(t().store, b)).toMatchObject({
        status: "pending",
        name: "Bo, Jr.",
        newsletterIds: [daily.id],
      });
      expect(await outboxTo(b)).toHaveLength(0);
      expect((await getSubscriberByEmail(t().store, gone))?.status).toBe("unsubscribed");

      // Run again: nothing new.
      const rerun = (
        await t().call(editor, "POST", "/subscribers/import", {
          csv,
          dryRun: false,
          newsletterIds: [daily.id],
        })
      ).json().report;
      expect(rerun.added).toEqual({ confirmed: 0, pending: 0 });

      // Pending ones get their confirmation in bulk when the newsroom asks.
      const sent = await t().call(editor, "POST", "/subscribers/send-confirmations");
      expect(sent.json().queued).toBeGreaterThanOrEqual(2);
      expect(await outboxTo(b)).toHaveLength(1);
      const twice = await t().call(editor, "POST", "/subscribers/send-confirmations");
      expect(twice.json().queued).toBe(0);
    });

    it("an import asked to may queue a confirmation to each new pending subscriber", async () => {
      const { daily } = await lists();
      const editor = await t().staff("editor");
      const stamp = Date.now();
      const rows = Array.from({ length: 3 }, (_, i) => `bulk${stamp}.${i}@example.org`);
      const res = await t().call(editor, "POST", "/subscribers/import", {
        csv: `email,consented_at\n${rows[0]},2026-01-05\n${rows[1]},\n${rows[2]},\n`,
        dryRun: false,
        newsletterIds: [daily.id],
        sendConfirmations: true,
      });
      expect(res.json().report).toMatchObject({
        added: { confirmed: 1, pending: 2 },
        confirmationsQueued: 2,
      });
      expect(await outboxTo(rows[0] as string)).toHaveLength(0);
      expect(await outboxTo(rows[1] as string)).toHaveLength(1);
      const confirmed = await getSubscriberByEmail(t().store, rows[0] as string);
      expect(confirmed).toMatchObject({ status: "confirmed", newsletterIds: [daily.id] });
    });

    it("a real import is all or nothing", async () => {
      await lists();
      const editor = await t().staff("editor");
      const res = await t().call(editor, "POST", "/subscribers/import", {
        csv: "email\nok@example.org\n",
        dryRun: false,
        newsletterIds: ["00000000-0000-4000-8000-00000000dead"],
      });
      expect(res.statusCode).toBe(400);
      expect(await getSubscriberByEmail(t().store, "ok@example.org")).toBeUndefined();
    });

    it("exports every subscriber as CSV, newsletters by slug, cells safe in a spreadsheet", async () => {
      const { daily } = await lists();
      const editor = await t().staff("editor");
      await t().call(editor, "POST", "/subscribers", {
        email: fresh("export"),
        name: "=HYPERLINK(1)",
        newsletterIds: [daily.id],
      });
      const res = await t().call(editor, "GET", "/subscribers/export");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      expect(res.headers["content-disposition"]).toContain("attachment");
      const lines = res.body.split("\r\n");
      expect(lines[0]).toBe("email,name,status,newsletters,subscribed_at,confirmed_at");
      const row = lines.find((l) => l.includes("HYPERLINK"));
      expect(row).toContain("'=HYPERLINK(1)");
      expect(row).toContain(`,pending,${daily.slug},`);
    });
  });
