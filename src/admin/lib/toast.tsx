import { observable, useObservable } from "./store.js";

interface Toast {
  id: number;
  message: string;
  kind: "success" | "error" | "info";
}

const toasts = observable<Toast[]>([]);
let nextId = 1;

/** Shows a short message at the bottom of the screen, read out by screen readers. */
export function toast(message: string, kind: Toast["kind"] = "success"): void {
  const id = nextId++;
  toasts.set([...toasts.get(), { id, message, kind }]);
  setTimeout(
    () => toasts.set(toasts.get().filter((t) => t.id !== id)),
    kind === "error" ? 8000 : 4000,
  );
}

/** The live region the toasts appear in; rendered once by the app. */
export function Toasts() {
  const list = useObservable(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`}>
          {t.message}
          <button
            type="button"
            class="icon-button"
            aria-label="Dismiss"
            onClick={() => toasts.set(toasts.get().filter((x) => x.id !== t.id))}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
