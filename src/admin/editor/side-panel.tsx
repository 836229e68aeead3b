import { useState } from "preact/hooks";
import {
  ARTICLE_TYPE_LABELS,
  ARTICLE_TYPES,
  type ArticleType,
  can,
  FEATURED_IMAGE_CAPTION_MAX_LENGTH,
  META_DESCRIPTION_MAX_LENGTH,
  META_TITLE_MAX_LENGTH,
  PAGE_TYPE_LABELS,
  PAGE_TYPES,
  type PageType,
  slugify,
} from "../../content/index.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import type { FieldIssue } from "../lib/api.js";
import {
  currentReference,
  type ReferenceData,
  refreshIfStale,
  sectionTree,
} from "../lib/reference.js";
import { people as peopleApi, sections as sectionsApi, tags as tagsApi } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import type { AdminMedia } from "../lib/types.js";
import type { ArticleMeta } from "./meta.js";
import { PickOrCreate } from "./pick-or-create.js";

interface SidePanelProps {
  meta: ArticleMeta;
  change: (patch: Partial<ArticleMeta>) => void;
  issues: FieldIssue[];
  reference: ReferenceData;
  user: SessionUser;
  readOnly: boolean;
  featured: AdminMedia | undefined;
  pickFeatured: () => void;
  publicPath: string | null;
  /** The address readers knew the article at, when it has been published; else null. */
  publishedSlug: string | null;
}

const issueOf = (issues: FieldIssue[], field: string) =>
  issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message ?? null;

