import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MastheadError } from "../../src/content/errors.js";
import { type BounceParse, parseBounceReport } from "../../src/mail/bounces.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/bounces");
const fixture = (name: string) => readFile(join(FIXTURES, name));

/** The MH_BOUNCE_UNREADABLE error `promise` rejects with. */
async function unreadable(promise: Promise<BounceParse>): Promise<MastheadError> {
  const error = await promise.then(
    (result) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MastheadError);
  expect((error as MastheadError).code).toBe("MH_BOUNCE_UNREADABLE");
  return error as MastheadError;
}

describe("parseBounceReport: RFC 3464 delivery status notifications", () => {
  it("reads a Postfix bounce with the returned message attached", async () => {
    expect(await parseBounceReport(await fixture("postfix-dsn.eml"), "message/rfc822")).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "Gone.Reader@reader.example",
          permanent: true,
          status: "5.1.1",
          diagnostic:
            "550 5.1.1 <Gone.Reader@reader.example>: Recipient address rejected: User unknown in virtual mailbox table",
          messageId: "edition-42.r-7f3a9c@masthead.example",
        },
      ],
    });
  });

  it("reads an Exim bounce with two recipients and the returned headers only", async () => {
    const result = await parseBounceReport(await fixture("exim-dsn.eml"), "text/plain");
    expect(result).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "full@mailbox.example",
          permanent: true,
          status: "5.2.2",
          diagnostic: "552 5.2.2 Mailbox full",
          messageId: "edition-43.r-11b2@masthead.example",
        },
        {
          address: "nobody@old-isp.example",
          permanent: true,
          status: "5.0.0",
          diagnostic: "550 No such user here",
          messageId: "edition-43.r-11b2@masthead.example",
        },
      ],
    });
  });

  it("ignores a delay warning: the server is still trying", async () => {
    const result = await parseBounceReport(await fixture("postfix-delayed.eml"), "message/rfc822");
    expect(result).toEqual({
      kind: "ignored",
      reason:
        "the delivery status report records no failure (action: delayed); nothing to suppress",
    });
  });

  it("reads a multipart/report body whose boundary is in the HTTP Content-Type", async () => {
    const raw = (await fixture("exim-dsn.eml")).toString("utf8");
    const contentType = /^Content-Type: (.*)$/m.exec(raw)?.[1] ?? "";
    const body = raw.slice(raw.indexOf("\n\n") + 2);
    const result = await parseBounceReport(Buffer.from(body), contentType);
    expect(result).toMatchObject({
      kind: "bounces",
      bounces: [{ address: "full@mailbox.example" }, {}],
    });
  });

  it("marks a failure with a 4.x.x status temporary, and one without a status by its reply", async () => {
    const report = (groups: string) => `From: MAILER-DAEMON@relay.example
To: bounces@masthead.example
Subject: Undeliverable
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Gave up.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example

${groups}
--b--
`;
    const result = await parseBounceReport(
      report(`Final-Recipient: RFC822; <queue@slow.example>
Action: failed (gave up after 5 days)
Status: 4.4.7 (delivery time expired)

Original-Recipient: rfc822;nostatus@gone.example
Action: failed
Diagnostic-Code: smtp; 550 unknown user

Final-Recipient: rfc822; later@busy.example
Action: failed
Diagnostic-Code: smtp; 421 try later

Final-Recipient: x400; c=US;a=;p=Example
Action: failed
Status: 5.1.1

Final-Recipient: rfc822; fine@ok.example
Action: delivered
Status: 2.0.0
`),
      "message/rfc822",
    );
    expect(result).toEqual({
      kind: "bounces",
      bounces: [
        { address: "queue@slow.example", permanent: false, status: "4.4.7" },
        { address: "nostatus@gone.example", permanent: true, diagnostic: "550 unknown user" },
        { address: "later@busy.example", permanent: false, diagnostic: "421 try later" },
      ],
    });
  });

  it("finds a report that a relay forwarded as an attachment", async () => {
    const dsn = (await fixture("postfix-dsn.eml")).toString("utf8");
    const wrapper = `From: relay@forwarder.example
To: hooks@masthead.example
Subject: Fwd: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain

Forwarded bounce.

--outer
Content-Type: message/rfc822

${dsn}
--outer--
`;
    const result = await parseBounceReport(wrapper, "message/rfc822");
    expect(result).toMatchObject({
      kind: "bounces",
      bounces: [{ address: "Gone.Reader@reader.example", status: "5.1.1" }],
    });
  });

  it("reads a mailbox provider's complaint (ARF feedback report) as a permanent suppression", async () => {
    const raw = await fixture("arf-complaint.eml");
    expect(await parseBounceReport(raw, "message/rfc822")).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "Tired.Reader@mailbox.example",
          permanent: true,
          diagnostic: "complaint (abuse)",
          messageId: "edition-42.r-c0ffee@masthead.example",
        },
      ],
    });
    // Providers often redact the recipient; then there is no one to suppress.
    const redacted = raw
      .toString("utf8")
      .replace(/^Original-Rcpt-To: .*\n/m, "")
      .replace(/^To: Tired.*$/m, "To: redacted");
    const error = await unreadable(parseBounceReport(redacted, "message/rfc822"));
    expect(error.message).toMatch(/feedback \(complaint\) report names no recipient/);
    const notSpam = raw.toString("utf8").replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
    expect(await parseBounceReport(notSpam, "message/rfc822")).toEqual({
      kind: "ignored",
      reason: "a feedback report of type not-spam; nothing to suppress",
    });
  });

  it("refuses an email that is not a report, saying so", async () => {
    const error = await unreadable(
      parseBounceReport(await fixture("out-of-office.eml"), "message/rfc822"),
    );
    expect(error.message).toBe(
      'the email posted (subject "Automatic reply: The Weekly Ledger") is not a delivery status report (RFC 3464): it has no message/delivery-status part (nor a message/feedback-report)',
    );
    await unreadable(parseBounceReport(await fixture("garbage.txt"), "text/plain"));
    await unreadable(parseBounceReport("", "message/rfc822"));
  });

  it("refuses a report that names no recipient", async () => {
    const raw = `Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example

--b--
`;
    const error = await unreadable(parseBounceReport(raw, "message/rfc822"));
    expect(error.message).toMatch(/names no recipient/);
  });
});

