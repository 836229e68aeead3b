// The shared SMTP sink behaves as the email tests rely on: it parses what arrives and misbehaves
// for a recipient when told to.
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink, waitForMail } from "../helpers/smtp-sink.js";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const transport = () =>
  createTransport({
    host: "127.0.0.1",
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    socketTimeout: 500,
    greetingTimeout: 2000,
  });

const send = (to: string, subject: string) =>
  transport().sendMail({
    from: "news@paper.test",
    to,
    subject,
    text: "plain",
    html: "<p>rich</p>",
    messageId: `<${subject}@paper.test>`,
  });

describe("smtp sink", () => {
  it("keeps each message parsed, with its envelope", async () => {
    const arriving = waitForMail(sink, (m) => m.subject === "one", 5000);
    await send("reader@example.org", "one");
    const mail = await arriving;
    expect(mail.envelope).toEqual({ from: "news@paper.test", to: ["reader@example.org"] });
    expect(mail.messageId).toBe("<one@paper.test>");
    expect(mail.text?.trim()).toBe("plain");
    expect(mail.html).toContain("<p>rich</p>");
    expect(mail.header("message-id")).toBe("<one@paper.test>");
  });

  it("rejects, defers, hangs and drops as told, then accepts", async () => {
    sink.rule("bad@example.org", "reject");
    await expect(send("bad@example.org", "r")).rejects.toMatchObject({ responseCode: 550 });
    sink.rule("later@example.org", "defer", 1);
    await expect(send("later@example.org", "d")).rejects.toMatchObject({ responseCode: 451 });
    await send("later@example.org", "d2");
    sink.rule("slow@example.org", "hang", 1);
    await expect(send("slow@example.org", "h")).rejects.toThrow();
    sink.rule("cut@example.org", "drop", 1);
    await expect(send("cut@example.org", "x".repeat(10))).rejects.toThrow();
    await send("cut@example.org", "c2");
    expect(sink.to("bad@example.org")).toHaveLength(0);
    expect(sink.to("later@example.org").map((m) => m.subject)).toEqual(["d2"]);
    expect(sink.to("cut@example.org").map((m) => m.subject)).toEqual(["c2"]);
    expect(sink.attempts.get("later@example.org")).toBe(2);
  });

  it("waitForMail rejects in time when nothing comes", async () => {
    await expect(waitForMail(sink, () => false, 50)).rejects.toThrow(/0 of 1/);
  });
});
