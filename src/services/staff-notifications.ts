// Staff notifications by email (issue 15, point 5) as a consumer of the change events: "submitted
// for review", "comments awaiting moderation" (batched), "scheduled article published" and
// "scheduled publishing failed". Every instance's dispatcher hears every event, so each message
// is queued with a dedupe key (queueMail ignores a repeat) and goes out once. Nothing is queued
// while sending is off (no MASTHEAD_SMTP_URL). See docs/EMAIL.md, "Staff notifications".
import { type Config, mailDomain } from "../config.js";
import {
  type ChangeConsumer,
  COMMENTS_HELD_WINDOW_MINUTES,
  NOTIFICATION_ROLES,
  type NotificationKind,
  type RecordedChange,
} from "../content/index.js";
import { articleOrPagePath } from "../content/public-paths.js";
import {
  articleSubmittedMessage,
  commentsHeldMessage,
  type PlainMessage,
  scheduledPublishedMessage,
  scheduleFailedMessage,
} from "../mail/staff-messages.js";
import {
  articleAuthorUserIds,
  getArticleById,
  getSettings,
  getUserById,
  heldComments,
  lastTransitionUserId,
  listNotificationRecipients,
  type NotificationRecipient,
  queueMail,
  refreshQueuedMail,
  type Store,
  transact,
} from "../store/index.js";

/** What queuing mail needs: where links point and how mail is sent (off without an SMTP URL). */
export type MailSettings = Pick<Config, "publicUrl" | "mail">;

/** Whether messages are queued at all: only when an SMTP URL is configured. */
export function mailingOn(settings: MailSettings): boolean {
  return settings.mail.smtpUrl !== null;
}

/** An address in the admin app, e.g. adminUrl(url, "/comments"). */
export function adminUrl(publicUrl: string, path: string): string {
  return `${publicUrl}/admin${path}`;
}

/** Where the consumer logs. */
export interface NotificationLog {
  warn(obj: object, msg: string): void;
}

/** Options of the staff notifications consumer. */
export interface StaffNotificationOptions {
  store: Store;
  config: MailSettings;
  log?: NotificationLog;
  /** Held comments are gathered over windows this long (default 15 minutes). */
  windowMinutes?: number;
}

/** How many held comments a moderation message lists by name. */
const HELD_LISTED = 10;

/** The start of the window `at` falls in, and its end, for held-comment batches. */
export function heldWindow(at: string, minutes: number): { start: string; end: string } {
  const size = minutes * 60_000;
  const start = Math.floor(new Date(at).getTime() / size) * size;
  return { start: new Date(start).toISOString(), end: new Date(start + size).toISOString() };
}

