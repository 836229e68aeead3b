import { useState } from "preact/hooks";
import { can } from "../../content/index.js";
import { creditText } from "../components/credit.js";
import { CreditDialog } from "../components/credit-dialog.js";
import { Dialog } from "../components/dialog.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { PageHeader } from "../components/shell.js";
import { UploadForm } from "../components/upload-form.js";
import { ApiError } from "../lib/api.js";
import { fileTileLabel, plural } from "../lib/format.js";
import { media } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import type { AdminMedia } from "../lib/types.js";
import { useResource } from "../lib/use-resource.js";

const PAGE = 60;

/** The media library: every image with its credit; upload, edit details, delete unused ones. */
export function MediaScreen({ user }: { user: SessionUser }) {
  useTitle("Media");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [open, setOpen] = useState<AdminMedia | null>(null);
  const list = useResource(
    () => media.list({ q: q.trim() || undefined, offset, limit: PAGE }),
    [q, offset],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const mayDelete = can(user.role, "media.delete");
  return (
    <>
      <PageHeader
        title="Media"
        intro="Images for articles and profiles, each with its alt text and credit."
        actions={
          <button type="button" class="button button-primary" onClick={() => setUploading(true)}>
            <Icon name="plus" />
            Upload image
          </button>
        }
      />
      <search class="filters" aria-label="Search media">
        <div class="filter filter-search">
          <label for="media-search">Search alt text, descriptions and credits</label>
          <span class="input-icon">
            <Icon name="search" />
            <input
              id="media-search"
              type="search"
              value={q}
              onInput={(e) => {
                setQ(e.currentTarget.value);
                setOffset(0);
              }}
            />
          </span>
        </div>
      </search>
      {list.error ? (
        <Notice kind="error" title="The library could not be loaded" live>
          {list.error.message}
        </Notice>
      ) : null}
      {!list.data && list.loading ? (
        <p class="loading" role="status">
          Loading images…
        </p>
      ) : items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">{q ? "No image matches" : "No images yet"}</p>
          {!q ? (
            <button type="button" class="button button-primary" onClick={() => setUploading(true)}>
              Upload the first image
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <p class="list-count">{plural(total, "image")}</p>
          <ul class="media-grid" aria-label="Images">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  class="media-tile"
                  onClick={() => setOpen(item)}
                  aria-label={`Details of ${item.alt || "image"}`}
                >
                  {item.kind === undefined || item.kind === "image" || item.kind === "document" ? (
                    <img src={item.url} alt="" loading="lazy" />
                  ) : (
                    <span class="media-tile-file">{fileTileLabel(item)}</span>
                  )}
                  <span class="media-tile-text">
                    {item.alt || (item.kind === "image" ? "No alt text" : item.mimeType)}
                  </span>
                  <span class="media-tile-credit">{creditText(item.credit)}</span>
                  {item.creditWarning ? (
                    <span class="media-tile-warning">
                      <Icon name="warning" size={14} /> Credit incomplete
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          <Pager
            label="images"
            offset={offset}
            pageSize={PAGE}
            total={total}
            onOffset={setOffset}
          />
        </>
      )}
      <Dialog open={uploading} title="Upload an image" onClose={() => setUploading(false)}>
        <UploadForm
          onUploaded={(item) => {
            setUploading(false);
            toast("Image uploaded.");
            void list.reload();
            if (item.creditWarning) setOpen(item);
          }}
        />
      </Dialog>
      <CreditDialog
        item={open}
        onClose={(saved) => {
          setOpen(null);
          if (saved) {
            toast("Image details saved.");
            void list.reload();
          }
        }}
        onDelete={
          mayDelete
            ? async (item) => {
                try {
                  await media.remove(item.id);
                  setOpen(null);
                  toast("Image deleted.");
                  void list.reload();
                  return null;
                } catch (error) {
                  return error instanceof ApiError
                    ? error.message
                    : "The image could not be deleted.";
                }
              }
            : undefined
        }
      />
    </>
  );
}
