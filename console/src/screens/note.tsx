// A clinician drafts and signs the session's note: diagnoses (ICD-10-CM, checked by the API against the release in
// force on the date of service), timed lines; once signed, what charge capture billed and why.
import { useEffect, useState } from "preact/hooks";
import { ApiError, call, ifMatch, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Badge, Field, Loaded, Notice, ProblemBanner, useLoad } from "../ui";
import { formatDay, localParts, usd } from "../words";

// The API finds a note by its id only; the console remembers which note it wrote for which appointment.
const key = (practice: string, appointment: string) => `therapyops.note.${practice}.${appointment}`;
export function knownNote(practice: string, appointment: string): { id: string; signed: boolean } | null {
  const raw = localStorage.getItem(key(practice, appointment));
  return raw ? (JSON.parse(raw) as { id: string; signed: boolean }) : null;
}
function remember(practice: string, note: S["NoteView"]) {
  localStorage.setItem(key(practice, note.appointmentId), JSON.stringify({ id: note.id, signed: note.status === "SIGNED" }));
}

interface Line { code: string; minutes: string; assistant: S["AssistantInvolvement"] }
interface Draft { diagnoses: string[]; lines: Line[]; placeOfService: string; telehealth: S["TelehealthMode"]; patientAtHome: boolean }

const draftOf = (n: S["NoteView"] | null, a: S["AppointmentView"]): Draft => n ? {
  diagnoses: n.diagnoses.length ? n.diagnoses : [""],
  lines: n.lines.map((l) => ({ code: l.code ?? "", minutes: String(l.minutes ?? ""), assistant: l.assistant ?? "NONE" })),
  placeOfService: n.placeOfService || "11", telehealth: n.telehealth || "IN_PERSON", patientAtHome: !!n.patientAtHome,
} : { diagnoses: [""], lines: [{ code: a.serviceCode, minutes: String(a.durationMinutes), assistant: "NONE" }], placeOfService: "11", telehealth: "IN_PERSON", patientAtHome: false };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function NoteScreen({ appointmentId }: { appointmentId: string }) {
  const { api, session } = useApp();
  const load = useLoad(async () => {
    const { data: appointment } = await call(api.GET("/appointments/{appointmentId}", { params: { path: { appointmentId } } }));
    const known = knownNote(session.practiceId, appointmentId);
    let note: S["NoteView"] | null = null;
    if (known) {
      note = await call(api.GET("/notes/{noteId}", { params: { path: { noteId: known.id } } })).then((r) => r.data, () => null);
    }
    return { appointment, note };
  }, [api, appointmentId]);
  return (
    <Loaded load={load} what="the session">
      {({ appointment, note }) => <NoteEditor key={note?.version ?? 0} appointment={appointment} note={note} reload={load.reload} />}
    </Loaded>
  );
}

