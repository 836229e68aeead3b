import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface BlockFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  placeholder?: string;
  required?: boolean;
  optional?: boolean;
  type?: "text" | "url";
  autofocus?: boolean;
  readOnly?: boolean;
  class?: string;
}

/** A labelled one-line field inside a block, with its hint and error. */
export function BlockField({
  id,
  label,
  value,
  onValue,
  error,
  hint,
  placeholder,
  required,
  optional,
  type = "text",
  autofocus,
  readOnly,
  class: className,
}: BlockFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autofocus) ref.current?.focus();
  }, [autofocus]);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`block-field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label for={id}>
        {label}
        {required ? <span class="required-mark"> (required)</span> : null}
        {optional ? <span class="field-optional"> (optional)</span> : null}
      </label>
      <input
        ref={ref}
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        aria-required={required ? true : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {hint ? (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Issues of a block no field shows (e.g. about its text), listed under it. */
export function OtherIssues({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul class="block-issues">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
