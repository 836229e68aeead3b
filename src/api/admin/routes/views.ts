// Readership: views per article per day and the most-read articles, for the admin app's
// Readership screen. Figures are what the store holds: views still in a server's memory (at most
// the last second's) appear at the next flush.
import { z } from "zod";
import { actorCan } from "../../../auth/actor.js";
import { IdSchema, NotFoundError } from "../../../content/index.js";
import { maySee } from "../../../services/article-access.js";
import { dailyViews, getArticleById, mostRead } from "../../../store/reads.js";
import { type AdminRoute, route } from "../route.js";

const DAY_MS = 86_400_000;
/** The longest range one chart asks for: a year and a day (a leap year's worth). */
const MAX_RANGE_DAYS = 366;

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `d` is a real calendar date written YYYY-MM-DD (not 2026-02-30). */
function isDay(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && toDay(ms) === d;
}

const Day = z.string().refine(isDay, "must be a real calendar date written YYYY-MM-DD");

const DailyQuery = z
  .object({ from: Day.optional(), to: Day.optional() })
  .strict()
  .superRefine((q, ctx) => {
    // A malformed date already has its own issue.
    if ((q.from !== undefined && !isDay(q.from)) || (q.to !== undefined && !isDay(q.to))) return;
    const { from, to } = rangeOf(q);
    if (from > to)
      ctx.addIssue({ code: "custom", path: ["from"], message: `must not be after 'to' (${to})` });
    else if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_RANGE_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: `the range may span at most ${MAX_RANGE_DAYS} days`,
      });
  });

/** The range asked for: by default the 30 days up to today (UTC). */
function rangeOf(q: { from?: string; to?: string }): { from: string; to: string } {
  const to = q.to ?? toDay(Date.now());
  const from = q.from ?? toDay(Date.parse(to) - 29 * DAY_MS);
  return { from, to };
}

const MostReadQuery = z
  .object({
    period: z.enum(["7d", "30d", "all"]).default("7d"),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict();

const ArticleParams = z.object({ id: IdSchema }).strict();

/** The readership endpoints, for the admin API's ROUTES. */
export const VIEW_ROUTES = [
  route({
    method: "GET",
    url: "/readership/articles/:id",
    permission: "views.read",
    does: "see readership",
    params: ArticleParams,
    query: DailyQuery,
    async handler({ actor, params, query, deps: { store } }) {
      const article = await getArticleById(store, params.id);
      if (!article || !maySee(actor, article)) throw new NotFoundError("article", params.id);
      const { from, to } = rangeOf(query);
      const days = await dailyViews(store, params.id, from, to);
      return {
        articleId: article.id,
        headline: article.headline,
        from,
        to,
        days,
        total: days.reduce((sum, d) => sum + d.views, 0),
      };
    },
  }),

  route({
    method: "GET",
    url: "/readership/most-read",
    permission: "views.read",
    does: "see readership",
    query: MostReadQuery,
    async handler({ actor, query, deps: { store } }) {
      const days = query.period === "7d" ? 7 : query.period === "30d" ? 30 : undefined;
      const from = days === undefined ? undefined : toDay(Date.now() - (days - 1) * DAY_MS);
      const items = await mostRead(store, {
        limit: query.limit,
        // A key without the right to see unpublished work gets what readers could read.
        publicOnly: !actorCan(actor, "article.read.unpublished"),
        ...(from === undefined ? {} : { from }),
      });
      return { period: query.period, from: from ?? null, items };
    },
  }),
] as AdminRoute<never, never, never>[];
