import { type Kysely, type Migration, sql } from "kysely";

/**
 * Who recorded a consent by hand and on what grounds: an editor who adds a subscriber as already
 * confirmed, or changes one, must say why (a paper form, an event sign-up sheet), and the record
 * of consent keeps that note and the account that wrote it. Null for a reader's own actions.
 * And an index on the lower-cased address: an address typed again in another case
 * (Ana@example.org, ana@example.org) finds the same subscriber.
 */
export function consentNotesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("subscriber_consents").addColumn("note", "text").execute();
      await db.schema.alterTable("subscriber_consents").addColumn("user_id", "text").execute();
      await db.schema
        .createIndex("subscribers_email_lower")
        .on("subscribers")
        .expression(sql`lower(email)`)
        .execute();
    },
  };
}
