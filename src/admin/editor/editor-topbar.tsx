// The editor's sticky bar: back link, status, save state, history, preview, the workflow
// buttons, and the conflict notice (seen wherever the writer is in the text).

import { type ArticleStatus, can } from "../../content/index.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatDateTime } from "../lib/format.js";
import { Link } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import type { ArticleReply } from "../lib/types.js";
import { PublishControls } from "./publish.js";
import { type SaveState, SaveStatus } from "./save-status.js";

interface EditorTopbarProps {
  server: ArticleReply | null;
  status: ArticleStatus;
  save: SaveState;
  user: SessionUser;
  readOnly: boolean;
  isPage: boolean;
  listPath: string;
  sitePath: (slug: string) => string;
  saveNow: () => void;
  openHistory: () => void;
  openPreview: () => void;
  transition: (to: ArticleStatus, publishedAt?: string) => Promise<string | null>;
  copyMyText: () => void;
  reloadTheirs: () => void;
}

/** The bar above the editor columns. */
export function EditorTopbar(props: EditorTopbarProps) {
  const { server, status, save, user, readOnly, isPage } = props;
  const userMayPublishSomething =
    can(user.role, "article.publish.own") || can(user.role, "article.publish.any");
  return (
    <div class="editor-topbar">
      <div class="editor-topbar-start">
        <Link href={props.listPath} class="back-link">
          <span aria-hidden="true">←</span> {isPage ? "Pages" : "Articles"}
        </Link>
        <StatusBadge status={status} />
        {status === "scheduled" && server?.article.publishedAt ? (
          <span class="topbar-note">for {formatDateTime(server.article.publishedAt)}</span>
        ) : null}
        <SaveStatus state={save} onRetry={props.saveNow} />
      </div>
      <div class="editor-topbar-actions">
        {server ? (
          <button type="button" class="button button-quiet" onClick={props.openHistory}>
            <Icon name="history" />
            History
          </button>
        ) : null}
        {server && status === "published" ? (
          <a
            class="button button-quiet"
            href={props.sitePath(server.article.slug)}
            target="_blank"
            rel="noopener"
          >
            <Icon name="external" />
            View on site
          </a>
        ) : null}
        {server && status === "published" && !isPage && can(user.role, "newsletter.manage") ? (
          // The moment of publishing is when an editor thinks of the newsletter, not the list.
          <Link class="button button-quiet" href={`/newsletters?article=${server.article.id}`}>
            <Icon name="mail" />
            Send as newsletter
          </Link>
        ) : null}
        {server && status !== "published" && (server.can.edit || server.can.publish) ? (
          <button type="button" class="button button-quiet" onClick={props.openPreview}>
            <Icon name="eye" />
            Preview
          </button>
        ) : null}
        {!server && !readOnly ? (
          <span class="topbar-note">
            {userMayPublishSomething
              ? "Publish once it is saved."
              : "Submit for review once it is saved."}
          </span>
        ) : null}
        <PublishControls
          articleId={server?.article.id}
          status={status}
          publishedAt={server?.article.publishedAt ?? null}
          allowed={server?.can.transitions ?? []}
          transition={props.transition}
          disabled={save.kind === "conflict"}
        />
      </div>
      <div class="topbar-alert">
        {save.kind === "conflict" ? (
          <Notice kind="error" title="Someone else saved this article while you were editing" live>
            <p>
              Your latest changes are <strong>not saved</strong>, and nothing of theirs was
              overwritten. Copy your text to keep it, then load their version and apply your changes
              again.
            </p>
            <div class="button-row">
              <button type="button" class="button" onClick={props.copyMyText}>
                Copy my text
              </button>
              <button type="button" class="button button-primary" onClick={props.reloadTheirs}>
                Load their version
              </button>
            </div>
          </Notice>
        ) : null}
      </div>
    </div>
  );
}
