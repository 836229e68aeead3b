// The editor's right-hand column: settings, corrections, the preview link and delete.

import type { ArticleStatus } from "../../content/index.js";
import type { FieldIssue } from "../lib/api.js";
import { formatDateTime } from "../lib/format.js";
import type { ReferenceData } from "../lib/reference.js";
import type { SessionUser } from "../lib/session.js";
import { toast } from "../lib/toast.js";
import type { AdminMedia, ArticleReply, Correction } from "../lib/types.js";
import { CorrectionsPanel } from "./corrections.js";
import { LiveComposer } from "./live-composer.js";
import type { ArticleMeta } from "./meta.js";
import { SidePanel } from "./side-panel.js";

interface SideColumnProps {
  meta: ArticleMeta;
  change: (patch: Partial<ArticleMeta>) => void;
  issues: FieldIssue[];
  reference: ReferenceData;
  user: SessionUser;
  readOnly: boolean;
  featured: AdminMedia | undefined;
  pickFeatured: () => void;
  server: ArticleReply | null;
  status: ArticleStatus;
  publicPath: string | null;
  publishedSlug: string | null;
  adopt: (reply: ArticleReply) => void;
  preview: { url: string; expiresAt: string } | null;
  noun: string;
  askDelete: () => void;
}

/** The side column beside the body. */
export function SideColumn(props: SideColumnProps) {
  const { server, status, preview } = props;
  return (
    <div class="editor-side-column">
      <SidePanel
        meta={props.meta}
        change={props.change}
        issues={props.issues}
        reference={props.reference}
        user={props.user}
        readOnly={props.readOnly}
        featured={props.featured}
        pickFeatured={props.pickFeatured}
        publicPath={props.publicPath}
        publishedSlug={props.publishedSlug}
      />
      {server && status === "published" ? (
        <CorrectionsPanel
          articleId={server.article.id}
          notes={server.corrections}
          mayAdd={server.can.publish}
          onAdded={(note: Correction) => {
            props.adopt({ ...server, corrections: [...server.corrections, note] });
            toast("Note added. It shows on the article now.");
          }}
        />
      ) : null}
      {server && props.meta.type === "live" && server.article.type === "live" ? (
        <LiveComposer
          articleId={server.article.id}
          people={props.reference.people}
          personId={props.user.personId}
          mayPost={server.can.edit}
        />
      ) : null}
      {preview ? (
        <section class="side-section" aria-labelledby="preview-heading">
          <h2 class="side-heading" id="preview-heading">
            Preview link
          </h2>
          <p class="field-hint">
            Anyone with this link can read the article as it is now, until{" "}
            {formatDateTime(preview.expiresAt)}.
          </p>
          <input
            class="copy-field"
            readOnly
            value={preview.url}
            aria-label="Preview address"
            onFocus={(e) => e.currentTarget.select()}
          />
        </section>
      ) : null}
      {server?.can.delete ? (
        <section class="side-section side-danger">
          <button
            type="button"
            class="button button-danger-quiet button-small"
            onClick={props.askDelete}
          >
            Delete {props.noun}
          </button>
        </section>
      ) : null}
    </div>
  );
}
