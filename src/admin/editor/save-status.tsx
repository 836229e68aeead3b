import { formatTime } from "../lib/format.js";

/** Where the article stands with the server. */
export type SaveState =
  | { kind: "new"; at: null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date | null }
  | { kind: "invalid"; message: string }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string };

/** "Saving… / Saved at 12:03 / Not saved: …", announced politely to screen readers. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  let text: string;
  let tone = "neutral";
  switch (state.kind) {
    case "new":
      text = "Not saved yet";
      break;
    case "pending":
      text = "Unsaved changes";
      break;
    case "saving":
      text = "Saving…";
      break;
    case "saved":
      text = state.at ? `Saved at ${formatTime(state.at)}` : "All changes saved";
      tone = "good";
      break;
    case "invalid":
      text = `Not saved: ${state.message}`;
      tone = "bad";
      break;
    case "error":
      text = `Not saved: ${state.message}`;
      tone = "bad";
      break;
    case "conflict":
      text = "Not saved: someone else saved a newer version";
      tone = "bad";
      break;
  }
  return (
    <p class={`save-status save-${tone}`}>
      <span role="status" aria-live="polite" aria-atomic="true">
        {text}
      </span>
      {state.kind === "error" ? (
        <button type="button" class="link-button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </p>
  );
}
