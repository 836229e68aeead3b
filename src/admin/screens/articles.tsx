import { useEffect, useState } from "preact/hooks";
import {
  ARTICLE_STATUSES,
  ARTICLE_TYPE_LABELS,
  type ArticleKind,
  type ArticleStatus,
  PAGE_TYPE_LABELS,
} from "../../content/index.js";
import { BylineDialog } from "../components/byline-dialog.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { PageHeader } from "../components/shell.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatAgo, formatDateTime, plural, STATUS_LABELS } from "../lib/format.js";
import { refreshReference, sectionTree, useReference } from "../lib/reference.js";
import { articles, type BulkReport } from "../lib/resources.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { useResource } from "../lib/use-resource.js";
import { ArticleBulkBar, BulkSummary } from "./article-bulk-bar.js";

/** Rows per page the list offers; more rows make bigger selections for bulk actions. */
const PAGE_SIZES = [25, 50, 100] as const;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** What differs between the list of articles and the list of pages (same screen, `kind`). */
const LISTS = {
  article: {
    title: "Articles",
    path: "/articles",
    noun: "article",
    newLabel: "New article",
    firstLabel: "Write the first article",
    emptyTitle: "No articles yet",
    emptyText: "Start with a headline; the editor saves as you type.",
  },
  page: {
    title: "Pages",
    path: "/pages",
    noun: "page",
    newLabel: "New page",
    firstLabel: "Write the first page",
    emptyTitle: "No pages yet",
    emptyText:
      "Pages are the publication's own: About, Contact, Ethics, Corrections policy. Each is served at its own address and listed nowhere else.",
  },
} as const;

/**
 * The articles list (or, with kind "page", the pages list): filter by status, section (articles
 * only) and author, search headlines, open one.
 */
