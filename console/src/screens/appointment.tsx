// One appointment: its decision in words, the actions the role may take (under If-Match), and its audit trail.
import { useState } from "preact/hooks";
import { ApiError, call, ifMatch, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Dialog, Field, Loaded, Notice, ProblemBanner, useLoad } from "../ui";
import { formatDay, localParts, addMinutes } from "../words";
import { BookingVerdict } from "./book";
import { StatusBadge } from "./day";

type Action = "check-in" | "complete" | "cancel" | "no-show" | "override";

export function AppointmentScreen({ id }: { id: string }) {
  const { api } = useApp();
  const load = useLoad(async () => {
    const [appointment, audit] = await Promise.all([
      call(api.GET("/appointments/{appointmentId}", { params: { path: { appointmentId: id } } })),
      call(api.GET("/appointments/{appointmentId}/audit", { params: { path: { appointmentId: id } } })).then((r) => r.data, () => []),
    ]);
    return { appointment: appointment.data, audit };
  }, [api, id]);
  return (
    <Loaded load={load} what="the appointment">
      {({ appointment, audit }) => <Appointment a={appointment} audit={audit} reload={load.reload} />}
    </Loaded>
  );
}

function Appointment({ a, audit, reload }: { a: S["AppointmentView"]; audit: S["AuditView"][]; reload: () => void }) {
  const { api, people, may, session, settings } = useApp();
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<null | "cancel" | "override" | "reschedule">(null);
  const { date, time } = localParts(a.start);
  const s = a.status;

  async function act(action: Action, reason?: string): Promise<boolean> {
    setError(null);
    setDone(null);
    const params = { path: { appointmentId: a.id }, header: { "If-Match": ifMatch(a.version) } };
    // Every action takes a JSON body (the API refuses a POST without Content-Type); only the override needs a reason.
    const body: S["ActionInput"] = reason ? { reason } : {};
    try {
      switch (action) {
        case "check-in": await call(api.POST("/appointments/{appointmentId}/check-in", { params, body })); break;
        case "complete": await call(api.POST("/appointments/{appointmentId}/complete", { params, body })); break;
        case "cancel": await call(api.POST("/appointments/{appointmentId}/cancel", { params, body })); break;
        case "no-show": await call(api.POST("/appointments/{appointmentId}/no-show", { params, body })); break;
        case "override": await call(api.POST("/appointments/{appointmentId}/override", { params, body: { reason: reason ?? "" } })); break;
      }
      setDone(`Done: ${action.replace("-", " ")}.`);
      reload();
      return true;
    } catch (e) {
      setError(e as Error);
      if (e instanceof ApiError && (e.status === 412 || e.status === 409)) reload();
      if (e instanceof ApiError && e.status === 422) throw e;
      return false;
    }
  }

  const isClinicianOwn = session.role === "clinician";
  return (
    <section aria-labelledby="appt-title">
      <p class="crumbs"><a href={`#/day?date=${date}`}>‹ Back to {formatDay(date)}</a></p>
      <div class="page-head">
        <h1 id="appt-title">{people.patientName(a.patientId)} · {a.serviceCode}</h1>
        <StatusBadge status={s} />
      </div>
      {error && <ProblemBanner error={error} />}
      {done && <Notice>{done}</Notice>}
      <div class="columns">
        <div class="card">
          <dl class="facts">
            <dt>When</dt><dd>{formatDay(date)}, {time}–{addMinutes(time, a.durationMinutes)} ({a.durationMinutes} min)</dd>
            <dt>Provider</dt><dd>{people.providerName(a.providerId)}</dd>
            <dt>Service</dt><dd>{a.serviceCode}</dd>
            {a.seriesId && <><dt>Series</dt><dd>{a.seriesId.slice(0, 8)}</dd></>}
          </dl>
          <h2>Authorization check</h2>
          <BookingVerdict appointment={a} />
          {a.decision?.override && (
            <p>Overridden by {a.decision.override.by}: “{a.decision.override.reason}”.</p>
          )}
          <div class="actions wrap" aria-label="Actions">
            {may.checkIn && s === "SCHEDULED" && <ActionButton kind="primary" onAction={() => act("check-in")}>Check in</ActionButton>}
            {may.complete && (s === "SCHEDULED" || s === "CHECKED_IN") && <ActionButton onAction={() => act("complete")}>Complete</ActionButton>}
            {may.reschedule && (s === "SCHEDULED" || s === "NEEDS_AUTH") && <button type="button" class="secondary" onClick={() => setAsking("reschedule")}>Reschedule</button>}
            {may.noShow && (s === "SCHEDULED" || s === "CHECKED_IN") && <ActionButton onAction={() => act("no-show")}>No-show</ActionButton>}
            {may.cancel && ["REQUESTED", "SCHEDULED", "NEEDS_AUTH", "CHECKED_IN"].includes(s) && <button type="button" class="danger" onClick={() => setAsking("cancel")}>Cancel…</button>}
            {may.override && s === "NEEDS_AUTH" && <button type="button" class="primary" onClick={() => setAsking("override")}>Override…</button>}
            {isClinicianOwn && may.writeNotes && ["SCHEDULED", "CHECKED_IN", "COMPLETED"].includes(s) && a.providerId === session.subject && (
              <a class="button primary" href={`#/notes/${a.id}`}>Write the note</a>
            )}
          </div>
          {s === "NEEDS_AUTH" && !may.override && (
            <p class="hint">Only the practice's override role ({ROLE_NAME(settings?.overrideRole)}) may schedule it anyway.</p>
          )}
        </div>
        <div class="card">
          <h2>History</h2>
          {audit.length === 0 ? <p class="hint">No changes recorded yet.</p> : (
            <ol class="timeline">
              {audit.map((e, i) => (
                <li key={i}>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>{" "}
                  <strong>{e.action.toLowerCase().replace(/_/g, " ")}</strong>
                  {e.from && e.to ? ` ${e.from} → ${e.to}` : e.to ? ` → ${e.to}` : ""} by {e.actor}{e.role ? ` (${e.role})` : ""}
                  {e.reason && <div class="hint">“{e.reason}”</div>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      {(asking === "cancel" || asking === "override") && (
        <ReasonDialog action={asking} onClose={() => setAsking(null)} onSubmit={async (reason) => {
          if (await act(asking, reason)) setAsking(null);
        }} />
      )}
      {asking === "reschedule" && <RescheduleDialog a={a} onClose={() => setAsking(null)} onDone={() => { setAsking(null); setDone("Rescheduled: it is checked again against the authorization."); reload(); }} />}
    </section>
  );
}

const ROLE_NAME = (r?: string) => ({ admin: "administrator", front_desk: "front desk", clinician: "clinician", biller: "biller" } as Record<string, string>)[r ?? "admin"] ?? r;

function ReasonDialog({ action, onClose, onSubmit }: { action: "cancel" | "override"; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <Dialog title={action === "cancel" ? "Cancel the appointment" : "Schedule it anyway (override)"} onClose={onClose}>
      <form onSubmit={(e) => e.preventDefault()}>
        {action === "override" && <p>The session is scheduled without an authorization reservation; the reason is kept in the audit trail.</p>}
        <Field label={action === "override" ? "Reason (required)" : "Reason (optional)"} error={error?.field("reason")} wide>
          {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <div class="actions">
          <button type="button" class="secondary" onClick={onClose}>Back</button>
          <ActionButton kind={action === "cancel" ? "danger" : "primary"} onAction={async () => {
            setError(null);
            try {
              await onSubmit(reason);
            } catch (e) {
              if (e instanceof ApiError) setError(e);
            }
          }}>{action === "cancel" ? "Cancel the appointment" : "Override"}</ActionButton>
        </div>
      </form>
    </Dialog>
  );
}

function RescheduleDialog({ a, onClose, onDone }: { a: S["AppointmentView"]; onClose: () => void; onDone: () => void }) {
  const { api, people } = useApp();
  const p0 = localParts(a.start);
  const [date, setDate] = useState(p0.date);
  const [time, setTime] = useState(p0.time);
  const [minutes, setMinutes] = useState(String(a.durationMinutes));
  const [providerId, setProviderId] = useState(a.providerId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | Error | null>(null);
  const fieldError = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);
  return (
    <Dialog title="Reschedule" onClose={onClose}>
      <form class="form-grid" onSubmit={(e) => e.preventDefault()}>
        {error && <ProblemBanner error={error} />}
        <Field label="New date" error={fieldError("start")}>{(p) => <input {...p} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}</Field>
        <Field label="New start time">{(p) => <input {...p} type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} />}</Field>
        <Field label="Minutes" error={fieldError("durationMinutes")}>{(p) => <input {...p} type="number" min={1} max={720} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />}</Field>
        <Field label="Provider" error={fieldError("providerId")}>
          {(p) => (
            <select {...p} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)}>
              {people.providers.map((x) => <option key={x.id} value={x.id}>{people.providerName(x.id)}</option>)}
            </select>
          )}
        </Field>
        <Field label="Reason (optional)" wide>{(p) => <input {...p} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}</Field>
      </form>
      <div class="actions">
        <button type="button" class="secondary" onClick={onClose}>Back</button>
        <ActionButton kind="primary" onAction={async () => {
          setError(null);
          try {
            const body: S["RescheduleInput"] = { start: `${date}T${time}`, durationMinutes: Number(minutes), providerId, ...(reason ? { reason } : {}) };
            await call(api.POST("/appointments/{appointmentId}/reschedule", {
              params: { path: { appointmentId: a.id }, header: { "If-Match": ifMatch(a.version) } }, body,
            }));
            onDone();
          } catch (e) {
            setError(e as Error);
          }
        }}>Reschedule</ActionButton>
      </div>
    </Dialog>
  );
}
