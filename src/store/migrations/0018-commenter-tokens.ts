import type { Kysely, Migration } from "kysely";

/**
 * Commenter trust by something only the commenter holds (issue 12): each reader comment records
 * the hash of the commenter id its browser's signed cookie carries, and a commenter is trusted
 * once a moderator has approved a comment with that hash. Until now trust went by a keyed hash of
 * the email (or the address), which anyone who typed the same email shared; `author_key` stays
 * as history but nothing reads it any more, so its index goes. Older comments get no hash: their
 * commenters' next comments are held once, like a new commenter's.
 */
export function commenterTokensMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("comments").addColumn("commenter_hash", "text").execute();
      // "Has a comment carrying this token been approved (and none marked spam)?" on every post.
      await db.schema
        .createIndex("comments_commenter_hash_status")
        .on("comments")
        .columns(["commenter_hash", "status"])
        .execute();
      await db.schema.dropIndex("comments_author_key_status").execute();
    },
  };
}
