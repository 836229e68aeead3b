// What a bounce report says (issue 15): which addresses could not be reached, whether for good,
// and which of our messages it was about. Two shapes arrive at the bounce hook: a multipart/report
// email (a server's delivery status notification, RFC 3464, or a mailbox provider's complaint,
// RFC 5965) and Amazon SES's JSON, inside an SNS envelope or published directly. Pure: no
// database, no network; the route decides what to suppress and logs what to show the operator.
import { type Attachment, simpleParser } from "mailparser";
import { parseEmailAddress } from "../content/email-address.js";
import { MastheadError } from "../content/errors.js";

/** One recipient the report gives up on. */
export interface Bounce {
  /** Normalised as parseEmailAddress does (domain lower-cased), so it matches stored addresses. */
  address: string;
  /** True when no retry can help (status 5.x.x, an SES Permanent bounce, a complaint). */
  permanent: boolean;
  /** The enhanced status code (RFC 3463), e.g. "5.1.1". */
  status?: string;
  /** The remote server's words, on one line. */
  diagnostic?: string;
  /** The Message-ID of the message that bounced, without its angle brackets. */
  messageId?: string;
  /** SES's own id of that message (mail.messageId), which is not our Message-ID. */
  providerMessageId?: string;
}

/** What one report means for the sender. */
export type BounceParse =
  | { kind: "bounces"; bounces: Bounce[] }
  | { kind: "subscription-confirmation"; subscribeUrl: string }
  | { kind: "ignored"; reason: string };

/** A diagnostic longer than this is cut: it is for a person reading the log, not for parsing. */
const DIAGNOSTIC_MAX_LENGTH = 1000;
/** How deep a forwarded report (a report attached to an email) is looked into. */
const MAX_NESTING = 2;

const unreadable = (message: string, cause?: unknown) =>
  new MastheadError("MH_BOUNCE_UNREADABLE", message, cause === undefined ? {} : { cause });

/**
 * Reads a bounce report posted to the hook: a raw RFC 3464 delivery report (as message/rfc822,
 * multipart/report with its boundary in `contentType`, or any raw email), or Amazon SES JSON
 * (SNS Notification or SubscriptionConfirmation, or an SES event without the SNS envelope).
 * A mailbox provider's spam complaint (ARF, RFC 5965) counts as a permanent bounce.
 * Delay and success reports, and SES notices of other kinds, are "ignored" with a reason.
 * Throws MH_BOUNCE_UNREADABLE for malformed JSON, anything that is not a report, or a report
 * that names no recipient.
 */
export async function parseBounceReport(
  body: Buffer | string,
  contentType: string,
): Promise<BounceParse> {
  const text = typeof body === "string" ? body : body.toString("utf8");
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  // SNS posts its JSON as text/plain, so the body's first character decides as much as the type.
  if (type === "application/json" || type.endsWith("+json") || /^\s*[[{]/.test(text))
    return parseSesJson(text);
  if (text.trim() === "") throw unreadable("the bounce report is empty");
  // A multipart body posted on its own carries its boundary in the HTTP header, not in the body.
  const raw = type.startsWith("multipart/")
    ? Buffer.concat([
        Buffer.from(`Content-Type: ${contentType}\r\nMIME-Version: 1.0\r\n\r\n`),
        typeof body === "string" ? Buffer.from(body) : body,
      ])
    : body;
  return parseDsnEmail(raw, 0);
}

// ---- RFC 3464 delivery status notifications ----

/** A header block (or a delivery-status group) as lower-cased names and unfolded values. */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins: a returned message's Message-ID is its own, not a later copy's.
    if (!fields.has(last)) fields.set(last, line.slice(colon + 1).trim());
  }
  return fields;
}

/** The header block of a message: everything before its first empty line. */
const headerBlock = (message: string) => message.split(/\r?\n\r?\n/, 1)[0] ?? "";

/** A Message-ID's value without angle brackets or comments, or undefined when it has none. */
function bareMessageId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = bracketed ? bracketed[1] : value.trim();
  return id && /^[^\s<>]+@[^\s<>]+$/.test(id) ? id : undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F]+/g;

