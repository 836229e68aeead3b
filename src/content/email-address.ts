// Email addresses and the words that travel beside them in headers (issue 15). One reading for
// the subscribe form, the CSV import, staff invitations and the sender: an address is one plain
// mailbox (no display name, no list, nothing that could end a header line), the syntax is
// validator's rather than a regex of ours, and whether its domain hands out throwaway mailboxes
// comes from the community-kept list (disposable-email-domains-js), read once and only when asked.
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";
import isEmailModule from "validator/lib/isEmail.js";
import isIPModule from "validator/lib/isIP.js";

// validator's modules are CommonJS whose function is also their `default`: that is the one
// TypeScript's types and Node's ESM loader agree on.
const isEmail = isEmailModule.default;
const isIP = isIPModule.default;

/** RFC 5321's limits, in octets: a path of 256 less its angle brackets, and a local part. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;
/** How long a name in From/To and a subject may be once made safe. */
export const DISPLAY_NAME_MAX_LENGTH = 100;
export const SUBJECT_MAX_LENGTH = 200;

/** A readable address, or why it is not one. */
export type EmailAddressParse =
  | { ok: true; address: string; disposable: boolean }
  | { ok: false; reason: string };

// C0 controls (CR and LF among them), DEL and C1 controls: any of them can end or fold a header.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const LINE_SEPARATORS = /[\u2028\u2029]/;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

let disposableDomains: Set<string> | undefined;

/** Whether `domain` or one of its parents (mail.example.com → example.com) is a throwaway one. */
function isDisposableDomain(domain: string): boolean {
  disposableDomains ??= disposableEmailBlocklistSet();
  const labels = domain.split(".");
  // Stops before the top-level label: no list names a whole TLD, and "com" must never match.
  for (let i = 0; i < labels.length - 1; i += 1)
    if (disposableDomains.has(labels.slice(i).join("."))) return true;
  return false;
}

/**
 * One email address as a person typed it: trimmed, its domain lower-cased (the local part keeps
 * its case, which only the receiving server may interpret), and whether the domain is a known
 * throwaway one; or a reason that tells the person what to change.
 * @example parseEmailAddress(" Ana@Example.ORG ") // { ok: true, address: "Ana@example.org", disposable: false }
 */
export function parseEmailAddress(raw: string): EmailAddressParse {
  const refuse = (reason: string): EmailAddressParse => ({ ok: false, reason });
  // Trailing line breaks from a pasted line or a textarea are harmless once trimmed; one inside
  // the address (a header injection, "a@b.org\r\nBcc: …") is refused below.
  const text = raw.trim();
  if (text === "") return refuse("enter an email address");
  if (CONTROL.test(text) || LINE_SEPARATORS.test(text))
    return refuse("the email address contains a line break or a control character; remove it");
  if (/[<>]/.test(text))
    return refuse(
      'enter the address alone, without a name or angle brackets (not "Name <a@b.org>")',
    );
  if (/[,;]/.test(text)) return refuse("enter one email address, without commas or semicolons");
  if (utf8Length(text) > EMAIL_MAX_LENGTH)
    return refuse(`an email address may be at most ${EMAIL_MAX_LENGTH} characters long`);
  const at = text.lastIndexOf("@");
  if (at < 0) return refuse("an email address needs an @ between the name and the domain");
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local === "") return refuse("the email address has nothing before the @");
  if (domain === "") return refuse("the email address has no domain after the @");
  if (utf8Length(local) > EMAIL_LOCAL_MAX_LENGTH)
    return refuse(`the part before the @ may be at most ${EMAIL_LOCAL_MAX_LENGTH} characters long`);
  if (domain.startsWith("[") || isIP(domain))
    return refuse("use an address at a domain name, not at an IP address");
  if (!domain.includes("."))
    return refuse(`the domain "${domain}" is incomplete: it needs a dot, as in example.org`);
  if (/\s/.test(text)) return refuse("an email address cannot contain spaces");
  const address = `${local}@${domain}`;
  if (!isEmail(address, { allow_display_name: false, allow_ip_domain: false, require_tld: true }))
    return refuse(`"${address}" is not a valid email address; check it for typing mistakes`);
  return { ok: true, address, disposable: isDisposableDomain(domain) };
}

// Bidirectional overrides and isolates: they make a From name read differently than it is.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line: controls become spaces, runs of white space one space, cut at `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text
    .replace(CONTROLS, " ")
    .replace(BIDI_CONTROLS, "")
    .replace(LONE_SURROGATES, "")
    .replace(/\s+/g, " ")
    .trim();
  // Cut by code points so an emoji at the limit is not split into a broken half.
  const points = Array.from(flat);
  return points.length <= max ? flat : points.slice(0, max).join("").trimEnd();
}

/**
 * A name fit for a From or To header: one line, no control characters, no angle brackets (which
 * would let a name pose as an address), at most 100 characters. The mail library quotes it.
 * @example safeDisplayName("Ana\r\nBcc: x@y.org <x@y.org>") // "Ana Bcc: x@y.org x@y.org"
 */
export function safeDisplayName(name: string): string {
  return oneLine(name.replace(/[<>]/g, " "), DISPLAY_NAME_MAX_LENGTH);
}

/**
 * A subject fit for the Subject header: one line, no control characters, at most 200 characters.
 * @example safeSubject("Weekly\r\nBcc: x@y.org") // "Weekly Bcc: x@y.org"
 */
export function safeSubject(subject: string): string {
  return oneLine(subject, SUBJECT_MAX_LENGTH);
}
