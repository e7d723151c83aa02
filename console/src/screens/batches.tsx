// 837P batches: the READY claims, one batch of the chosen ones, its file to download; the batches claims went out in.
import { useState } from "preact/hooks";
import { call, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, download, Empty, Loaded, Notice, ProblemBanner, useLoad } from "../ui";
import { formatShortDay, usd } from "../words";

export function BatchesScreen() {
  const { api, people, may } = useApp();
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [made, setMade] = useState<S["ClaimBatchView"] | null>(null);
  const load = useLoad(async () => {
    const ready = (await call(api.GET("/claims", { params: { query: { status: "READY", limit: 99 } } }))).data.items;
    const recent = (await call(api.GET("/claims", { params: { query: { limit: 100 } } }))).data.items;
    const ids = [...new Set(recent.map((c) => c.batchId).filter((b): b is string => !!b))].sort().reverse().slice(0, 10);
    const batches = (await Promise.allSettled(ids.map((batchId) => call(api.GET("/claim-batches/{batchId}", { params: { path: { batchId } } })))))
      .flatMap((r) => (r.status === "fulfilled" ? [r.value.data] : []));
    return { ready, batches };
  }, [api]);

  async function get837(batchId: string) {
    setError(null);
    try {
      const { data } = await call(api.GET("/claim-batches/{batchId}/837", { params: { path: { batchId } }, parseAs: "text" }));
      download(`${batchId}.837.x12`, data as string, "application/edi-x12");
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <section aria-labelledby="batches-title">
      <div class="page-head"><h1 id="batches-title">837P batches</h1></div>
      {error && <ProblemBanner error={error} />}
      {made && (
        <Notice>
          Batch {made.batchId} made with {made.claimIds.length} claim{made.claimIds.length === 1 ? "" : "s"} (interchange {made.isa13}).{" "}
          <button type="button" class="link" onClick={() => get837(made.batchId)}>Download its 837P</button>
        </Notice>
      )}
      <Loaded load={load} what="ready claims">
        {({ ready, batches }) => {
          const selected = chosen ?? new Set(ready.map((c) => c.id));
          return (
            <>
              <section class="card" aria-labelledby="ready-title">
                <h2 id="ready-title">Ready to submit ({ready.length})</h2>
                {ready.length === 0 ? <Empty title="No claim is ready">Claims the scrubber passed appear here.</Empty> : (
                  <>
                    <table class="data">
                      <thead><tr><th scope="col">In batch</th><th scope="col">Claim</th><th scope="col">Patient</th><th scope="col">Date of service</th><th scope="col">Payer</th><th scope="col" class="num">Charge</th></tr></thead>
                      <tbody>{ready.map((c) => (
                        <tr key={c.id}>
                          <td><input type="checkbox" aria-label={`Include claim ${c.id}`} checked={selected.has(c.id)} onChange={(e) => {
                            const next = new Set(selected);
                            if (e.currentTarget.checked) next.add(c.id); else next.delete(c.id);
                            setChosen(next);
                          }} /></td>
                          <td><a href={`#/claims/${c.id}`}>{c.id}</a></td>
                          <td>{people.patientName(c.patientId)}</td>
                          <td>{formatShortDay(c.dateOfService)}</td>
                          <td>{c.payerName}</td>
                          <td class="num">{usd(c.totalCharge)}</td>
                        </tr>
                      ))}</tbody>
                    </table>
                    {may.batches && (
                      <div class="actions">
                        <ActionButton kind="primary" disabled={selected.size === 0} onAction={async () => {
                          setError(null);
                          try {
                            const { data } = await call(api.POST("/claim-batches", { body: { claimIds: [...selected] } }));
                            setMade(data);
                            setChosen(null);
                            load.reload();
                          } catch (e) {
                            setError(e as Error);
                          }
                        }}>Create a batch of {selected.size} claim{selected.size === 1 ? "" : "s"}</ActionButton>
                      </div>
                    )}
                  </>
                )}
              </section>
              <section class="card" aria-labelledby="sent-title">
                <h2 id="sent-title">Recent batches</h2>
                {batches.length === 0 ? <Empty title="No batch yet" /> : (
                  <table class="data">
                    <thead><tr><th scope="col">Batch</th><th scope="col">Made</th><th scope="col">Claims</th><th scope="col">999</th><th scope="col"><span class="visually-hidden">File</span></th></tr></thead>
                    <tbody>{batches.map((b) => (
                      <tr key={b.batchId}>
                        <td>{b.batchId}</td>
                        <td>{new Date(b.createdAt).toLocaleString()}</td>
                        <td>{b.claimIds.length}</td>
                        <td>{b.acknowledgement ? `${{ A: "Accepted", E: "Accepted with errors", P: "Partly accepted", R: "Rejected" }[b.acknowledgement.status] ?? b.acknowledgement.status}${b.acknowledgement.errors.length ? ": " + b.acknowledgement.errors.join("; ") : ""}` : "Awaiting"}</td>
                        <td><button type="button" class="secondary small" onClick={() => get837(b.batchId)}>Download 837P<span class="visually-hidden"> of {b.batchId}</span></button></td>
                      </tr>
                    ))}</tbody>
                  </table>
                )}
              </section>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
