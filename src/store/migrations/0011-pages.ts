import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Pages (About, Contact…) are rows of `articles` with `kind = 'page'`, so they share revisions,
 * the workflow and the editor. A page has no section, so `section_id` may now be null (the
 * domain still requires one of an article); `page_type` is the schema.org type of its JSON-LD.
 *
 * PostgreSQL drops the NOT NULL in place. SQLite cannot alter a column's constraints, so the
 * table is rebuilt as SQLite documents (https://www.sqlite.org/lang_altertable.html#otheralter):
 * a copy under a new name from the stored CREATE statement minus that NOT NULL, the rows, the
 * old table dropped, the copy renamed, its indexes made again. Foreign keys are off for the
 * migration run (DialectAdapter.duringMigrations), or dropping the old table would delete every
 * author, tag, comment and revision row pointing at it; they are checked before this commits.
 */
export function pagesMigration(adapter: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (adapter.name === "postgres")
        await sql`alter table articles alter column section_id drop not null`.execute(db);
      else await rebuildSqliteArticlesWithNullableSection(db);
      await db.schema
        .alterTable("articles")
        .addColumn("kind", "text", (c) => c.notNull().defaultTo("article"))
        .execute();
      await db.schema
        .alterTable("articles")
        .addColumn("page_type", "text", (c) => c.notNull().defaultTo("WebPage"))
        .execute();
    },
  };
}

const SECTION_NOT_NULL = /"section_id" text not null references/;

async function rebuildSqliteArticlesWithNullableSection(db: Kysely<unknown>): Promise<void> {
  const enforced = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  if (enforced.rows[0]?.foreign_keys !== 0)
    throw new Error(
      "foreign keys are enforced, so dropping the old articles table would delete the rows " +
        "that point at it; run migrations through migrateToLatest",
    );
  const table = await sql<{ sql: string }>`
    select sql from sqlite_schema where type = 'table' and name = 'articles'`.execute(db);
  const create = table.rows[0]?.sql;
  if (create === undefined || !SECTION_NOT_NULL.test(create))
    throw new Error(
      "the articles table is not as migrations 0001-0010 left it (section_id text not null), so it " +
        "cannot be rebuilt safely",
    );
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_schema
    where type = 'index' and tbl_name = 'articles' and sql is not null`.execute(db);
  const rebuilt = create
    .replace(/^CREATE TABLE "articles"/, 'CREATE TABLE "articles_rebuilt"')
    .replace(SECTION_NOT_NULL, '"section_id" text references');
  await sql.raw(rebuilt).execute(db);
  await sql`insert into articles_rebuilt select * from articles`.execute(db);
  await sql`drop table articles`.execute(db);
  await sql`alter table articles_rebuilt rename to articles`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
  const broken = await sql`pragma foreign_key_check`.execute(db);
  if (broken.rows.length > 0)
    throw new Error(
      `rebuilding the articles table left ${broken.rows.length} rows pointing at nothing: ` +
        JSON.stringify(broken.rows.slice(0, 5)),
    );
}
