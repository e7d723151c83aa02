// Booking: one session or a series, with the series preview saying which session would be the first over the
// authorization; after booking, the authorization check's verdict (SCHEDULED, or NEEDS_AUTH with reasons and fixes).
import { useState } from "preact/hooks";
import { ApiError, call, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Dialog, Field, ProblemBanner } from "../ui";
import { explainReason, formatShortDay, localParts } from "../words";
import { StatusBadge } from "./day";

interface Form {
  patientId: string;
  providerId: string;
  serviceCode: string;
  date: string;
  time: string;
  durationMinutes: string;
  repeat: "NONE" | "WEEKLY" | "DAILY";
  count: string;
}

/** Asks for an appointment until the authorization check has decided it (it runs from the table's stream). */
export async function decided(api: ReturnType<typeof useApp>["api"], id: string, seconds = 30): Promise<S["AppointmentView"]> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const { data } = await call(api.GET("/appointments/{appointmentId}", { params: { path: { appointmentId: id } } }));
    if (data.status !== "REQUESTED" || Date.now() > until) return data;
    await new Promise((r) => setTimeout(r, 700));
  }
}

export function BookDialog({ date, onClose, onBooked }: { date: string; onClose: () => void; onBooked: () => void }) {
  const { api, people, session } = useApp();
  const [form, setForm] = useState<Form>({
    patientId: "", providerId: session.role === "clinician" ? session.subject : "", serviceCode: "", date, time: "09:00",
    durationMinutes: "45", repeat: "NONE", count: "8",
  });
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [preview, setPreview] = useState<S["SeriesView"] | null>(null);
  const [result, setResult] = useState<S["AppointmentView"] | null>(null);
  const [series, setSeries] = useState<S["SeriesView"] | null>(null);
  const set = (k: keyof Form) => (e: Event) => {
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
    setPreview(null);
  };
  const err = (field: string) => (error instanceof ApiError && error.status !== 412 ? error.field(field) : undefined);
  const start = `${form.date}T${form.time}`;
  const duration = Number(form.durationMinutes);
  const seriesInput = () =>
    ({
      patientId: form.patientId, providerId: form.providerId, serviceCode: form.serviceCode.trim(), firstStart: start,
      durationMinutes: duration, frequency: form.repeat === "DAILY" ? "DAILY" : "WEEKLY", interval: 1, count: Number(form.count),
    }) satisfies S["SeriesInput"]; // `until` is the alternative to `count`: left out

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e as Error);
    }
  }

  if (result) {
    return (
      <Dialog title="Booked" onClose={onClose}>
        <BookingVerdict appointment={result} />
        <div class="actions">
          <a class="button secondary" href={`#/appointments/${result.id}`} onClick={onClose}>Open the appointment</a>
          <button type="button" class="primary" onClick={onClose}>Done</button>
        </div>
      </Dialog>
    );
  }
  if (series) {
    return (
      <Dialog title="Series booked" onClose={onClose}>
        <p role="status">{series.sessions} sessions booked; {series.withinAuthorization} within the authorization. Each is checked in a moment.</p>
        <div class="actions"><button type="button" class="primary" onClick={onClose}>Done</button></div>
      </Dialog>
    );
  }

  const patients = [...people.patients].sort((a, b) => a.lastName.localeCompare(b.lastName));
  return (
    <Dialog title="Book a session" onClose={onClose}>
      <form class="form-grid" onSubmit={(e) => e.preventDefault()} noValidate>
        {error && (!(error instanceof ApiError) || error.status !== 422) && <ProblemBanner error={error} />}
        {error instanceof ApiError && error.status === 422 && (
          <div class="banner error" role="alert"><strong>Check the fields marked below.</strong> {error.problem.detail}</div>
        )}
        <Field label="Patient" error={err("patientId")}>
          {(p) => (
            <select {...p} value={form.patientId} onChange={set("patientId")} required>
              <option value="">Choose a patient…</option>
              {patients.map((x) => <option key={x.id} value={x.id}>{x.lastName}, {x.firstName} ({x.birthDate})</option>)}
            </select>
          )}
        </Field>
        <Field label="Provider" error={err("providerId")}>
          {(p) => (
            <select {...p} value={form.providerId} onChange={set("providerId")} required>
              <option value="">Choose a provider…</option>
              {people.providers.map((x) => <option key={x.id} value={x.id}>{people.providerName(x.id)}</option>)}
            </select>
          )}
        </Field>
        <Field label="Service code" error={err("serviceCode")} hint="CPT/HCPCS, e.g. 97110">
          {(p) => <input {...p} value={form.serviceCode} onInput={set("serviceCode")} inputMode="numeric" autoComplete="off" required />}
        </Field>
        <Field label="Date" error={err("start") ?? err("firstStart")}>
          {(p) => <input {...p} type="date" value={form.date} onInput={set("date")} required />}
        </Field>
        <Field label="Start time" hint="practice's local time">
          {(p) => <input {...p} type="time" value={form.time} onInput={set("time")} step={300} required />}
        </Field>
        <Field label="Minutes" error={err("durationMinutes")}>
          {(p) => <input {...p} type="number" min={1} max={720} value={form.durationMinutes} onInput={set("durationMinutes")} required />}
        </Field>
        <Field label="Repeat">
          {(p) => (
            <select {...p} value={form.repeat} onChange={set("repeat")}>
              <option value="NONE">Once</option>
              <option value="WEEKLY">Weekly</option>
              <option value="DAILY">Daily</option>
            </select>
          )}
        </Field>
        {form.repeat !== "NONE" && (
          <Field label="Sessions" error={err("count")}>
            {(p) => <input {...p} type="number" min={2} max={52} value={form.count} onInput={set("count")} />}
          </Field>
        )}
      </form>
      {preview && <SeriesPreview preview={preview} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={onClose}>Cancel</button>
        {form.repeat !== "NONE" && (
          <ActionButton onAction={() => run(async () => {
            setPreview((await call(api.POST("/appointment-series/preview", { body: seriesInput() }))).data);
          })}>Preview the series</ActionButton>
        )}
        <ActionButton kind="primary" onAction={() => run(async () => {
          if (form.repeat === "NONE") {
            const { data } = await call(api.POST("/appointments", {
              body: { patientId: form.patientId, providerId: form.providerId, serviceCode: form.serviceCode.trim(), start, durationMinutes: duration },
            }));
            onBooked();
            setResult(await decided(api, data.id));
            onBooked();
          } else {
            setSeries((await call(api.POST("/appointment-series", { body: seriesInput() }))).data);
            onBooked();
          }
        })}>{form.repeat === "NONE" ? "Book" : "Book the series"}</ActionButton>
      </div>
    </Dialog>
  );
}

