import type { ComponentChildren } from "preact";

interface NoticeProps {
  kind?: "info" | "success" | "warning" | "error";
  title?: string;
  children?: ComponentChildren;
  /** Announce to screen readers when it appears (errors interrupt, others wait). */
  live?: boolean;
}

/** A message box: an error, a warning or a quiet note. */
export function Notice({ kind = "info", title, children, live = false }: NoticeProps) {
  const role = live ? (kind === "error" ? "alert" : "status") : undefined;
  return (
    <div class={`notice notice-${kind}`} role={role}>
      {title ? <p class="notice-title">{title}</p> : null}
      {children ? <div class="notice-body">{children}</div> : null}
    </div>
  );
}

/** A form's last failure as an error notice, read out when it appears; nothing without one. */
export function ProblemNotice({ problem }: { problem: { message: string } | null | undefined }) {
  if (!problem) return null;
  return (
    <Notice kind="error" live>
      {problem.message}
    </Notice>
  );
}
