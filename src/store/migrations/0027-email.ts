import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Email (issue 15): newsletters and their subscribers, the editions sent to them, the durable
 * outbox every message goes through (one row per recipient per message, claimed with a lease so
 * several senders never send the same row), the addresses that must not be mailed again, staff
 * notification switches and commenters' email confirmations. An edition's body is rendered once
 * and kept on the edition, not on each of its 100,000 outbox rows.
 */
export function emailMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("newsletters")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        // { cadence: "daily" | "weekly", sectionIds, hourUtc, weekday? } or null: no digest.
        .addColumn("digest", t.json)
        .addColumn("active", t.boolean, (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("subscribers")
        .addColumn("id", "text", (c) => c.primaryKey())
        // Normalised by parseEmailAddress: one row per inbox.
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text")
        // pending (until the opt-in link is confirmed) | confirmed | unsubscribed
        .addColumn("status", "text", (c) => c.notNull())
        // Random, per subscriber: signs the links in their messages (confirm, preferences,
        // unsubscribe) so that no sign-in is needed and a tampered link fails.
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("confirmed_at", t.timestamp)
        .addColumn("unsubscribed_at", t.timestamp)
        .addColumn("confirm_sent_at", t.timestamp)
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("subscribers_status_created")
        .on("subscribers")
        .columns(["status", "created_at"])
        .execute();

      await db.schema
        .createTable("subscriptions")
        .addColumn("subscriber_id", "text", (c) =>
          c.notNull().references("subscribers.id").onDelete("cascade"),
        )
        .addColumn("newsletter_id", "text", (c) =>
          c.notNull().references("newsletters.id").onDelete("cascade"),
        )
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint("subscriptions_pk", ["subscriber_id", "newsletter_id"])
        .execute();
      await db.schema
        .createIndex("subscriptions_newsletter")
        .on("subscriptions")
        .columns(["newsletter_id", "subscriber_id"])
        .execute();

      // The record of consent: when, from which form, to which newsletters; gone with the
      // subscriber when they ask to be deleted.
      await db.schema
        .createTable("subscriber_consents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("subscriber_id", "text", (c) =>
          c.notNull().references("subscribers.id").onDelete("cascade"),
        )
        // subscribe | confirm | preferences | unsubscribe | import | admin
        .addColumn("action", "text", (c) => c.notNull())
        // article | home | newsletter-page | preferences | one-click | import | admin | …
        .addColumn("form", "text", (c) => c.notNull())
        .addColumn("newsletter_ids", t.json, (c) => c.notNull())
        .addColumn("edition_id", "text")
        .addColumn("at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("subscriber_consents_subscriber")
        .on("subscriber_consents")
        .columns(["subscriber_id", "at"])
        .execute();
      await db.schema
        .createIndex("subscriber_consents_edition")
        .on("subscriber_consents")
        .columns(["edition_id", "action"])
        .execute();

      await db.schema
        .createTable("mail_suppressions")
        .addColumn("email", "text", (c) => c.primaryKey())
        // hard_bounce | complaint | smtp_rejected | manual
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("editions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("newsletter_id", "text", (c) =>
          c.notNull().references("newsletters.id").onDelete("cascade"),
        )
        // article | digest
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("article_id", "text", (c) => c.references("articles.id").onDelete("set null"))
        // A digest's articles, in order.
        .addColumn("article_ids", t.json, (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("intro", "text", (c) => c.notNull())
        // The web archive page's address: /newsletter/<newsletter slug>/<slug>.
        .addColumn("slug", "text", (c) => c.notNull())
        // draft | queued | sending | sent | cancelled
        .addColumn("status", "text", (c) => c.notNull())
        // Rendered once when queued (with per-recipient link placeholders); the archive page too.
        .addColumn("html", "text")
        .addColumn("text", "text")
        .addColumn("send_at", t.timestamp)
        .addColumn("recipients", "integer", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("updated_at", t.timestamp, (c) => c.notNull())
        .addColumn("queued_at", t.timestamp)
        .addColumn("sent_at", t.timestamp)
        .addUniqueConstraint("editions_newsletter_slug", ["newsletter_id", "slug"])
        .execute();
      await db.schema
        .createIndex("editions_status_send_at")
        .on("editions")
        .columns(["status", "send_at"])
        .execute();

      await db.schema
        .createTable("mail_outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        // The Message-ID header, fixed when queued: a message sent again after a crash keeps it.
        .addColumn("message_id", "text", (c) => c.notNull().unique())
        // edition | confirm | invitation | password_reset | notification | comment_verify | test
        .addColumn("kind", "text", (c) => c.notNull())
        // Several instances hear each change event: a consumer queues with a key, once.
        .addColumn("dedupe_key", "text", (c) => c.unique())
        .addColumn("edition_id", "text", (c) => c.references("editions.id").onDelete("cascade"))
        .addColumn("subscriber_id", "text", (c) =>
          c.references("subscribers.id").onDelete("set null"),
        )
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("to_address", "text", (c) => c.notNull())
        .addColumn("to_name", "text")
        // Null for an edition's rows: subject and parts come from the edition.
        .addColumn("subject", "text")
        .addColumn("html", "text")
        .addColumn("text", "text")
        // Extra headers (List-Unsubscribe, …) as { name: value }.
        .addColumn("headers", t.json)
        // queued | sent | failed | suppressed | bounced
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", t.timestamp, (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", t.timestamp)
        .addColumn("last_error", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("sent_at", t.timestamp)
        .execute();
      // The sender's claim: due rows only, oldest first.
      await db.schema
        .createIndex("mail_outbox_due")
        .on("mail_outbox")
        .columns(["next_attempt_at"])
        .where("status" as never, "=", "queued")
        .execute();
      await db.schema
        .createIndex("mail_outbox_edition_status")
        .on("mail_outbox")
        .columns(["edition_id", "status"])
        .execute();
      await db.schema
        .createIndex("mail_outbox_address")
        .on("mail_outbox")
        .columns(["to_address"])
        .execute();

      // Staff notification switches; no row: the kind's default (on).
      await db.schema
        .createTable("notification_settings")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("enabled", t.boolean, (c) => c.notNull())
        .addPrimaryKeyConstraint("notification_settings_pk", ["user_id", "kind"])
        .execute();

      // A commenter who confirmed an email address from the browser holding their commenter
      // token: that token is trusted as an approved comment makes it.
      await db.schema
        .createTable("commenter_email_confirmations")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("commenter_hash", "text", (c) => c.notNull())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("expires_at", t.timestamp, (c) => c.notNull())
        .addColumn("confirmed_at", t.timestamp)
        .execute();
      await db.schema
        .createIndex("commenter_email_confirmations_commenter")
        .on("commenter_email_confirmations")
        .columns(["commenter_hash", "confirmed_at"])
        .execute();
    },
  };
}
