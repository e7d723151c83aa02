// Front desk's day: appointments by provider and hour with their status; blocked bookings with reasons and fixes.
import { useEffect, useState } from "preact/hooks";
import { all, type S } from "../api";
import { useApp } from "../app";
import { Badge, Empty, Loaded, useLoad } from "../ui";
import { explainReason, formatDay, localParts, shiftDay, STATUS_LABEL, today, addMinutes } from "../words";
import { BookDialog } from "./book";

export const STATUS_TONE: Record<S["AppointmentStatus"], string> = {
  REQUESTED: "neutral", SCHEDULED: "ok", NEEDS_AUTH: "bad", CHECKED_IN: "info", COMPLETED: "done", CANCELLED: "muted", NO_SHOW: "muted",
};

export function StatusBadge({ status }: { status: S["AppointmentStatus"] }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

export function DayScreen({ date: asked }: { date: string | null }) {
  const { api, people, may } = useApp();
  const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today();
  const [booking, setBooking] = useState(false);
  const load = useLoad(
    () => all((cursor) => api.GET("/appointments", { params: { query: { from: date, to: shiftDay(date, 1), limit: 100, cursor } } })),
    [api, date],
  );
  // Bookings are decided moments after they are made: look again while any is still being checked.
  const pending = load.state === "ready" && load.data.some((a) => a.status === "REQUESTED");
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(load.reload, 1500);
    return () => clearTimeout(t);
  }, [pending, load]);

  const setDate = (d: string) => (window.location.hash = `/day?date=${d}`);
  return (
    <section aria-labelledby="day-title">
      <div class="page-head">
        <h1 id="day-title">{formatDay(date)}</h1>
        <div class="toolbar">
          <button type="button" class="secondary" onClick={() => setDate(shiftDay(date, -1))} aria-label="Previous day">‹ Previous</button>
          <label class="inline">
            <span class="visually-hidden">Date</span>
            <input type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
          </label>
          <button type="button" class="secondary" onClick={() => setDate(shiftDay(date, 1))} aria-label="Next day">Next ›</button>
          <button type="button" class="secondary" onClick={() => setDate(today())}>Today</button>
          {may.book && <button type="button" class="primary" onClick={() => setBooking(true)}>Book a session</button>}
        </div>
      </div>
      <Loaded load={load} what="the day">
        {(appointments) => <Day date={date} appointments={appointments} providers={people.providers} />}
      </Loaded>
      {booking && (
        <BookDialog date={date} onClose={() => setBooking(false)} onBooked={() => load.reload()} />
      )}
    </section>
  );
}

function Day({ date, appointments, providers }: { date: string; appointments: S["AppointmentView"][]; providers: S["ProviderView"][] }) {
  const { people } = useApp();
  const active = appointments.filter((a) => a.status !== "CANCELLED");
  const blocked = appointments.filter((a) => a.status === "NEEDS_AUTH");
  const hours = active.map((a) => localParts(a.start).hour);
  const first = Math.min(8, ...hours);
  const last = Math.max(17, ...hours);
  const columns = providers;
  const counts = Object.entries(
    appointments.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {}),
  );
  return (
    <>
      <p class="summary" aria-live="polite">
        {appointments.length === 0
          ? "No appointments on this day."
          : `${appointments.length} appointment${appointments.length === 1 ? "" : "s"}: ` +
            counts.map(([s, n]) => `${n} ${STATUS_LABEL[s as S["AppointmentStatus"]].toLowerCase()}`).join(", ")}
      </p>
      {blocked.length > 0 && (
        <section class="card attention" aria-labelledby="blocked-title">
          <h2 id="blocked-title">Needs authorization ({blocked.length})</h2>
          <ul class="plain">
            {blocked.map((a) => (
              <li key={a.id} class="blocked">
                <a href={`#/appointments/${a.id}`}>
                  {localParts(a.start).time} {people.patientName(a.patientId)} · {a.serviceCode} with {people.providerName(a.providerId)}
                </a>
                {a.decision?.reasons?.map((r) => {
                  const e = explainReason(r);
                  return (
                    <div key={r.code} class="reason">
                      <strong>{e.headline}.</strong> {e.words} <span class="fix">Fix: {e.fix}</span>
                    </div>
                  );
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {columns.length === 0 ? (
        <Empty title="No providers yet">An administrator adds the practice's providers first.</Empty>
      ) : (
        <div class="grid-wrap" tabIndex={0} role="region" aria-label="Appointments by provider and hour">
          <table class="day-grid">
            <caption class="visually-hidden">Appointments on {formatDay(date)} by provider and hour</caption>
            <thead>
              <tr>
                <th scope="col" class="hour">Hour</th>
                {columns.map((p) => <th scope="col" key={p.id}>{people.providerName(p.id)}</th>)}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: last - first + 1 }, (_, i) => first + i).map((hour) => (
                <tr key={hour}>
                  <th scope="row" class="hour">{`${String(hour).padStart(2, "0")}:00`}</th>
                  {columns.map((p) => (
                    <td key={p.id}>
                      {appointments
                        .filter((a) => a.providerId === p.id && localParts(a.start).hour === hour)
                        .map((a) => <Card key={a.id} a={a} />)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Card({ a }: { a: S["AppointmentView"] }) {
  const { people } = useApp();
  const { time } = localParts(a.start);
  return (
    <a class={`appt ${a.status.toLowerCase()}`} href={`#/appointments/${a.id}`} data-testid="appointment">
      <span class="appt-time">{time}–{addMinutes(time, a.durationMinutes)}</span>
      <span class="appt-who">{people.patientName(a.patientId)}</span>
      <span class="appt-what">{a.serviceCode} · {a.durationMinutes} min</span>
      <StatusBadge status={a.status} />
      {a.status === "NEEDS_AUTH" && a.decision?.reasons?.[0] && (
        <span class="appt-reason">{explainReason(a.decision.reasons[0]).headline}</span>
      )}
    </a>
  );
}