/** The change consumer that queues staff notifications. Register it with the dispatcher. */
export function staffNotificationsConsumer(options: StaffNotificationOptions): ChangeConsumer {
  const { store, config } = options;
  const windowMinutes = options.windowMinutes ?? COMMENTS_HELD_WINDOW_MINUTES;
  const domain = mailDomain(config);

  /** Queues one message per recipient, each under `key(recipient)`, in one transaction. */
  const send = (
    recipients: readonly NotificationRecipient[],
    message: PlainMessage,
    key: (r: NotificationRecipient) => string,
    notBefore?: string,
  ) =>
    recipients.length === 0
      ? Promise.resolve(0)
      : queueMail(
          store,
          recipients.map((r) => ({
            kind: "notification" as const,
            to: { address: r.email, name: r.name },
            ...message,
            dedupeKey: key(r),
            userId: r.id,
            ...(notBefore ? { notBefore } : {}),
          })),
          domain,
        );

  const editUrl = (article: { id: string; kind?: string }) =>
    adminUrl(config.publicUrl, `/${article.kind === "page" ? "pages" : "articles"}/${article.id}`);

  /** Its authors' accounts and whoever last moved it through the workflow (who scheduled it). */
  const peopleOf = async (articleId: string, kind: NotificationKind) => {
    const ids = new Set(await articleAuthorUserIds(store, articleId));
    const scheduler = await lastTransitionUserId(store, articleId);
    if (scheduler) ids.add(scheduler);
    return listNotificationRecipients(store, kind, {
      roles: NOTIFICATION_ROLES[kind],
      userIds: [...ids],
    });
  };

  const submitted = async (event: RecordedChange) => {
    const articleId = event.ids.articleId as string;
    const article = await getArticleById(store, articleId);
    if (article?.status !== "in_review") return;
    const submitterId = await lastTransitionUserId(store, articleId, event.at);
    const submitter = submitterId ? await getUserById(store, submitterId) : undefined;
    const recipients = await listNotificationRecipients(store, "article_submitted", {
      roles: NOTIFICATION_ROLES.article_submitted,
      except: submitterId ? [submitterId] : [],
    });
    const { title } = await getSettings(store);
    const message = articleSubmittedMessage({
      publication: title,
      headline: article.headline,
      submitter: submitter?.name ?? "Someone",
      editUrl: editUrl(article),
    });
    await send(recipients, message, (r) => `submitted:${articleId}:${event.position}:${r.id}`);
  };

  const held = async (event: RecordedChange) => {
    const window = heldWindow(event.at, windowMinutes);
    const recipients = await listNotificationRecipients(store, "comments_held", {
      roles: NOTIFICATION_ROLES.comments_held,
    });
    if (recipients.length === 0) return;
    const [{ title }, waiting] = await Promise.all([
      getSettings(store),
      heldComments(store, HELD_LISTED),
    ]);
    // Approved or removed meanwhile: nothing to tell (a message already queued keeps its count).
    if (waiting.total === 0) return;
    const message = commentsHeldMessage({
      publication: title,
      total: waiting.total,
      newest: waiting.newest,
      moderateUrl: adminUrl(config.publicUrl, "/comments"),
    });
    const key = (r: NotificationRecipient) => `comments-held:${r.id}:${window.start}`;
    await transact(store, async (tx) => {
      // Sent at the window's end, so one message tells what arrived during the window; a later
      // comment in the same window rewrites the queued message with the new count.
      for (const r of recipients)
        if (!(await refreshQueuedMail(tx, key(r), message)))
          await queueMail(
            tx,
            [
              {
                kind: "notification",
                to: { address: r.email, name: r.name },
                ...message,
                dedupeKey: key(r),
                userId: r.id,
                notBefore: window.end,
              },
            ],
            domain,
          );
    });
  };

  const published = async (event: RecordedChange) => {
    const articleId = event.ids.articleId as string;
    const article = await getArticleById(store, articleId);
    if (!article) return;
    const recipients = await peopleOf(articleId, "scheduled_published");
    const { title } = await getSettings(store);
    const message = scheduledPublishedMessage({
      publication: title,
      headline: article.headline,
      articleUrl: `${config.publicUrl}${articleOrPagePath(article)}`,
      editUrl: editUrl(article),
    });
    await send(
      recipients,
      message,
      (r) => `scheduled-published:${articleId}:${event.position}:${r.id}`,
    );
  };

  const failed = async (event: RecordedChange) => {
    const articleId = event.ids.articleId as string;
    const article = await getArticleById(store, articleId);
    if (article?.status !== "scheduled") return;
    const recipients = await peopleOf(articleId, "schedule_failed");
    const { title } = await getSettings(store);
    const message = scheduleFailedMessage({
      publication: title,
      headline: article.headline,
      reason: String(event.data?.reason ?? "unknown error"),
      editUrl: editUrl(article),
    });
    // Once per article and due time, however many instances (or failure streaks) record it.
    const due = String(event.data?.dueAt ?? article.publishedAt ?? "");
    await send(recipients, message, (r) => `schedule-failed:${articleId}:${due}:${r.id}`);
  };

  const handlerOf = (event: RecordedChange) => {
    switch (event.type) {
      case "article.submitted":
      case "page.submitted":
        return submitted;
      case "comment.held":
        return held;
      case "article.published":
      case "page.published":
        return event.data?.scheduled === true ? published : undefined;
      case "article.schedule_failed":
      case "page.schedule_failed":
        return failed;
      default:
        return undefined;
    }
  };

  return {
    name: "staff-notifications",
    async handle(events) {
      if (!mailingOn(config)) return;
      // Several held comments in one batch make one rewrite of each moderator's message per window.
      const heldByWindow = new Map<string, RecordedChange>();
      for (const event of events) {
        const handler = handlerOf(event);
        if (handler === held) heldByWindow.set(heldWindow(event.at, windowMinutes).start, event);
        else if (handler) await handler(event);
      }
      for (const event of heldByWindow.values()) await held(event);
    },
    reset() {
      // Nothing is kept between events.
    },
  };
}