function NoteEditor({ appointment: a, note: initial, reload }: { appointment: S["AppointmentView"]; note: S["NoteView"] | null; reload: () => void }) {
  const { api, session, people, may } = useApp();
  const [note, setNote] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, a));
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const signed = note?.status === "SIGNED";
  const editable = may.writeNotes && !signed;
  const fe = (f: string) => (error instanceof ApiError && error.status === 422 ? error.field(f) : undefined);
  const { date, time } = localParts(a.start);

  const body = (): S["NoteInput"] => ({
    appointmentId: a.id,
    diagnoses: draft.diagnoses.map((d) => d.trim().toUpperCase()).filter(Boolean),
    lines: draft.lines.map((l) => ({ code: l.code.trim(), minutes: Number(l.minutes), assistant: l.assistant })),
    placeOfService: draft.placeOfService, telehealth: draft.telehealth, patientAtHome: draft.patientAtHome,
  });

  async function save(): Promise<S["NoteView"] | null> {
    setError(null);
    setSaved(null);
    try {
      let result: S["NoteView"];
      if (!note) {
        try {
          result = (await call(api.POST("/notes", { body: body() }))).data;
        } catch (e) {
          // The conflict names the appointment, then its note: the last id is the note's.
          const id = e instanceof ApiError && e.kind === "conflict" ? (e.problem.detail ?? "").match(UUID)?.pop() : undefined;
          if (!id) throw e;
          // Written before (elsewhere): open that note instead of overwriting it.
          const existing = (await call(api.GET("/notes/{noteId}", { params: { path: { noteId: id } } }))).data;
          remember(session.practiceId, existing);
          setSaved("This session has a note already; it was opened.");
          reload();
          return null;
        }
      } else {
        result = (await call(api.PUT("/notes/{noteId}", {
          params: { path: { noteId: note.id }, header: { "If-Match": ifMatch(note.version) } }, body: body(),
        }))).data;
      }
      remember(session.practiceId, result);
      setNote(result);
      setSaved("Draft saved.");
      return result;
    } catch (e) {
      setError(e as Error);
      if (e instanceof ApiError && e.status === 412) reload();
      return null;
    }
  }

  async function sign() {
    const current = await save();
    if (!current) return;
    try {
      const { data } = await call(api.POST("/notes/{noteId}/sign", {
        params: { path: { noteId: current.id }, header: { "If-Match": ifMatch(current.version) } },
      }));
      remember(session.practiceId, data);
      setNote(data);
      setSaved("Signed.");
    } catch (e) {
      setError(e as Error);
      if (e instanceof ApiError && (e.status === 412 || e.status === 409)) reload();
    }
  }

  const setLine = (i: number, patch: Partial<Line>) => setDraft({ ...draft, lines: draft.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const setDx = (i: number, v: string) => setDraft({ ...draft, diagnoses: draft.diagnoses.map((d, j) => (j === i ? v : d)) });

  return (
    <section aria-labelledby="note-title">
      <p class="crumbs"><a href={`#/sessions?date=${date}`}>‹ Sessions of {formatDay(date)}</a></p>
      <div class="page-head">
        <h1 id="note-title">Note: {people.patientName(a.patientId)}, {formatDay(date)} {time}</h1>
        {note ? <Badge tone={signed ? "done" : "info"}>{signed ? "Signed" : "Draft"}</Badge> : <Badge tone="neutral">Not started</Badge>}
      </div>
      {error && !(error instanceof ApiError && error.status === 422) && <ProblemBanner error={error} />}
      {error instanceof ApiError && error.status === 422 && (
        <div class="banner error" role="alert"><strong>The note was not saved: check the fields marked below.</strong> {error.problem.detail}</div>
      )}
      {saved && <Notice>{saved}</Notice>}
      {!may.writeNotes && <p class="hint">Notes are written and signed by clinicians; you can read them.</p>}
      <form class="note-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset disabled={!editable}>
          <legend>Diagnoses (ICD-10-CM, in order; at most 12)</legend>
          {fe("diagnoses") && <p class="field-error" role="alert">{fe("diagnoses")}</p>}
          {draft.diagnoses.map((d, i) => (
            <div class="row" key={i}>
              <Field label={`Diagnosis ${i + 1}`} error={fe(`diagnoses[${i}]`)} hint={i === 0 ? "e.g. M54.50; checked against the release in force on the date of service" : undefined}>
                {(p) => <input {...p} value={d} onInput={(e) => setDx(i, e.currentTarget.value)} autoComplete="off" spellcheck={false} />}
              </Field>
              {draft.diagnoses.length > 1 && editable && (
                <button type="button" class="secondary small" aria-label={`Remove diagnosis ${i + 1}`} onClick={() => setDraft({ ...draft, diagnoses: draft.diagnoses.filter((_, j) => j !== i) })}>Remove</button>
              )}
            </div>
          ))}
          {editable && draft.diagnoses.length < 12 && <button type="button" class="secondary small" onClick={() => setDraft({ ...draft, diagnoses: [...draft.diagnoses, ""] })}>Add a diagnosis</button>}
        </fieldset>
        <fieldset disabled={!editable}>
          <legend>Services (timed codes in minutes)</legend>
          {fe("lines") && <p class="field-error" role="alert">{fe("lines")}</p>}
          {draft.lines.map((l, i) => (
            <div class="row" key={i} data-testid="note-line">
              <Field label={`Line ${i + 1} code`} error={fe(`lines[${i}].code`)}>
                {(p) => <input {...p} value={l.code} onInput={(e) => setLine(i, { code: e.currentTarget.value })} inputMode="numeric" autoComplete="off" />}
              </Field>
              <Field label={`Line ${i + 1} minutes`} error={fe(`lines[${i}].minutes`)}>
                {(p) => <input {...p} type="number" min={0} max={720} value={l.minutes} onInput={(e) => setLine(i, { minutes: e.currentTarget.value })} />}
              </Field>
              <Field label={`Line ${i + 1} assistant`} error={fe(`lines[${i}].assistant`)}>
                {(p) => (
                  <select {...p} value={l.assistant} onChange={(e) => setLine(i, { assistant: e.currentTarget.value as Line["assistant"] })}>
                    <option value="NONE">No assistant</option>
                    <option value="PT_ASSISTANT">PT assistant</option>
                    <option value="OT_ASSISTANT">OT assistant</option>
                  </select>
                )}
              </Field>
              {draft.lines.length > 1 && editable && (
                <button type="button" class="secondary small" aria-label={`Remove line ${i + 1}`} onClick={() => setDraft({ ...draft, lines: draft.lines.filter((_, j) => j !== i) })}>Remove</button>
              )}
            </div>
          ))}
          {editable && <button type="button" class="secondary small" onClick={() => setDraft({ ...draft, lines: [...draft.lines, { code: "", minutes: "15", assistant: "NONE" }] })}>Add a line</button>}
          <p class="hint">Timed minutes total {draft.lines.reduce((n, l) => n + (Number(l.minutes) || 0), 0)}. The payer's rounding (for Medicare the 8-minute rule) turns them into units when the note is signed.</p>
        </fieldset>
        <fieldset disabled={!editable} class="form-grid">
          <legend>Where</legend>
          <Field label="Place of service" error={fe("placeOfService")} hint="11 office, 12 home, 02/10 telehealth">
            {(p) => <input {...p} value={draft.placeOfService} onInput={(e) => setDraft({ ...draft, placeOfService: e.currentTarget.value })} maxLength={2} />}
          </Field>
          <Field label="Telehealth" error={fe("telehealth")}>
            {(p) => (
              <select {...p} value={draft.telehealth} onChange={(e) => setDraft({ ...draft, telehealth: e.currentTarget.value as Draft["telehealth"] })}>
                <option value="IN_PERSON">In person</option>
                <option value="AUDIO_VIDEO">Audio and video</option>
                <option value="AUDIO_ONLY">Audio only</option>
              </select>
            )}
          </Field>
          <label class="check"><input type="checkbox" checked={draft.patientAtHome} onChange={(e) => setDraft({ ...draft, patientAtHome: e.currentTarget.checked })} /> Patient at home</label>
        </fieldset>
        {editable && (
          <div class="actions">
            <ActionButton onAction={save}>Save draft</ActionButton>
            <ActionButton kind="primary" onAction={sign}>Sign the note</ActionButton>
          </div>
        )}
      </form>
      {signed && note && <Billed note={note} />}
    </section>
  );
}

/** What charge capture made of the signed note: its claims and, line by line, why. */
function Billed({ note }: { note: S["NoteView"] }) {
  const { api, may } = useApp();
  const [capture, setCapture] = useState<S["CaptureView"] | null>(null);
  const [claims, setClaims] = useState<S["ClaimView"][] | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      for (let i = 0; i < 60 && live; i++) {
        const { data } = await call(api.GET("/notes/{noteId}/capture", { params: { path: { noteId: note.id } } }));
        if (!live) return;
        setCapture(data);
        if (data.status !== "PENDING") {
          if (may.readClaims) {
            const read = await Promise.allSettled(data.claimIds.map((claimId) => call(api.GET("/claims/{claimId}", { params: { path: { claimId } } }))));
            if (live) setClaims(read.flatMap((r) => (r.status === "fulfilled" ? [r.value.data] : [])));
          }
          return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })().catch(() => undefined);
    return () => { live = false; };
  }, [api, note.id, may.readClaims]);

  if (!capture || capture.status === "PENDING") return <p class="loading" role="status"><span class="spinner" aria-hidden="true" /> Signed; charge capture is pricing the note…</p>;
  return (
    <section class="card" aria-labelledby="billed-title" data-testid="billed">
      <h2 id="billed-title">What the note billed</h2>
      <p role="status">
        <Badge tone={capture.status === "CHARGED" ? "ok" : "bad"}>{capture.status === "CHARGED" ? "Charged" : capture.status === "NOTHING_BILLED" ? "Nothing billed" : "Refused"}</Badge>{" "}
        {capture.claimIds.length > 0 ? `Claim${capture.claimIds.length > 1 ? "s" : ""} ${capture.claimIds.join(", ")}` : "No claim was made."}
      </p>
      {capture.findings.length > 0 && (
        <ul class="findings">
          {capture.findings.map((f, i) => (
            <li key={i} class={f.severity.toLowerCase()}>
              <Badge tone={f.severity === "ERROR" ? "bad" : f.severity === "WARNING" ? "warn" : "info"}>{f.severity === "ERROR" ? "Not billed" : f.severity === "WARNING" ? "Billed, check it" : "Billed as told"}</Badge>{" "}
              {f.line > 0 ? `Line ${f.line}: ` : "Note: "}{f.message}
            </li>
          ))}
        </ul>
      )}
      {claims?.map((c) => (
        <table class="data" key={c.id}>
          <caption>Claim {c.id} · {c.payerName} · {usd(c.totalCharge)}</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Modifiers</th><th scope="col">Minutes</th><th scope="col">Units</th><th scope="col">Amount</th></tr></thead>
          <tbody>{c.lines.map((l, i) => <tr key={i}><td>{l.code}</td><td>{l.modifiers.join(" ") || "—"}</td><td>{l.minutes}</td><td>{l.units}</td><td>{usd(l.amount)}</td></tr>)}</tbody>
        </table>
      ))}
      {!may.readClaims && capture.claimIds.length > 0 && <p class="hint">Units follow the payer's rounding of the timed minutes (Medicare: the 8-minute rule) and the discipline's modifier (GP, GO, GN) is added; the billing office sees each claim's lines and scrubs it.</p>}
    </section>
  );
}