export function ArticlesScreen({
  user,
  kind = "article",
}: {
  user: SessionUser;
  kind?: ArticleKind;
}) {
  const texts = LISTS[kind];
  const isPage = kind === "page";
  useTitle(texts.title);
  const { query } = useLocation();
  const ref = useReference();
  const status = (query.get("status") ?? "") as ArticleStatus | "";
  const sectionId = query.get("section") ?? "";
  const authorId = query.get("author") ?? "";
  const offset = Number(query.get("offset") ?? 0) || 0;
  const asked = Number(query.get("limit"));
  const pageSize = PAGE_SIZES.find((n) => n === asked) ?? PAGE_SIZES[0];
  const [search, setSearch] = useState(query.get("q") ?? "");
  const q = useDebounced(search.trim(), 250);
  // On an account's first sign-in through a link (landingAfterLink) it is asked its byline here.
  const [bylineOpen, setBylineOpen] = useState(query.get("welcome") === "byline");
  const welcome = query.get("welcome") === "byline";
  const [selected, setSelected] = useState<string[]>([]);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [headlines, setHeadlines] = useState<Record<string, string>>({});

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "offset") next.delete("offset");
    const s = next.toString();
    navigate(`${texts.path}${s ? `?${s}` : ""}`, { replace: true });
  };
  useEffect(() => {
    if ((query.get("q") ?? "") !== q) setFilter("q", q);
  }, [q]);

  const list = useResource(
    () => articles.list({ kind, status, sectionId, authorId, q, limit: pageSize, offset }),
    [kind, status, sectionId, authorId, q, offset, pageSize],
  );
  // A selection belongs to the page of the list it was made on.
  useEffect(() => setSelected([]), [kind, status, sectionId, authorId, q, offset, pageSize]);
  const personName = (id: string) => ref.people.find((p) => p.id === id)?.name ?? "Unknown";
  const sectionName = (id: string | null) => ref.sections.find((s) => s.id === id)?.name ?? "—";
  const filtered = Boolean(status || sectionId || authorId || q);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={texts.title}
        intro={
          user.role === "contributor"
            ? "Write drafts and send them to an editor for review."
            : undefined
        }
        actions={
          <>
            <button type="button" class="button" onClick={() => setBylineOpen(true)}>
              Your byline
            </button>
            <Link href={`${texts.path}/new`} class="button button-primary">
              <Icon name="plus" />
              {texts.newLabel}
            </Link>
          </>
        }
      />
      {bylineOpen ? (
        <BylineDialog
          welcome={welcome}
          onClose={() => {
            setBylineOpen(false);
            void refreshReference();
            if (welcome) setFilter("welcome", "");
          }}
        />
      ) : null}
      {report ? (
        <BulkSummary
          report={report}
          headline={(id) => headlines[id] ?? "An article"}
          onDismiss={() => setReport(null)}
        />
      ) : null}
      <search class="filters" aria-label={`Filter ${texts.noun}s`}>
        <div class="filter filter-search">
          <label for="article-search">Search headlines</label>
          <span class="input-icon">
            <Icon name="search" />
            <input
              id="article-search"
              type="search"
              placeholder="Search headlines"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          </span>
        </div>
        <div class="filter">
          <label for="article-status">Status</label>
          <select
            id="article-status"
            value={status}
            onChange={(e) => setFilter("status", e.currentTarget.value)}
          >
            <option value="">All statuses</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {isPage ? null : (
          <div class="filter">
            <label for="article-section">Section</label>
            <select
              id="article-section"
              value={sectionId}
              onChange={(e) => setFilter("section", e.currentTarget.value)}
            >
              <option value="">All sections</option>
              {sectionTree(ref.sections).map(({ section, depth }) => (
                <option key={section.id} value={section.id}>
                  {"\u2003".repeat(depth)}
                  {section.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="filter">
          <label for="article-author">Author</label>
          <select
            id="article-author"
            value={authorId}
            onChange={(e) => setFilter("author", e.currentTarget.value)}
          >
            <option value="">All authors</option>
            {user.personId ? <option value={user.personId}>Me</option> : null}
            {ref.people
              .filter((p) => p.id !== user.personId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
        <div class="filter">
          <label for="article-page-size">Per page</label>
          <select
            id="article-page-size"
            value={String(pageSize)}
            onChange={(e) => setFilter("limit", e.currentTarget.value)}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            class="link-button filter-clear"
            onClick={() => {
              setSearch("");
              navigate(texts.path, { replace: true });
            }}
          >
            Clear filters
          </button>
        ) : null}
      </search>

      {list.error ? (
        <Notice kind="error" title={`The ${texts.noun}s could not be loaded`} live>
          {list.error.message}{" "}
          <button type="button" class="link-button" onClick={() => list.reload()}>
            Try again
          </button>
        </Notice>
      ) : null}

      {!list.data && list.loading ? (
        <p class="loading" role="status">
          Loading {texts.noun}s…
        </p>
      ) : items.length === 0 && !list.error ? (
        <div class="empty">
          {filtered ? (
            <p>No {texts.noun} matches these filters.</p>
          ) : (
            <>
              <p class="empty-title">{texts.emptyTitle}</p>
              <p>{texts.emptyText}</p>
              <Link href={`${texts.path}/new`} class="button button-primary">
                {texts.firstLabel}
              </Link>
            </>
          )}
        </div>
      ) : items.length > 0 ? (
        <>
          <p class="list-count" role="status" aria-live="polite">
            {plural(total, texts.noun)}
            {list.loading ? " (updating…)" : ""}
          </p>
          {selected.length > 0 ? (
            <ArticleBulkBar
              selected={selected}
              isPage={isPage}
              onClear={() => setSelected([])}
              onApplied={(done) => {
                setHeadlines(
                  Object.fromEntries(items.map((a) => [a.id, a.headline || "Untitled"])),
                );
                setReport(done);
                setSelected(done.results.filter((r) => r.outcome === "refused").map((r) => r.id));
                void list.reload();
              }}
            />
          ) : null}
          <table class="table articles-table">
            <thead>
              <tr>
                <th scope="col" class="cell-select">
                  <input
                    type="checkbox"
                    aria-label={`Select every ${texts.noun} on this page`}
                    checked={items.length > 0 && items.every((a) => selected.includes(a.id))}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? items.map((a) => a.id) : [])
                    }
                  />
                </th>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                {isPage ? null : <th scope="col">Section</th>}
                <th scope="col">Authors</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} class={selected.includes(a.id) ? "row-selected" : undefined}>
                  <td class="cell-select">
                    <input
                      type="checkbox"
                      aria-label={`Select “${a.headline || "Untitled"}”`}
                      checked={selected.includes(a.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setSelected((now) =>
                          on ? [...now, a.id] : now.filter((id) => id !== a.id),
                        );
                      }}
                    />
                  </td>
                  <td class="cell-title">
                    <Link href={`${texts.path}/${a.id}`}>{a.headline || "Untitled"}</Link>
                    <span class="cell-sub">
                      {isPage ? PAGE_TYPE_LABELS[a.pageType] : ARTICLE_TYPE_LABELS[a.type]}
                    </span>
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
                    {a.status === "scheduled" && a.publishedAt ? (
                      <span class="cell-sub">for {formatDateTime(a.publishedAt)}</span>
                    ) : a.status === "published" && a.publishedAt ? (
                      <span class="cell-sub">{formatDateTime(a.publishedAt)}</span>
                    ) : null}
                  </td>
                  {isPage ? null : <td>{sectionName(a.sectionId)}</td>}
                  <td>{a.authorIds.map(personName).join(", ")}</td>
                  <td>
                    <time dateTime={a.updatedAt} title={formatDateTime(a.updatedAt)}>
                      {formatAgo(a.updatedAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label={`${texts.noun}s`}
            offset={offset}
            pageSize={pageSize}
            total={total}
            onOffset={(n) => setFilter("offset", String(n))}
          />
        </>
      ) : null}
    </>
  );
}