/** One line of a server's words: controls and runs of white space become one space, capped. */
function oneLine(text: string): string {
  const flat = text.replace(CONTROLS, " ").replace(/\s+/g, " ").trim();
  return flat.length <= DIAGNOSTIC_MAX_LENGTH ? flat : `${flat.slice(0, DIAGNOSTIC_MAX_LENGTH)}…`;
}

/** An address field's address ("rfc822; a@b.org", "utf-8; <a@b.org>"), normalised if it can be. */
function recipientAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(";");
  const addressType = semicolon < 0 ? "rfc822" : value.slice(0, semicolon).trim().toLowerCase();
  // x400 and other address types name no mailbox we could have sent to.
  if (addressType !== "rfc822" && addressType !== "utf-8") return undefined;
  const address = value
    .slice(semicolon + 1)
    .trim()
    .replace(/^<(.*)>$/, "$1");
  if (address === "") return undefined;
  const parsed = parseEmailAddress(address);
  return parsed.ok ? parsed.address : address;
}

/** The per-recipient groups of a message/delivery-status body that report a failure. */
function failedRecipients(
  deliveryStatus: string,
  messageId: string | undefined,
): { recipients: number; bounces: Bounce[]; actions: string[] } {
  const groups = deliveryStatus
    .split(/\r?\n[ \t]*\r?\n/)
    .map(headerFields)
    .filter((g) => g.has("final-recipient") || g.has("original-recipient"));
  const bounces: Bounce[] = [];
  const actions: string[] = [];
  for (const group of groups) {
    const action = (group.get("action") ?? "").split(/[\s(]/)[0]?.toLowerCase() ?? "";
    actions.push(action);
    // Only a failure is a bounce: delayed is still being tried, delivered/relayed/expanded arrived.
    if (action !== "failed") continue;
    const address =
      recipientAddress(group.get("final-recipient")) ??
      recipientAddress(group.get("original-recipient"));
    if (address === undefined) continue;
    const status = /^[245]\.\d{1,3}\.\d{1,3}/.exec(group.get("status") ?? "")?.[0];
    const diagnosticField = group.get("diagnostic-code");
    const diagnostic =
      diagnosticField === undefined
        ? undefined
        : oneLine(diagnosticField.replace(/^[\w-]+\s*;\s*/, ""));
    // Without a status, the SMTP reply in the diagnostic tells; without either, a server that
    // gave up ("failed") will not try again, so the address is treated as gone.
    const replyClass =
      diagnostic === undefined ? undefined : /^([245])\d\d\b/.exec(diagnostic)?.[1];
    const permanent = status !== undefined ? status.startsWith("5") : replyClass !== "4";
    bounces.push({
      address,
      permanent,
      ...(status === undefined ? {} : { status }),
      ...(diagnostic === undefined || diagnostic === "" ? {} : { diagnostic }),
      ...(messageId === undefined ? {} : { messageId }),
    });
  }
  return { recipients: groups.length, bounces, actions };
}

const attachmentText = (a: Attachment) => a.content.toString("utf8");

/** Reads an email that should be a delivery report, or carry one as an attachment. */
async function parseDsnEmail(raw: Buffer | string, depth: number): Promise<BounceParse> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(raw, {
      // The delivery-status part as an attachment of its own, not folded into the text.
      keepDeliveryStatus: true,
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw unreadable("the bounce report is not a readable email", error);
  }
  const status = mail.attachments.find((a) =>
    /^message\/(global-)?delivery-status$/i.test(a.contentType),
  );
  // The returned message, whole or its headers only, names the Message-ID we gave it.
  const returned = mail.attachments.find((a) =>
    /^(message\/rfc822|text\/rfc822-headers|message\/global|message\/global-headers)$/i.test(
      a.contentType,
    ),
  );
  const returnedHeaders = returned
    ? headerFields(headerBlock(attachmentText(returned)))
    : undefined;
  const messageId = bareMessageId(returnedHeaders?.get("message-id"));
  const feedback = mail.attachments.find((a) => /^message\/feedback-report$/i.test(a.contentType));
  if (status === undefined && feedback !== undefined)
    return feedbackComplaint(attachmentText(feedback), returnedHeaders, messageId);
  if (status === undefined) {
    // Some relays forward the report to the hook attached to a message of their own.
    if (depth < MAX_NESTING)
      for (const attached of mail.attachments.filter((a) => a.contentType === "message/rfc822"))
        try {
          return await parseDsnEmail(attached.content, depth + 1);
        } catch {
          // Not a report either; the message below says what was posted.
        }
    const subject = typeof mail.subject === "string" ? ` (subject "${oneLine(mail.subject)}")` : "";
    throw unreadable(
      `the email posted${subject} is not a delivery status report (RFC 3464): it has no message/delivery-status part (nor a message/feedback-report)`,
    );
  }
  const { recipients, bounces, actions } = failedRecipients(attachmentText(status), messageId);
  if (recipients === 0)
    throw unreadable("the delivery status report names no recipient (no Final-Recipient field)");
  if (bounces.length > 0) return { kind: "bounces", bounces };
  const seen = [...new Set(actions.map((a) => a || "no action"))].join(", ");
  return {
    kind: "ignored",
    reason: `the delivery status report records no failure (action: ${seen}); nothing to suppress`,
  };
}

/**
 * A mailbox provider's feedback report (ARF, RFC 5965): a reader marked our message as spam. The
 * address is Original-Rcpt-To, or the returned message's To when the provider left it; many
 * redact both, and then there is nothing to suppress.
 */
function feedbackComplaint(
  report: string,
  returnedHeaders: Map<string, string> | undefined,
  messageId: string | undefined,
): BounceParse {
  const fields = headerFields(report);
  const feedbackType = fields.get("feedback-type")?.toLowerCase() ?? "abuse";
  // Only abuse (and fraud or virus) reports speak for the reader; "not-spam" says the opposite.
  if (!["abuse", "fraud", "virus"].includes(feedbackType))
    return {
      kind: "ignored",
      reason: `a feedback report of type ${oneLine(feedbackType)}; nothing to suppress`,
    };
  const candidate = fields.get("original-rcpt-to") ?? returnedHeaders?.get("to");
  const mailbox = candidate && (/<([^<>]+)>/.exec(candidate)?.[1] ?? candidate.trim());
  const parsed = mailbox ? parseEmailAddress(mailbox) : undefined;
  if (!parsed?.ok)
    throw unreadable(
      "the feedback (complaint) report names no recipient: the provider left out Original-Rcpt-To and the returned message's To",
    );
  return {
    kind: "bounces",
    bounces: [
      {
        address: parsed.address,
        permanent: true,
        diagnostic: `complaint (${oneLine(feedbackType)})`,
        ...(messageId === undefined ? {} : { messageId }),
      },
    ],
  };
}

// ---- Amazon SES and SNS ----

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function parseJson(text: string, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unreadable(`${what} is not valid JSON: ${(error as Error).message}`, error);
  }
  if (!isObject(value)) throw unreadable(`${what} is JSON but not an object`);
  return value;
}

