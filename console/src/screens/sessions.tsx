// A clinician's sessions of the day, each with its note's state.
import { all } from "../api";
import { useApp } from "../app";
import { Empty, Loaded, useLoad } from "../ui";
import { addMinutes, formatDay, localParts, shiftDay, today } from "../words";
import { StatusBadge } from "./day";
import { knownNote } from "./note";

export function SessionsScreen({ date: asked }: { date: string | null }) {
  const { api, people, session } = useApp();
  const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today();
  const isProvider = people.providers.some((p) => p.id === session.subject);
  const load = useLoad(() => all((cursor) => api.GET("/appointments", {
    params: { query: { from: date, to: shiftDay(date, 1), providerId: isProvider ? session.subject : undefined, limit: 100, cursor } },
  })), [api, date, isProvider]);
  const setDate = (d: string) => (window.location.hash = `/sessions?date=${d}`);
  return (
    <section aria-labelledby="sessions-title">
      <div class="page-head">
        <h1 id="sessions-title">{isProvider ? "My sessions" : "Sessions"}, {formatDay(date)}</h1>
        <div class="toolbar">
          <button type="button" class="secondary" onClick={() => setDate(shiftDay(date, -1))}>‹ Previous</button>
          <label class="inline"><span class="visually-hidden">Date</span>
            <input type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} /></label>
          <button type="button" class="secondary" onClick={() => setDate(shiftDay(date, 1))}>Next ›</button>
          <button type="button" class="secondary" onClick={() => setDate(today())}>Today</button>
        </div>
      </div>
      {!isProvider && <p class="hint">Your sign-in names no provider of the practice: all sessions are shown, and notes can be written only by their rendering clinician.</p>}
      <Loaded load={load} what="sessions">
        {(items) => {
          const held = items.filter((a) => a.status !== "CANCELLED" && a.status !== "NO_SHOW");
          return held.length === 0 ? <Empty title="No sessions on this day" /> : (
            <table class="data">
              <caption class="visually-hidden">Sessions on {formatDay(date)}</caption>
              <thead><tr><th scope="col">Time</th><th scope="col">Patient</th><th scope="col">Service</th><th scope="col">Status</th><th scope="col">Note</th></tr></thead>
              <tbody>
                {held.map((a) => {
                  const { time } = localParts(a.start);
                  const note = knownNote(session.practiceId, a.id);
                  return (
                    <tr key={a.id} data-testid="session">
                      <td>{time}–{addMinutes(time, a.durationMinutes)}</td>
                      <td>{people.patientName(a.patientId)}</td>
                      <td>{a.serviceCode}, {a.durationMinutes} min</td>
                      <td><StatusBadge status={a.status} /></td>
                      <td>
                        <a href={`#/notes/${a.id}`} class="button small">{note ? (note.signed ? "Signed: see what it billed" : "Continue the draft") : "Write the note"}</a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        }}
      </Loaded>
    </section>
  );
}