export function BookingVerdict({ appointment }: { appointment: S["AppointmentView"] }) {
  const d = appointment.decision;
  return (
    <div class="verdict" data-testid="verdict" role="status">
      <p><StatusBadge status={appointment.status} /> {localParts(appointment.start).date} at {localParts(appointment.start).time}, {appointment.serviceCode}</p>
      {appointment.status === "REQUESTED" && <p>The authorization check has not answered yet; the day view will show it.</p>}
      {d?.explanation && <p>{d.explanation}</p>}
      {d?.reasons?.map((r) => <Reason key={r.code} reason={r} />)}
      {d?.warnings?.length ? <p class="hint">Scheduled under the practice's WARN policy despite:</p> : null}
      {d?.warnings?.map((r) => <Reason key={r.code} reason={r} />)}
    </div>
  );
}

export function Reason({ reason }: { reason: S["AppointmentView.ReasonView"] }) {
  const e = explainReason(reason);
  return (
    <div class="reason" data-testid="reason">
      <strong>{e.headline}.</strong> {e.words}
      <div class="fix">What would fix it: {e.fix}</div>
    </div>
  );
}

function SeriesPreview({ preview }: { preview: S["SeriesView"] }) {
  const over = preview.firstOverLimit;
  return (
    <section class="preview" aria-labelledby="preview-title" data-testid="series-preview">
      <h3 id="preview-title">Series preview</h3>
      <p role="status">
        {preview.withinAuthorization} of {preview.sessions} sessions within the authorization.
        {over ? ` The first over it: ${formatShortDay(over)} at ${localParts(over).time}.` : " None goes over it."}
      </p>
      <table class="data">
        <thead><tr><th scope="col">#</th><th scope="col">Session</th><th scope="col">Authorization</th><th scope="col">Left after</th><th scope="col">Notes</th></tr></thead>
        <tbody>
          {preview.items.map((s, i) => (
            <tr key={s.start} class={s.start === over ? "first-over" : s.withinAuthorization ? "" : "over"}>
              <td>{i + 1}</td>
              <td>{formatShortDay(s.start)} {localParts(s.start).time}</td>
              <td>{s.withinAuthorization ? "Within" : s.start === over ? <strong>First over the authorization</strong> : "Over"}</td>
              <td>{s.withinAuthorization ? s.remainingAfter : "—"}</td>
              <td>
                {s.flags?.map((f) => explainReason(f).headline).join("; ")}
                {s.conflicts?.length ? ` Conflicts with another appointment of the ${s.conflicts.map((c) => c.who).join(" and ")}.` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
