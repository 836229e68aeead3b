import type { FastifyInstance } from "fastify";
import { parseSearchDay, parseSearchQuery, type Section } from "../../content/index.js";
import type { SearchParams } from "../../content/public-paths.js";
import { getPeopleByIds, SEARCH_COUNT_CAP, searchArticles } from "../../store/reads.js";
import { renderSearchPage, type SearchResultItem } from "../pages/search.js";
import { loadContext, type SiteDeps, sendHtml, sendNotFound } from "./respond.js";

/** Results per search page. */
export const SEARCH_PER_PAGE = 10;
const DAY_MS = 86_400_000;

type Query = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (a repeated one counts once), trimmed. */
function one(query: Query, name: string): string {
  const value = query[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
}

/** The descendants of a section, itself included. */
function withSubsections(sections: readonly Section[], id: string): string[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++)
    for (const s of sections) if (s.parentId === ids[i] && !ids.includes(s.id)) ids.push(s.id);
  return ids;
}

/**
 * The search page, GET /search?q=…&section=…&from=…&to=…&page=…. Not kept in the page cache:
 * queries are unbounded and would push articles out, and a search costs milliseconds. Bad
 * filters answer 400 with the form and a message saying what to fix, never 500.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store } = deps;
  app.get<{ Querystring: Query }>("/search", async (request, reply) => {
    const query = (request.query ?? {}) as Query;
    const ctx = await loadContext(deps);
    const params: SearchParams = {
      q: one(query, "q") || undefined,
      section: one(query, "section") || undefined,
      from: one(query, "from") || undefined,
      to: one(query, "to") || undefined,
    };
    const problems: string[] = [];
    const pageText = one(query, "page");
    let page = 1;
    if (pageText !== "") {
      if (!/^[1-9][0-9]{0,5}$/.test(pageText)) return sendNotFound(deps, reply);
      page = Number(pageText);
    }
    const section = params.section
      ? ctx.sections.find((s) => s.slug === params.section)
      : undefined;
    if (params.section && !section)
      problems.push(`There is no section “${params.section}”. Choose one from the list.`);
    const day = (label: string, text: string | undefined) => {
      if (!text) return undefined;
      const date = parseSearchDay(text);
      if (!date) problems.push(`The ${label} date must be a real day written as YYYY-MM-DD.`);
      return date;
    };
    const from = day("“From”", params.from);
    const to = day("“To”", params.to);
    if (from && to && from > to) problems.push("The “From” date must not be after the “To” date.");

    // A bad filter is a bad request (400); a query with nothing to look for is not.
    const badRequest = problems.length > 0;
    const parsed = parseSearchQuery(params.q ?? "");
    const searched = !badRequest && parsed.terms.length > 0;
    if (params.q && parsed.terms.length === 0)
      problems.push(
        "Your search has no words to look for. Type letters or numbers; symbols and operators are ignored.",
      );
    let items: SearchResultItem[] = [];
    let total = 0;
    let totalCapped = false;
    let totalPages = 1;
    if (searched) {
      const results = await searchArticles(store, {
        query: parsed,
        sectionIds: section ? withSubsections(ctx.sections, section.id) : undefined,
        from,
        // "To" is inclusive: everything before the next day's midnight.
        to: to ? new Date(to.getTime() + DAY_MS) : undefined,
        limit: SEARCH_PER_PAGE,
        offset: (page - 1) * SEARCH_PER_PAGE,
      });
      total = results.total;
      totalCapped = results.totalCapped;
      totalPages = Math.max(1, Math.ceil(Math.min(total, SEARCH_COUNT_CAP) / SEARCH_PER_PAGE));
      if (page > totalPages) return sendNotFound(deps, reply);
      const people = await getPeopleByIds(store, [
        ...new Set(results.items.flatMap((h) => h.authorIds)),
      ]);
      const personById = new Map(people.map((p) => [p.id, p]));
      const sectionById = new Map(ctx.sections.map((s) => [s.id, s]));
      items = results.items.map((hit) => ({
        hit,
        authors: hit.authorIds.flatMap((id) => personById.get(id) ?? []),
        section: sectionById.get(hit.sectionId),
      }));
    } else if (page > 1) return sendNotFound(deps, reply);
    const html = renderSearchPage({
      ctx,
      params,
      problems,
      truncated: parsed.truncated,
      searched,
      items,
      total,
      totalCapped,
      page,
      totalPages,
    });
    return sendHtml(reply, badRequest ? 400 : 200, html);
  });
}