/** SNS's confirmation link, refused unless it leads to SNS itself. */
function subscribeUrl(envelope: Json): string {
  const raw = str(envelope.SubscribeURL);
  if (raw === undefined) throw unreadable("the SNS subscription confirmation has no SubscribeURL");
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw unreadable("the SNS subscription confirmation's SubscribeURL is not a link", error);
  }
  // The operator is asked to open it: a link elsewhere would be phishing, not AWS.
  if (url.protocol !== "https:" || !/^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(url.hostname))
    throw unreadable(
      `the SNS subscription confirmation's SubscribeURL does not lead to Amazon SNS (${url.hostname})`,
    );
  return url.href;
}

function parseSesJson(text: string): BounceParse {
  const outer = parseJson(text, "the bounce notification");
  const snsType = str(outer.Type);
  if (snsType === "SubscriptionConfirmation")
    return { kind: "subscription-confirmation", subscribeUrl: subscribeUrl(outer) };
  if (snsType === "UnsubscribeConfirmation")
    return { kind: "ignored", reason: "an SNS unsubscribe confirmation; nothing to suppress" };
  let event = outer;
  if (snsType === "Notification") {
    const message = outer.Message;
    if (typeof message !== "string")
      throw unreadable("the SNS notification has no Message (a JSON string) to read");
    event = parseJson(message, "the SNS notification's Message");
  } else if (snsType !== undefined) {
    throw unreadable(`an SNS message of type "${snsType}" is not a bounce notification`);
  }
  // SES notifications say notificationType; SES event publishing says eventType.
  const eventType = str(event.notificationType) ?? str(event.eventType);
  if (eventType === undefined)
    throw unreadable(
      "the JSON is neither an SNS message (Type) nor an SES notification (notificationType or eventType)",
    );
  const mail = isObject(event.mail) ? event.mail : {};
  if (eventType === "Bounce") return sesBounce(event, mail);
  if (eventType === "Complaint") return sesComplaint(event, mail);
  return { kind: "ignored", reason: `an SES ${eventType} notification; nothing to suppress` };
}

