// Small, plain components: native elements (button, label, table, dialog) carry keyboard use and accessibility.
import type { ComponentChildren, JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api";

export type Load<T> =
  | { state: "loading"; reload: () => void }
  | { state: "error"; error: ApiError | Error; reload: () => void }
  | { state: "ready"; data: T; reload: () => void };

/** Runs a read, again whenever `deps` change or reload() is called; shows the last answer while reloading. */
export function useLoad<T>(read: () => Promise<T>, deps: unknown[]): Load<T> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ s: "loading" } | { s: "error"; e: Error } | { s: "ready"; d: T }>({ s: "loading" });
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    read().then(
      (d) => live && setState({ s: "ready", d }),
      (e: Error) => live && setState({ s: "error", e }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  if (state.s === "ready") return { state: "ready", data: state.d, reload };
  if (state.s === "error") return { state: "error", error: state.e, reload };
  return { state: "loading", reload };
}

/** Loading, error and ready states of a read, the same way on every screen. */
export function Loaded<T>({ load, children, what }: { load: Load<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (load.state === "loading") return <Loading what={what} />;
  if (load.state === "error") return <ProblemBanner error={load.error} retry={load.reload} />;
  return <>{children(load.data)}</>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}

/** A problem from the API in words: 412 says someone else changed the record; 422 lists the fields. */
export function ProblemBanner({ error, retry }: { error: ApiError | Error; retry?: () => void }) {
  const api = error instanceof ApiError ? error : null;
  let title = api?.problem.title ?? "Something went wrong";
  let detail = api?.problem.detail ?? error.message;
  if (api?.status === 412) {
    title = "Someone else changed this record";
    detail = "It was reloaded with their change; nothing of yours was saved. Check it and try again.";
  } else if (api?.status === 404) {
    title = "Not found";
    detail = "No such record in your practice.";
  } else if (api?.status === 403) {
    title = "Your role may not do this";
  }
  return (
    <div class={`banner ${api?.status === 412 ? "warn" : "error"}`} role="alert">
      <strong>{title}</strong>
      {detail && <span> {detail}</span>}
      {api?.problem.errors && api.status !== 422 && api.problem.errors.length > 0 && (
        <ul>
          {api.problem.errors.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" class="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

let fieldIds = 0;

/** A labelled input with its 422 error (aria-describedby) and a hint. */
export function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => JSX.Element;
}) {
  const id = useRef(`f${++fieldIds}`).current;
  const describedBy = [error ? `${id}-err` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " invalid" : ""}${wide ? " wide" : ""}`}>
      <label for={id}>{label}</label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} class="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export function Badge({ tone, children }: { tone: string; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

/** A modal dialog on the native <dialog>: focus moves in, Escape closes, focus returns. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onClose={onClose} onCancel={onClose}>
      <header class="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

/** A message that screen readers announce (role=status). */
export function Notice({ children, tone = "ok" }: { children: ComponentChildren; tone?: "ok" | "warn" }) {
  return (
    <div class={`banner ${tone}`} role="status">
      {children}
    </div>
  );
}

/** Authorized split into rendered | scheduled | remaining, drawn and said (aria-label) the same. */
export function UsageBar({ authorized, rendered, scheduled, remaining, unit }: {
  authorized: number; rendered: number; scheduled: number; remaining: number; unit: string;
}) {
  const total = Math.max(authorized, rendered + scheduled + remaining, 1);
  const pct = (n: number) => `${(Math.max(n, 0) / total) * 100}%`;
  const over = rendered + scheduled - authorized;
  const label = `${authorized} ${unit} authorized: ${rendered} rendered, ${scheduled} scheduled, ${remaining} remaining` +
    (over > 0 ? `, ${over} over` : "");
  return (
    <div class="usage">
      <div class="usage-bar" role="img" aria-label={label}>
        <span class="seg rendered" style={{ width: pct(rendered) }} />
        <span class="seg scheduled" style={{ width: pct(scheduled) }} />
        <span class="seg remaining" style={{ width: pct(remaining) }} />
      </div>
      <div class="usage-legend" aria-hidden="true">
        <span><i class="dot rendered" />{rendered} rendered</span>
        <span><i class="dot scheduled" />{scheduled} scheduled</span>
        <span><i class="dot remaining" />{remaining} of {authorized} {unit} left</span>
      </div>
    </div>
  );
}

/** A button that runs an async action, disabled while it runs. */
export function ActionButton({ onAction, children, kind = "secondary", label, disabled }: {
  onAction: () => Promise<unknown>; children: ComponentChildren; kind?: "primary" | "secondary" | "danger"; label?: string; disabled?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" class={kind} aria-label={label} disabled={busy || disabled} aria-busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await onAction();
        } finally {
          setBusy(false);
        }
      }}>
      {children}
    </button>
  );
}

/** Downloads text as a file (CSV, X12). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