/** Authors in byline order: add from the people list, reorder, remove. */
function AuthorsField({ meta, change, issues, reference, readOnly, user }: SidePanelProps) {
  const chosen = meta.authorIds;
  const name = (id: string) => reference.people.find((p) => p.id === id)?.name ?? "Unknown person";
  const move = (from: number, to: number) => {
    const next = [...chosen];
    const [id] = next.splice(from, 1);
    if (id) next.splice(to, 0, id);
    change({ authorIds: next });
  };
  const error = issueOf(issues, "authorIds");
  return (
    <fieldset
      class={`fieldset side-fieldset${error ? " field-invalid" : ""}`}
      aria-describedby={error ? "authors-error" : undefined}
    >
      <legend>Authors</legend>
      {chosen.length === 0 ? <p class="field-hint">No author yet.</p> : null}
      <ol class="author-list">
        {chosen.map((id, i) => (
          <li key={id}>
            <span class="author-name">{name(id)}</span>
            {!readOnly ? (
              <span class="author-actions">
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Move ${name(id)} earlier in the byline`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <Icon name="up" size={14} />
                </button>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Move ${name(id)} later in the byline`}
                  disabled={i === chosen.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <Icon name="down" size={14} />
                </button>
                <button
                  type="button"
                  class="icon-button icon-button-danger"
                  aria-label={`Remove ${name(id)} from the authors`}
                  onClick={() => change({ authorIds: chosen.filter((x) => x !== id) })}
                >
                  <Icon name="trash" size={14} />
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {!readOnly && user.personId && !chosen.includes(user.personId) ? (
        <button
          type="button"
          class="button button-small add-me"
          onClick={() => user.personId && change({ authorIds: [...chosen, user.personId] })}
        >
          <Icon name="plus" size={14} />
          Add me as an author
        </button>
      ) : null}
      {!readOnly ? (
        <PickOrCreate
          id="add-author"
          label="Add an author"
          labelHidden
          placeholder="Add an author…"
          options={() => currentReference().people}
          chosen={chosen}
          onAdd={(id) => change({ authorIds: [...chosen, id] })}
          noun="person"
          create={
            can(user.role, "people.manage")
              ? async (wanted) =>
                  (await peopleApi.create({ name: wanted, slug: slugify(wanted) })).person.id
              : undefined
          }
        />
      ) : null}
      {error ? (
        <p id="authors-error" class="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Tags: pick existing ones by name; editors may create a new one on the spot. */
function TagsField({ meta, change, issues, reference, readOnly, user }: SidePanelProps) {
  const mayCreate = can(user.role, "taxonomy.manage");
  const chosen = meta.tagIds;
  const tagName = (id: string) => reference.tags.find((t) => t.id === id)?.name ?? "Unknown tag";
  return (
    <div class="field">
      <p class="field-label" id="tags-label">
        Tags
      </p>
      {chosen.length > 0 ? (
        <ul class="chips" aria-label="Chosen tags">
          {chosen.map((id) => (
            <li key={id} class="chip">
              {tagName(id)}
              {!readOnly ? (
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={`Remove tag ${tagName(id)}`}
                  onClick={() => change({ tagIds: chosen.filter((x) => x !== id) })}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!readOnly ? (
        <PickOrCreate
          id="tag-input"
          label="Add a tag"
          labelHidden
          placeholder={mayCreate ? "Add or create a tag" : "Add a tag"}
          options={() => currentReference().tags}
          chosen={chosen}
          onAdd={(id) => change({ tagIds: [...chosen, id] })}
          noun="tag"
          create={
            mayCreate
              ? async (wanted) => (await tagsApi.create({ name: wanted, slug: slugify(wanted) })).id
              : undefined
          }
          describedBy="tag-hint"
        />
      ) : null}
      <p id="tag-hint" class="field-hint">
        {issueOf(issues, "tagIds") ?? "Press Enter to add."}
      </p>
    </div>
  );
}

/** A page's one setting of its own: the schema.org type its JSON-LD declares. */
function PageTypeField({ meta, change, issues, readOnly }: SidePanelProps) {
  return (
    <Field
      label="Page type"
      error={issueOf(issues, "pageType")}
      hint="Tells search engines what the page is: about the publication, how to reach it, or neither."
    >
      {(ids) => (
        <select
          {...ids}
          value={meta.pageType}
          disabled={readOnly}
          onChange={(e) => change({ pageType: e.currentTarget.value as PageType })}
        >
          {PAGE_TYPES.map((t) => (
            <option key={t} value={t}>
              {PAGE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An article's type and section. */
function TypeAndSectionFields({ meta, change, issues, reference, readOnly, user }: SidePanelProps) {
  const [creating, setCreating] = useState(false);
  const mayCreate = can(user.role, "taxonomy.manage");
  return (
    <>
      <Field
        label="Type"
        error={issueOf(issues, "type")}
        hint={
          meta.type === "opinion" || meta.type === "commentary"
            ? "Readers see this piece labelled as opinion."
            : undefined
        }
      >
        {(ids) => (
          <select
            {...ids}
            value={meta.type}
            disabled={readOnly}
            onChange={(e) => change({ type: e.currentTarget.value as ArticleType })}
          >
            {ARTICLE_TYPES.map((t) => (
              <option key={t} value={t}>
                {ARTICLE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Section" error={issueOf(issues, "sectionId") ? "Choose a section." : null}>
        {(ids) => (
          <select
            {...ids}
            value={meta.sectionId ?? ""}
            disabled={readOnly}
            onFocus={() => void refreshIfStale()}
            onChange={(e) => change({ sectionId: e.currentTarget.value })}
          >
            {!meta.sectionId ? <option value="">Choose a section…</option> : null}
            {sectionTree(reference.sections).map(({ section, depth }) => (
              <option key={section.id} value={section.id}>
                {"\u2003".repeat(depth)}
                {section.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!readOnly && mayCreate ? (
        creating ? (
          <PickOrCreate
            id="new-section"
            label="New section"
            placeholder="Name of the section"
            options={() => currentReference().sections}
            chosen={[]}
            onAdd={(id) => {
              change({ sectionId: id });
              setCreating(false);
            }}
            noun="section"
            create={async (wanted) =>
              (await sectionsApi.create({ name: wanted, slug: slugify(wanted) })).id
            }
          />
        ) : (
          <button type="button" class="link-button" onClick={() => setCreating(true)}>
            New section…
          </button>
        )
      ) : null}
    </>
  );
}

/** How much of a field's limit is used, e.g. "42 of 300 characters". */
function Counter({ value, max }: { value: string; max: number }) {
  const used = value.trim().length;
  return (
    <span class={used > max ? "field-count field-count-over" : "field-count"}>
      {used} of {max} characters
    </span>
  );
}

/**
 * What search engines and link previews show: a meta title and description (the headline and
 * dek stand in when empty) and a canonical URL for a piece that first ran elsewhere. Closed
 * unless something is set, since most articles never need it.
 */
function SearchAndSharing({ meta, change, issues, readOnly }: SidePanelProps) {
  const anySet = meta.metaTitle !== "" || meta.metaDescription !== "" || meta.canonicalUrl !== "";
  const invalid = ["metaTitle", "metaDescription", "canonicalUrl"].some((f) => issueOf(issues, f));
  return (
    <details class="side-group" open={anySet || invalid}>
      <summary class="side-group-summary">Search and sharing</summary>
      <Field
        label="Meta title"
        optional
        error={issueOf(issues, "metaTitle")}
        hint={
          <>
            Shown by search engines and in shared links instead of the headline.{" "}
            <Counter value={meta.metaTitle} max={META_TITLE_MAX_LENGTH} />
          </>
        }
      >
        {(ids) => (
          <input
            {...ids}
            value={meta.metaTitle}
            placeholder={meta.headline}
            disabled={readOnly}
            onInput={(e) => change({ metaTitle: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Meta description"
        optional
        error={issueOf(issues, "metaDescription")}
        hint={
          <>
            Shown under the title in search results and shared links instead of the dek.{" "}
            <Counter value={meta.metaDescription} max={META_DESCRIPTION_MAX_LENGTH} />
          </>
        }
      >
        {(ids) => (
          <textarea
            {...ids}
            rows={3}
            value={meta.metaDescription}
            placeholder={meta.dek}
            disabled={readOnly}
            onInput={(e) => change({ metaDescription: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Canonical URL"
        optional
        error={issueOf(issues, "canonicalUrl")}
        hint="Only if this piece first ran elsewhere: search engines credit that address."
      >
        {(ids) => (
          <input
            {...ids}
            type="url"
            value={meta.canonicalUrl}
            placeholder="https://"
            spellcheck={false}
            disabled={readOnly}
            onInput={(e) => change({ canonicalUrl: e.currentTarget.value })}
          />
        )}
      </Field>
    </details>
  );
}

/**
 * The settings beside the text. An article: type, section, authors, tags, image, address,
 * comments. A page (About, Contact…): page type, authors, image and address; it is on no
 * listing and shows no comments.
 */
export function SidePanel(props: SidePanelProps) {
  const { meta, change, issues, readOnly, featured, pickFeatured, publicPath } = props;
  const isPage = meta.kind === "page";
  const what = isPage ? "Page" : "Article";
  return (
    <aside class="editor-side" aria-label={`${what} settings`}>
      <h2 class="side-heading">{what} settings</h2>
      {isPage ? <PageTypeField {...props} /> : <TypeAndSectionFields {...props} />}
      <AuthorsField {...props} />
      {isPage ? null : <TagsField {...props} />}
      <div class="field">
        <p class="field-label" id="featured-label">
          Featured image
        </p>
        {featured ? (
          <figure class="featured-preview">
            <img src={featured.url} alt={featured.alt} />
          </figure>
        ) : meta.featuredImageId ? (
          <p class="field-hint">Loading…</p>
        ) : (
          <p class="field-hint">
            {isPage
              ? "Shown when the page is shared."
              : "Shown on the home page and when the article is shared."}
          </p>
        )}
        {!readOnly ? (
          <div class="button-row">
            <button
              type="button"
              class="button button-small"
              aria-describedby="featured-label"
              onClick={pickFeatured}
            >
              {meta.featuredImageId ? "Replace" : "Choose image"}
            </button>
            {meta.featuredImageId ? (
              <button
                type="button"
                class="button button-small button-danger-quiet"
                onClick={() => change({ featuredImageId: null })}
              >
                Remove
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {meta.featuredImageId || meta.featuredImageCaption ? (
        <Field
          label="Featured image caption"
          optional
          error={issueOf(issues, "featuredImageCaption")}
          hint={
            <Counter value={meta.featuredImageCaption} max={FEATURED_IMAGE_CAPTION_MAX_LENGTH} />
          }
        >
          {(ids) => (
            <textarea
              {...ids}
              rows={2}
              value={meta.featuredImageCaption}
              disabled={readOnly}
              onInput={(e) => change({ featuredImageCaption: e.currentTarget.value })}
            />
          )}
        </Field>
      ) : null}
      <Field
        label="Web address"
        error={issueOf(issues, "slug")}
        hint={
          meta.slugFollowsHeadline ? (
            "Follows the headline until you change it."
          ) : publicPath ? (
            <a href={publicPath} target="_blank" rel="noopener">
              {publicPath}
            </a>
          ) : undefined
        }
      >
        {(ids) => (
          <span class="input-prefix">
            <span aria-hidden="true">{isPage ? "/" : "/articles/"}</span>
            <input
              {...ids}
              value={meta.slug}
              disabled={readOnly}
              spellcheck={false}
              onInput={(e) => change({ slug: e.currentTarget.value, slugFollowsHeadline: false })}
              onBlur={(e) => change({ slug: slugify(e.currentTarget.value) || meta.slug })}
            />
          </span>
        )}
      </Field>
      {props.publishedSlug && meta.slug !== props.publishedSlug && meta.slug.trim() !== "" ? (
        // The store redirects a published article's old address (src/store/slug-redirects.ts).
        <p class="field-note" role="status">
          This {isPage ? "page" : "article"} is published: its old address{" "}
          <code>
            {isPage ? "/" : "/articles/"}
            {props.publishedSlug}
          </code>{" "}
          will redirect to the new one, so links to it keep working.
        </p>
      ) : null}
      {isPage ? null : (
        <div class="field field-check">
          <input
            id="comments-enabled"
            type="checkbox"
            checked={meta.commentsEnabled}
            disabled={readOnly}
            onChange={(e) => change({ commentsEnabled: e.currentTarget.checked })}
          />
          <label for="comments-enabled">Readers may comment</label>
        </div>
      )}
      <SearchAndSharing {...props} />
    </aside>
  );
}