describe("parseBounceReport: Amazon SES and SNS", () => {
  it("reads a permanent bounce delivered by SNS (as text/plain, as SNS posts it)", async () => {
    const result = await parseBounceReport(
      await fixture("ses-sns-permanent-bounce.json"),
      "text/plain; charset=UTF-8",
    );
    expect(result).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "Gone@reader.example",
          permanent: true,
          status: "5.1.1",
          diagnostic: "550 5.1.1 <gone@reader.example>: Recipient address rejected: User unknown",
          messageId: "edition-42.r-7f3a9c@masthead.example",
          providerMessageId: "0102019d2f6b1c7e-5c1e8a4e-7a0f-4e36-9d3b-2b1f0e0a9c11-000000",
        },
      ],
    });
  });

  it("treats a complaint as permanent: the reader is not written to again", async () => {
    const result = await parseBounceReport(
      await fixture("ses-sns-complaint.json"),
      "application/json",
    );
    expect(result).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "annoyed@reader.example",
          permanent: true,
          diagnostic: "complaint (abuse)",
          messageId: "edition-42.r-99aa01@masthead.example",
          providerMessageId: "0102019d2f6b1c7e-5c1e8a4e-7a0f-4e36-9d3b-2b1f0e0a9c11-000000",
        },
      ],
    });
  });

  it("reads an SES event published without the SNS envelope; a transient bounce is temporary", async () => {
    const result = await parseBounceReport(
      await fixture("ses-event-transient-bounce.json"),
      "application/json",
    );
    expect(result).toMatchObject({
      kind: "bounces",
      bounces: [
        {
          address: "full@mailbox.example",
          permanent: false,
          status: "4.2.2",
          messageId: "edition-42.r-5e6f70@masthead.example",
        },
      ],
    });
  });

  it("takes an undetermined bounce as temporary and a named mailbox from 'Name <addr>'", async () => {
    const event = {
      notificationType: "Bounce",
      bounce: {
        bounceType: "Undetermined",
        bounceSubType: "Undetermined",
        bouncedRecipients: [{ emailAddress: "Ben <Ben@Example.ORG>" }],
      },
      mail: { messageId: "ses-1", commonHeaders: { messageId: "ses-1" } },
    };
    expect(await parseBounceReport(JSON.stringify(event), "application/json")).toEqual({
      kind: "bounces",
      bounces: [
        {
          address: "Ben@example.org",
          permanent: false,
          diagnostic: "SES Undetermined/Undetermined",
          providerMessageId: "ses-1",
        },
      ],
    });
  });

  it("hands the operator SNS's subscription link", async () => {
    const result = await parseBounceReport(
      await fixture("sns-subscription-confirmation.json"),
      "text/plain; charset=UTF-8",
    );
    expect(result.kind).toBe("subscription-confirmation");
    if (result.kind === "subscription-confirmation")
      expect(result.subscribeUrl).toMatch(
        /^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=ConfirmSubscription&/,
      );
  });

  it("refuses a subscription link that does not lead to SNS", async () => {
    const fake = { Type: "SubscriptionConfirmation", SubscribeURL: "https://sns.evil.example/x" };
    const error = await unreadable(parseBounceReport(JSON.stringify(fake), "application/json"));
    expect(error.message).toMatch(/does not lead to Amazon SNS \(sns\.evil\.example\)/);
    const http = { ...fake, SubscribeURL: "http://sns.us-east-1.amazonaws.com/?Action=Confirm" };
    await unreadable(parseBounceReport(JSON.stringify(http), "application/json"));
  });

  it("ignores SES notices of other kinds", async () => {
    const delivery = { notificationType: "Delivery", mail: {}, delivery: {} };
    expect(await parseBounceReport(JSON.stringify(delivery), "application/json")).toEqual({
      kind: "ignored",
      reason: "an SES Delivery notification; nothing to suppress",
    });
    const envelope = { Type: "Notification", Message: JSON.stringify({ eventType: "Open" }) };
    expect(await parseBounceReport(JSON.stringify(envelope), "text/plain")).toMatchObject({
      kind: "ignored",
    });
  });

  it("refuses malformed and unrecognised JSON with a clear message", async () => {
    let error = await unreadable(
      parseBounceReport(await fixture("truncated.json"), "application/json"),
    );
    expect(error.message).toMatch(/^the bounce notification is not valid JSON/);
    error = await unreadable(parseBounceReport('{"hello": "world"}', "application/json"));
    expect(error.message).toMatch(/neither an SNS message \(Type\) nor an SES notification/);
    error = await unreadable(parseBounceReport("[1, 2]", "application/json"));
    expect(error.message).toMatch(/not an object/);
    error = await unreadable(
      parseBounceReport(JSON.stringify({ Type: "Notification", Message: "{oops" }), "text/plain"),
    );
    expect(error.message).toMatch(/the SNS notification's Message is not valid JSON/);
    const none = { notificationType: "Bounce", bounce: { bounceType: "Permanent" } };
    error = await unreadable(parseBounceReport(JSON.stringify(none), "application/json"));
    expect(error.message).toBe("the SES bounce notification names no recipient");
  });
});
