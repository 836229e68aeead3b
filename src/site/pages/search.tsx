import {
  type MarkedRun,
  type Person,
  SEARCH_QUERY_MAX_CHARS,
  type Section,
} from "../../content/index.js";
import { articlePath, type SearchParams, searchPath } from "../../content/public-paths.js";
import type { SearchHit } from "../../store/reads.js";
import { AuthorLinks, Kicker } from "../components/article-list.js";
import { neighbours, Pagination } from "../components/pagination.js";
import type { SiteContext } from "../context.js";
import { formatDate } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";

/** A result with what its entry shows besides the hit itself. */
export interface SearchResultItem {
  hit: SearchHit;
  authors: readonly Person[];
  section: Section | undefined;
}

/** Props of the search page. */
export interface SearchPageProps {
  ctx: SiteContext;
  /** What the reader asked for, echoed into the form. */
  params: SearchParams;
  /** Why the request could not be searched as asked (a bad date, an unknown section). */
  problems: readonly string[];
  /** The query was cut to SEARCH_QUERY_MAX_CHARS or to its first words. */
  truncated: boolean;
  /** Whether there was anything to search for. */
  searched: boolean;
  items: readonly SearchResultItem[];
  total: number;
  /** More results exist than `total` (the count stops there). */
  totalCapped: boolean;
  page: number;
  totalPages: number;
}

/** Text with its matched runs in <mark>: each run is a text node, so nothing is read as HTML. */
function Marked({ runs }: { runs: readonly MarkedRun[] }) {
  return <>{runs.map((r, i) => (r.marked ? <mark key={i}>{r.text}</mark> : r.text))}</>;
}

const RESULT_PAGER_LABELS = {
  name: "More results",
  prev: "← Previous results",
  next: "More results →",
};

/** The search form: plain GET, so it works without JavaScript and every result page has a URL. */
export function SearchForm({ ctx, params }: { ctx: SiteContext; params: SearchParams }) {
  const ordered = sectionOptions(ctx.sections);
  return (
    <search>
      <form class="search-form" method="get" action={searchPath()}>
        <p class="search-field">
          <label for="search-q">Search for</label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={params.q ?? ""}
            maxlength={SEARCH_QUERY_MAX_CHARS * 2}
            placeholder="Words, or a “phrase in quotes”"
          />
        </p>
        <p class="search-filter">
          <label for="search-section">Section</label>
          <select id="search-section" name="section">
            <option value="">All sections</option>
            {ordered.map(({ section, depth }) => (
              <option
                value={section.slug}
                selected={section.slug === params.section}
                key={section.id}
              >
                {`${"— ".repeat(depth)}${section.name}`}
              </option>
            ))}
          </select>
        </p>
        <p class="search-filter">
          <label for="search-from">From</label>
          <input id="search-from" type="date" name="from" value={params.from ?? ""} />
        </p>
        <p class="search-filter">
          <label for="search-to">To</label>
          <input id="search-to" type="date" name="to" value={params.to ?? ""} />
        </p>
        <p class="search-submit">
          <button type="submit">Search</button>
        </p>
      </form>
    </search>
  );
}

function Result({ item, language }: { item: SearchResultItem; language: string }) {
  const { hit, authors, section } = item;
  const date = formatDate(hit.publishedAt, language);
  return (
    <li class="search-result">
      <article>
        <Kicker type={hit.type} section={section} />
        <h2 class="teaser-headline">
          <a href={articlePath(hit.slug)}>
            <Marked runs={hit.headlineRuns} />
          </a>
        </h2>
        {hit.snippet.length > 0 ? (
          <p class="search-snippet">
            <Marked runs={hit.snippet} />
          </p>
        ) : null}
        <p class="meta">
          {authors.length > 0 ? (
            <span>
              By <AuthorLinks authors={authors} />
            </span>
          ) : null}
          {date ? <time datetime={hit.publishedAt}>{date}</time> : null}
        </p>
      </article>
    </li>
  );
}

function countLine(total: number, capped: boolean, q: string | undefined): string {
  const n = capped ? `More than ${total.toLocaleString("en")}` : total.toLocaleString("en");
  const noun = total === 1 && !capped ? "result" : "results";
  return q ? `${n} ${noun} for “${q}”` : `${n} ${noun}`;
}

/** The search page: the form, any problem with the request, and a page of ranked results. */
export function SearchPage(props: SearchPageProps) {
  const { ctx, params, page, totalPages } = props;
  const pager = {
    page,
    totalPages,
    pathOf: (n: number) => searchPath({ ...params, page: n }),
  };
  const title = params.q ? `Search: ${params.q}` : "Search";
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${title}, page ${page}` : title}
      path={searchPath({ ...params, page })}
      noindex
      {...neighbours(pager)}
    >
      <header class="page-header">
        <h1>Search</h1>
      </header>
      <SearchForm ctx={ctx} params={params} />
      {props.problems.length > 0 ? (
        <div class="search-problems" role="alert">
          {props.problems.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      {props.truncated ? (
        <p class="search-note">
          Your search was long, so only its first {SEARCH_QUERY_MAX_CHARS} characters (and at most
          20 words or phrases) were used.
        </p>
      ) : null}
      {props.searched ? (
        <section class="search-results-section" aria-labelledby="search-count">
          <h2 id="search-count" class="listing-title">
            {countLine(props.total, props.totalCapped, params.q)}
            {page > 1 ? ` — page ${page}` : ""}
          </h2>
          {props.items.length === 0 ? (
            <p class="empty">
              Nothing matched. Try fewer or different words, another section or a wider range of
              dates.
            </p>
          ) : (
            <ol class="search-results">
              {props.items.map((item) => (
                <Result item={item} language={ctx.settings.language} key={item.hit.id} />
              ))}
            </ol>
          )}
          <Pagination {...pager} labels={RESULT_PAGER_LABELS} />
        </section>
      ) : props.problems.length === 0 ? (
        <p class="empty">Type a word or a “phrase in quotes” to search every published article.</p>
      ) : null}
    </Layout>
  );
}

/** Renders the search page to HTML. */
export function renderSearchPage(props: SearchPageProps): string {
  return renderDocument(<SearchPage {...props} />);
}

/** Sections in tree order with their depth, for the section select. */
function sectionOptions(sections: readonly Section[]): { section: Section; depth: number }[] {
  const out: { section: Section; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const s of sections.filter((x) => x.parentId === parentId)) {
      out.push({ section: s, depth });
      if (depth < 10) walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
