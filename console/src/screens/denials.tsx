// Denials: denied lines still to work, grouped by reason and payer with the next action; a biller closes a claim's
// denials with what was done (If-Match on the claim).
import { useState } from "preact/hooks";
import { ApiError, call, ifMatch, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Dialog, Empty, Field, Loaded, Notice, ProblemBanner, useLoad } from "../ui";
import { DENIAL_ACTIONS, formatShortDay, usd } from "../words";

export function DenialsScreen() {
  const { api, people, may } = useApp();
  const [working, setWorking] = useState<S["DenialQueueView.Item"] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useLoad(async () => (await call(api.GET("/denials"))).data, [api]);
  return (
    <section aria-labelledby="denials-title">
      <div class="page-head"><h1 id="denials-title">Denials to work</h1></div>
      {notice && <Notice>{notice}</Notice>}
      <Loaded load={load} what="denials">
        {(q) => q.groups.length === 0 ? <Empty title="No denials to work">Denied lines from posted 835s appear here, grouped by reason.</Empty> : (
          <>
            <p class="summary">{q.lineCount} denied line{q.lineCount === 1 ? "" : "s"} on {q.claimCount} claim{q.claimCount === 1 ? "" : "s"}, {usd(q.amount)} in all, largest first.</p>
            {q.groups.map((g) => (
              <section key={g.reason + g.payerId} class="card" data-testid="denial-group" aria-labelledby={`g-${g.reason}-${g.payerId}`}>
                <h2 id={`g-${g.reason}-${g.payerId}`} class="h3">{g.reason} · {g.payerName ?? g.payerId} — {g.count} line{g.count === 1 ? "" : "s"}, {usd(g.amount)}</h2>
                <p><strong>Next action: {g.action}.</strong> {g.hint}</p>
                <table class="data">
                  <thead><tr><th scope="col">Claim</th><th scope="col">Patient</th><th scope="col">Date of service</th><th scope="col">Line</th><th scope="col" class="num">Amount</th><th scope="col">Reasons</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
                  <tbody>{g.items.map((i) => (
                    <tr key={i.claimId + i.line}>
                      <td><a href={`#/claims/${i.claimId}`}>{i.claimId}</a></td>
                      <td>{people.patientName(i.patientId)}</td>
                      <td>{i.dateOfService ? formatShortDay(i.dateOfService) : "—"}</td>
                      <td>{i.line ? `${i.line} (${i.procedureCode ?? ""})` : "whole claim"}</td>
                      <td class="num">{usd(i.amount)}</td>
                      <td>{[...i.reasons, ...i.remarks].join(", ")}</td>
                      <td>{may.workDenials && <button type="button" class="secondary small" onClick={() => setWorking(i)}>Work it…</button>}</td>
                    </tr>
                  ))}</tbody>
                </table>
              </section>
            ))}
          </>
        )}
      </Loaded>
      {working && <WorkDialog item={working} onClose={() => setWorking(null)} onDone={(msg) => { setWorking(null); setNotice(msg); load.reload(); }} />}
    </section>
  );
}

function WorkDialog({ item, onClose, onDone }: { item: S["DenialQueueView.Item"]; onClose: () => void; onDone: (msg: string) => void }) {
  const { api } = useApp();
  const [action, setAction] = useState("APPEALED");
  const [note, setNote] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const fe = (f: string) => (error instanceof ApiError && error.status === 422 ? error.field(f) : undefined);
  return (
    <Dialog title={`Work the denials of claim ${item.claimId}`} onClose={onClose}>
      <form onSubmit={(e) => e.preventDefault()}>
        {error && !(error instanceof ApiError && error.status === 422) && <ProblemBanner error={error} />}
        <p>To correct and resend instead, open <a href={`#/claims/${item.claimId}`} onClick={onClose}>the claim</a> (a replacement claim once the payer knows it).</p>
        <Field label="What was done" error={fe("action")}>
          {(p) => <select {...p} value={action} onChange={(e) => setAction(e.currentTarget.value)}>{DENIAL_ACTIONS.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}</select>}
        </Field>
        <Field label="Note" error={fe("note")} wide>{(p) => <textarea {...p} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
        <div class="actions">
          <button type="button" class="secondary" onClick={onClose}>Back</button>
          <ActionButton kind="primary" onAction={async () => {
            setError(null);
            try {
              const { data: claim } = await call(api.GET("/claims/{claimId}", { params: { path: { claimId: item.claimId } } }));
              await call(api.POST("/claims/{claimId}/denials/close", {
                params: { path: { claimId: item.claimId }, header: { "If-Match": ifMatch(claim.version) } },
                body: { action, note: note || null },
              }));
              onDone(`Claim ${item.claimId}: denials closed (${DENIAL_ACTIONS.find((a) => a.value === action)?.label.toLowerCase()}).`);
            } catch (e) {
              setError(e as Error);
            }
          }}>Close the denials</ActionButton>
        </div>
      </form>
    </Dialog>
  );
}
