// The short messages Masthead sends to its staff and commenters (issue 15): a plain subject, a
// plain-text part and a simple HTML part with every value escaped. No tracking, no images.
import { escapeUTF8 } from "entities";
import { safeSubject } from "../content/email-address.js";

/** A rendered message. */
export interface PlainMessage {
  subject: string;
  html: string;
  text: string;
}

/** Text made safe for HTML content and attribute values (& < > " ' as entities). */
export function escapeMailHtml(text: string): string {
  return escapeUTF8(text);
}

/** A paragraph of the message, or a link line: `{ link, label }`. */
type Line = string | { link: string; label: string };

/** Puts the subject and lines together as a text part and an HTML part. */
function compose(subject: string, lines: readonly Line[], footer: string): PlainMessage {
  const text = [
    ...lines.map((l) => (typeof l === "string" ? l : `${l.label}:\n${l.link}`)),
    "--",
    footer,
  ].join("\n\n");
  const body = lines
    .map((l) =>
      typeof l === "string"
        ? `<p>${escapeMailHtml(l)}</p>`
        : `<p><a href="${escapeMailHtml(l.link)}">${escapeMailHtml(l.label)}</a></p>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeMailHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;max-width:36em;margin:0 auto;padding:16px">
${body}
<p style="color:#666;font-size:13px;border-top:1px solid #ddd;padding-top:8px">${escapeMailHtml(footer)}</p>
</body></html>`;
  return { subject: safeSubject(subject), html, text };
}

const STAFF_FOOTER = (publication: string) =>
  `Sent by ${publication}'s Masthead. Choose which notifications you get with "Email notifications" under your name in the admin app.`;

/** "Submitted for review": to those who may publish it. */
export function articleSubmittedMessage(input: {
  publication: string;
  headline: string;
  submitter: string;
  editUrl: string;
}): PlainMessage {
  return compose(
    `For review: ${input.headline}`,
    [
      `${input.submitter} submitted "${input.headline}" for review.`,
      { link: input.editUrl, label: "Open it in the editor" },
    ],
    STAFF_FOOTER(input.publication),
  );
}

/** "Comments awaiting moderation": one message per moderator per window. */
export function commentsHeldMessage(input: {
  publication: string;
  total: number;
  newest: readonly { authorName: string; articleTitle: string }[];
  moderateUrl: string;
}): PlainMessage {
  const n = input.total;
  const waiting = n === 1 ? "1 comment awaits" : `${n} comments await`;
  return compose(
    `${waiting} moderation`,
    [
      `${waiting} moderation on ${input.publication}.`,
      ...input.newest.map((c) => `${c.authorName} on "${c.articleTitle}"`),
      ...(n > input.newest.length ? [`…and ${n - input.newest.length} more.`] : []),
      { link: input.moderateUrl, label: "Moderate comments" },
    ],
    STAFF_FOOTER(input.publication),
  );
}

/** "Scheduled article published": to its authors and whoever scheduled it. */
export function scheduledPublishedMessage(input: {
  publication: string;
  headline: string;
  articleUrl: string;
  editUrl: string;
}): PlainMessage {
  return compose(
    `Published: ${input.headline}`,
    [
      `"${input.headline}" was published as scheduled.`,
      { link: input.articleUrl, label: "Read it on the site" },
      { link: input.editUrl, label: "Open it in the editor" },
    ],
    STAFF_FOOTER(input.publication),
  );
}

/** "Scheduled publishing failed": to its authors and whoever scheduled it. */
export function scheduleFailedMessage(input: {
  publication: string;
  headline: string;
  reason: string;
  editUrl: string;
}): PlainMessage {
  return compose(
    `Not published: ${input.headline}`,
    [
      `"${input.headline}" was due to be published, but publishing failed: ${input.reason}`,
      "Masthead keeps trying every few seconds; if it keeps failing, open the article and publish it by hand or ask the publication's owner to look at the server's log.",
      { link: input.editUrl, label: "Open it in the editor" },
    ],
    STAFF_FOOTER(input.publication),
  );
}

/** An invitation to join the publication's staff. */
export function invitationMessage(input: {
  publication: string;
  role: string;
  inviter: string | null;
  url: string;
  expiresAt: string;
}): PlainMessage {
  return compose(
    `You are invited to ${input.publication}`,
    [
      `${input.inviter ?? "The owner"} invited you to ${input.publication} as ${input.role}.`,
      { link: input.url, label: "Accept the invitation" },
      `The link works once, until ${input.expiresAt}. If you did not expect this, ignore it.`,
    ],
    `Sent by ${input.publication}'s Masthead.`,
  );
}

/** A link to set a new (or a first) password. */
export function passwordResetMessage(input: {
  publication: string;
  name: string;
  url: string;
  expiresAt: string;
  first: boolean;
}): PlainMessage {
  return compose(
    input.first
      ? `Set your password for ${input.publication}`
      : `Reset your password for ${input.publication}`,
    [
      `Hello ${input.name},`,
      input.first
        ? `An account was made for you on ${input.publication}. Choose your password here:`
        : `A new password was asked for your account on ${input.publication}. Choose it here:`,
      { link: input.url, label: "Choose a password" },
      `The link works once, until ${input.expiresAt}. If you did not ask for it, ignore this message: your password stays as it is.`,
    ],
    `Sent by ${input.publication}'s Masthead.`,
  );
}

/** A commenter's email confirmation. */
export function commenterVerifyMessage(input: {
  publication: string;
  url: string;
  expiresAt: string;
}): PlainMessage {
  return compose(
    `Confirm your email address for comments on ${input.publication}`,
    [
      `You asked to confirm this address when you commented on ${input.publication}. Once confirmed, your comments from that browser are published without waiting for an editor.`,
      { link: input.url, label: "Confirm my email address" },
      `The link works until ${input.expiresAt}. If you did not comment, ignore this message.`,
    ],
    `Sent by ${input.publication}. Your address is never shown with your comments.`,
  );
}
