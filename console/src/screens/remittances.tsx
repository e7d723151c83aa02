// Remittances (ERAs): posted, posted with unapplied payments, or held, with what a biller must apply by hand.
import { call } from "../api";
import { useApp } from "../app";
import { Badge, Empty, Loaded, useLoad } from "../ui";
import { formatShortDay, usd } from "../words";

const LABEL: Record<string, [string, string]> = {
  POSTED: ["Posted", "ok"], POSTED_WITH_UNAPPLIED: ["Posted, some unapplied", "warn"], HELD: ["Held", "bad"],
};

export function RemittancesScreen() {
  const { api } = useApp();
  const load = useLoad(async () => (await call(api.GET("/remittances", { params: { query: { limit: 50 } } }))).data.items, [api]);
  return (
    <section aria-labelledby="remits-title">
      <div class="page-head"><h1 id="remits-title">Remittances</h1></div>
      <Loaded load={load} what="remittances">
        {(items) => items.length === 0 ? <Empty title="No remittance yet">835s the clearinghouse delivers are posted here.</Empty> : (
          <ul class="plain">
            {items.map((r) => {
              const [label, tone] = LABEL[r.status] ?? [r.status, "neutral"];
              return (
                <li key={r.id} class="card" data-testid="remittance">
                  <div class="auth-head">
                    <h2 class="h3">{r.payerName ?? r.payerId ?? "Payer"} · {usd(r.amount)} {r.method ?? ""} {r.paymentDate ? `on ${formatShortDay(r.paymentDate)}` : ""}</h2>
                    <Badge tone={tone}>{label}</Badge>
                  </div>
                  <p>Trace {r.traceNumber}: {r.postedCount} of {r.claimCount} claim payments posted, {usd(r.postedPaid)} applied.</p>
                  {r.unapplied.length > 0 && (
                    <table class="data">
                      <caption>Unapplied: apply by hand</caption>
                      <thead><tr><th scope="col">Patient control no.</th><th scope="col">Claim</th><th scope="col">Why</th><th scope="col" class="num">Charge</th><th scope="col" class="num">Paid</th></tr></thead>
                      <tbody>{r.unapplied.map((u) => (
                        <tr key={u.position}><td>{u.patientControlNumber}</td><td>{u.claimId ? <a href={`#/claims/${u.claimId}`}>{u.claimId}</a> : "—"}</td><td>{u.message}</td><td class="num">{usd(u.charge)}</td><td class="num">{usd(u.paid)}</td></tr>
                      ))}</tbody>
                    </table>
                  )}
                  {r.providerAdjustments.length > 0 && <p class="hint">Provider adjustments: {r.providerAdjustments.map((a) => `${a.reasonCode} ${usd(a.amount)}`).join(", ")}</p>}
                  {r.problems.length > 0 && <ul>{r.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
