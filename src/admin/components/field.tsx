import type { ComponentChildren, JSX } from "preact";
import { useId } from "preact/hooks";

interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (ids: {
    id: string;
    "aria-describedby"?: string;
    "aria-invalid"?: boolean;
  }) => ComponentChildren;
  class?: string;
  /** Shows "optional" next to the label. */
  optional?: boolean;
}

/** A labelled form field with its hint and error, wired for screen readers. */
export function Field({ label, hint, error, children, class: className, optional }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div class={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label for={id} class="field-label">
        {label}
        {optional ? <span class="field-optional"> (optional)</span> : null}
      </label>
      {children({
        id,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": error ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} class="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<JSX.HTMLAttributes<HTMLInputElement>, "onInput" | "value"> & {
  value: string;
  onValue: (value: string) => void;
};

/** A text input reporting its value as a string. */
export function TextInput({ value, onValue, ...rest }: InputProps) {
  return (
    <input
      type="text"
      {...rest}
      value={value}
      onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value)}
    />
  );
}
