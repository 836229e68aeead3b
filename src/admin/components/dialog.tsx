import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Buttons at the bottom, right-aligned. */
  footer?: ComponentChildren;
  size?: "small" | "medium" | "large";
  /** Description read with the title by screen readers. */
  description?: string;
  /**
   * Where focus goes once the dialog has closed, instead of back to where it was (e.g. the
   * editor, which restores its own caret).
   */
  returnFocus?: () => void;
}

/**
 * A modal dialog on the native <dialog>: the browser traps focus, Escape closes it and the page
 * behind is inert. Focus goes to the first field (or the dialog) and returns to where it was.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  size = "medium",
  description,
  returnFocus,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const returnTo = document.activeElement as HTMLElement | null;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>(
        "[autofocus], .dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body button",
      );
      (first ?? dialog).focus();
      return () => {
        if (dialog.open) dialog.close();
        // The editor's text restores its own caret (ProseMirror's focus); a plain focus() there
        // would let the browser put the caret at the start of the body.
        if (returnFocusRef.current) returnFocusRef.current();
        else if (returnTo && !returnTo.isContentEditable) returnTo.focus?.();
      };
    }
    return undefined;
  }, [open]);
  if (!open) return null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard closes it with Escape (onCancel)
    <dialog
      ref={ref}
      class={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === ref.current) onClose();
      }}
    >
      <div class="dialog-frame">
        <header class="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {description ? (
          <p id={descriptionId} class="dialog-description">
            {description}
          </p>
        ) : null}
        <div class="dialog-body">{children}</div>
        {footer ? <footer class="dialog-footer">{footer}</footer> : null}
      </div>
    </dialog>
  );
}

interface DialogActionsProps {
  /** What the main button says. */
  label: string;
  /** What it says while the work runs (its label unless told). */
  busyLabel?: string;
  busy?: boolean;
  /** Disables the main button for another reason than being busy (a choice still missing). */
  disabled?: boolean;
  /** A destructive job (delete) is shown as such. */
  danger?: boolean;
  /** The id of the form the main button submits; without it the button calls onConfirm. */
  form?: string;
  onConfirm?: () => void;
  onCancel: () => void;
  /** The cancel button's word where "Cancel" is not the right one ("Later", "Close"). */
  cancelLabel?: string;
  /** Put before the two buttons: a delete button at the start, a status line. */
  children?: ComponentChildren;
}

/**
 * The footer most dialogs have: Cancel, then the button that does the dialog's job (disabled
 * while it runs). Cancel is never disabled: a request already sent goes on, only the dialog
 * closes.
 */
export function DialogActions({
  label,
  busyLabel,
  busy = false,
  disabled = false,
  danger = false,
  form,
  onConfirm,
  onCancel,
  cancelLabel = "Cancel",
  children,
}: DialogActionsProps) {
  return (
    <>
      {children}
      <button type="button" class="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button
        type={form ? "submit" : "button"}
        form={form}
        class={danger ? "button button-danger" : "button button-primary"}
        disabled={busy || disabled}
        onClick={form ? undefined : onConfirm}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    </>
  );
}
