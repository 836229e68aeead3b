import { useEffect, useState } from "preact/hooks";
import { fileTileLabel } from "../lib/format.js";
import { media } from "../lib/resources.js";
import type { AdminMedia } from "../lib/types.js";
import { useResource } from "../lib/use-resource.js";
import { creditText } from "./credit.js";
import { Dialog, DialogActions } from "./dialog.js";
import { Icon } from "./icons.js";
import { Notice } from "./notice.js";
import { UploadForm } from "./upload-form.js";

/**
 * Chooses an item of one kind (images unless told) from the library, or uploads a new one and
 * chooses it.
 */
export function MediaPicker({
  open,
  title = "Choose an image",
  kind = "image",
  onPick,
}: {
  open: boolean;
  title?: string;
  kind?: NonNullable<AdminMedia["kind"]>;
  onPick: (item: AdminMedia | null) => void;
}) {
  const [tab, setTab] = useState<"library" | "upload">("library");
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState<AdminMedia | null>(null);
  const list = useResource(
    () => (open ? media.list({ q: q.trim() || undefined, kind }) : Promise.resolve(null)),
    [open, q, kind],
  );
  useEffect(() => {
    if (open) {
      setSelected(null);
      setTab("library");
    }
  }, [open]);
  const items = list.data?.items ?? [];
  return (
    <Dialog
      open={open}
      title={title}
      size="large"
      onClose={() => onPick(null)}
      footer={
        tab === "library" ? (
          <DialogActions
            label={kind === "image" ? "Use this image" : "Use this file"}
            disabled={!selected}
            onConfirm={() => onPick(selected)}
            onCancel={() => onPick(null)}
          />
        ) : undefined
      }
    >
      <div class="tabs" role="tablist" aria-label="Image source">
        <button
          type="button"
          role="tab"
          id="picker-tab-library"
          aria-selected={tab === "library"}
          aria-controls="picker-panel"
          class="tab"
          onClick={() => setTab("library")}
        >
          Media library
        </button>
        <button
          type="button"
          role="tab"
          id="picker-tab-upload"
          aria-selected={tab === "upload"}
          aria-controls="picker-panel"
          class="tab"
          onClick={() => setTab("upload")}
        >
          Upload new
        </button>
      </div>
      <div
        id="picker-panel"
        role="tabpanel"
        aria-labelledby={`picker-tab-${tab}`}
        class="tab-panel"
      >
        {tab === "upload" ? (
          <UploadForm idPrefix="picker-upload" kind={kind} onUploaded={(item) => onPick(item)} />
        ) : (
          <>
            <div class="filter filter-search">
              <label for="picker-search">Search alt text, descriptions and credits</label>
              <span class="input-icon">
                <Icon name="search" />
                <input
                  id="picker-search"
                  type="search"
                  value={q}
                  onInput={(e) => setQ(e.currentTarget.value)}
                />
              </span>
            </div>
            {list.error ? <Notice kind="error">{list.error.message}</Notice> : null}
            {!list.data && list.loading ? (
              <p class="loading" role="status">
                Loading images…
              </p>
            ) : items.length === 0 ? (
              <div class="empty">
                <p>{q ? "Nothing matches." : "The library has none of these yet."}</p>
                <button
                  type="button"
                  class="button button-primary"
                  onClick={() => setTab("upload")}
                >
                  {kind === "image" ? "Upload an image" : "Upload a file"}
                </button>
              </div>
            ) : (
              <ul class="media-grid media-grid-picker" aria-label="Images">
                {items.map((item) => (
                  <li key={item.id}>
                    <button
                      type="button"
                      class="media-tile"
                      aria-pressed={selected?.id === item.id}
                      onClick={() => setSelected(item)}
                      onDblClick={() => onPick(item)}
                    >
                      {item.kind === undefined ||
                      item.kind === "image" ||
                      item.kind === "document" ? (
                        <img src={item.url} alt={item.alt} loading="lazy" />
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
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