/** Our Message-ID from SES's copy of the headers, and SES's own id of the message. */
function sesMessageIds(mail: Json): Pick<Bounce, "messageId" | "providerMessageId"> {
  const headers = Array.isArray(mail.headers) ? mail.headers : [];
  const header = headers.find(
    (h): h is Json => isObject(h) && str(h.name)?.toLowerCase() === "message-id",
  );
  const common = isObject(mail.commonHeaders) ? str(mail.commonHeaders.messageId) : undefined;
  // commonHeaders.messageId is SES's id unless the message had a Message-ID of its own, in
  // angle brackets: only that form is ours.
  const messageId =
    bareMessageId(header ? str(header.value) : undefined) ??
    (common?.startsWith("<") ? bareMessageId(common) : undefined);
  const providerMessageId = str(mail.messageId);
  return {
    ...(messageId === undefined ? {} : { messageId }),
    ...(providerMessageId === undefined ? {} : { providerMessageId }),
  };
}

/** The recipients of an SES bounce or complaint, each read as `one` reads it. */
function sesRecipients(list: unknown, what: string, one: (r: Json) => Omit<Bounce, "address">) {
  if (!Array.isArray(list) || list.length === 0)
    throw unreadable(`the SES ${what} notification names no recipient`);
  const bounces: Bounce[] = [];
  for (const recipient of list) {
    const address = isObject(recipient) ? str(recipient.emailAddress) : undefined;
    if (address === undefined) continue;
    // SES may give "Name <a@b.org>"; the mailbox is what is suppressed.
    const mailbox = /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address;
    const parsed = parseEmailAddress(mailbox);
    bounces.push({ address: parsed.ok ? parsed.address : mailbox, ...one(recipient as Json) });
  }
  if (bounces.length === 0)
    throw unreadable(`the SES ${what} notification's recipients have no emailAddress`);
  return bounces;
}

function sesBounce(event: Json, mail: Json): BounceParse {
  const bounce = isObject(event.bounce) ? event.bounce : undefined;
  if (bounce === undefined) throw unreadable("the SES bounce notification has no bounce object");
  // Transient (mailbox full, message too large) and Undetermined may succeed later.
  const permanent = str(bounce.bounceType) === "Permanent";
  const ids = sesMessageIds(mail);
  const bounces = sesRecipients(bounce.bouncedRecipients, "bounce", (r) => {
    const status = /^[245]\.\d{1,3}\.\d{1,3}/.exec(str(r.status) ?? "")?.[0];
    const diagnosticCode = str(r.diagnosticCode);
    const diagnostic =
      diagnosticCode === undefined
        ? str(bounce.bounceSubType) && `SES ${str(bounce.bounceType)}/${str(bounce.bounceSubType)}`
        : oneLine(diagnosticCode.replace(/^[\w-]+\s*;\s*/, ""));
    return {
      permanent,
      ...(status === undefined ? {} : { status }),
      ...(diagnostic ? { diagnostic } : {}),
      ...ids,
    };
  });
  return { kind: "bounces", bounces };
}

function sesComplaint(event: Json, mail: Json): BounceParse {
  const complaint = isObject(event.complaint) ? event.complaint : undefined;
  if (complaint === undefined)
    throw unreadable("the SES complaint notification has no complaint object");
  const feedback = str(complaint.complaintFeedbackType);
  const ids = sesMessageIds(mail);
  // A reader who marked the message as spam must not be written to again: suppressed for good.
  const bounces = sesRecipients(complaint.complainedRecipients, "complaint", () => ({
    permanent: true,
    diagnostic: feedback ? `complaint (${oneLine(feedback)})` : "complaint",
    ...ids,
  }));
  return { kind: "bounces", bounces };
}
