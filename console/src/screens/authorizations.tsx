// Authorizations: each one's use as a bar, its forecast exhaustion date, the expiring and low ones first; open alerts.
import { useState } from "preact/hooks";
import { ApiError, call, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Badge, Empty, Field, Loaded, Notice, ProblemBanner, UsageBar, useLoad } from "../ui";
import { ALERT_LABEL, formatShortDay, UNIT_LABEL } from "../words";

type Row = S["UtilizationView.Row"] & { exhaustedOn?: string | null };

const attention = (r: Row) => r.band !== "GREEN" || r.daysToExpiry <= 30 || r.overbookedSessions > 0;

/** `focus`: an authorization id to show first, as an alert email's link asks (#/patients/{id}/authorizations/{id}). */
export function AuthorizationsScreen({ focus }: { focus?: string }) {
  const { api } = useApp();
  const [filters, setFilters] = useState({ expiringWithinDays: "", maxRemainingPercent: "", overScheduled: false, includeExpired: false });
  const load = useLoad(async () => {
    const query: Record<string, string | number | boolean> = {};
    if (filters.expiringWithinDays) query.expiringWithinDays = Number(filters.expiringWithinDays);
    if (filters.maxRemainingPercent) query.maxRemainingPercent = Number(filters.maxRemainingPercent);
    if (filters.overScheduled) query.overScheduled = true;
    if (filters.includeExpired) query.includeExpired = true;
    const { data } = await call(api.GET("/reports/authorization-utilization", { params: { query } }));
    const forecasts = await Promise.allSettled(data.items.map((r) => call(api.GET(
      "/patients/{patientId}/authorizations/{authorizationId}/forecast",
      { params: { path: { patientId: r.patientId, authorizationId: r.authorizationId } } }))));
    const rows: Row[] = data.items.map((r, i) => {
      const f = forecasts[i];
      return { ...r, exhaustedOn: f?.status === "fulfilled" ? f.value.data.exhaustedOn : undefined };
    });
    rows.sort((a, b) => Number(b.authorizationId === focus) - Number(a.authorizationId === focus) ||
      Number(attention(b)) - Number(attention(a)) || a.daysToExpiry - b.daysToExpiry || a.remainingPercent - b.remainingPercent);
    return { asOf: data.asOf, rows };
  }, [api, focus, JSON.stringify(filters)]);
  const problem = load.state === "error" && load.error instanceof ApiError ? load.error : undefined;

  return (
    <section aria-labelledby="auth-title">
      <div class="page-head"><h1 id="auth-title">Authorizations</h1></div>
      <div class="columns wide-first">
        <div>
          <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
            <Field label="Expiring within (days)" error={problem?.field("expiringWithinDays")}>
              {(p) => <input {...p} type="number" min={0} max={3650} value={filters.expiringWithinDays} onChange={(e) => setFilters({ ...filters, expiringWithinDays: e.currentTarget.value })} />}
            </Field>
            <Field label="At most % left" error={problem?.field("maxRemainingPercent")}>
              {(p) => <input {...p} type="number" min={0} max={100} value={filters.maxRemainingPercent} onChange={(e) => setFilters({ ...filters, maxRemainingPercent: e.currentTarget.value })} />}
            </Field>
            <label class="check"><input type="checkbox" checked={filters.overScheduled} onChange={(e) => setFilters({ ...filters, overScheduled: e.currentTarget.checked })} /> Over-scheduled only</label>
            <label class="check"><input type="checkbox" checked={filters.includeExpired} onChange={(e) => setFilters({ ...filters, includeExpired: e.currentTarget.checked })} /> Include expired</label>
          </form>
          <Loaded load={load} what="authorizations">
            {({ asOf, rows }) => rows.length === 0
              ? <Empty title="No authorizations match">Authorizations are recorded on a patient's coverage.</Empty>
              : <AuthorizationList asOf={asOf} rows={rows} focus={focus} />}
          </Loaded>
        </div>
        <Alerts />
      </div>
    </section>
  );
}

function AuthorizationList({ asOf, rows, focus }: { asOf: string; rows: Row[]; focus?: string }) {
  const { people } = useApp();
  const linked = focus ? rows.find((r) => r.authorizationId === focus) : undefined;
  return (
    <>
      <p class="summary">As of {formatShortDay(asOf)}: {rows.length} authorization{rows.length === 1 ? "" : "s"}, {rows.filter(attention).length} needing attention (listed first).</p>
      {focus && !linked && <Notice tone="warn">The authorization the link names is not among these (expired ones show with "Include expired").</Notice>}
      <ul class="plain auth-list">
        {rows.map((r) => (
          <li key={r.authorizationId} class={`card auth ${r.band.toLowerCase()}${r === linked ? " linked" : ""}`} data-testid="authorization"
            aria-current={r === linked ? "true" : undefined}>
            {r === linked && <p class="linked-note">The authorization the link names</p>}
            <div class="auth-head">
              <h2 class="h3">{people.patientName(r.patientId)} · {r.number}</h2>
              <span class="badges">
                {r.expired ? <Badge tone="muted">Expired</Badge> : r.daysToExpiry <= 30 ? <Badge tone="warn">Expires in {r.daysToExpiry} days</Badge> : null}
                <Badge tone={r.band === "RED" ? "bad" : r.band === "YELLOW" ? "warn" : "ok"}>{r.remainingPercent}% left</Badge>
                {r.overbookedSessions > 0 && <Badge tone="bad">{r.overbookedSessions} over-scheduled</Badge>}
              </span>
            </div>
            <UsageBar authorized={r.authorized} rendered={r.rendered} scheduled={r.scheduled} remaining={r.remaining} unit={UNIT_LABEL[r.unitType]} />
            <p class="hint">
              {r.serviceCodes.join(", ")} · {formatShortDay(r.startDate)} to {formatShortDay(r.endDate)} ·{" "}
              {r.exhaustedOn ? <strong>the booked schedule exhausts it on {formatShortDay(r.exhaustedOn)}</strong>
                : r.exhaustedOn === null ? "the booked sessions leave some over" : "forecast unavailable"}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Alerts() {
  const { api, may, people } = useApp();
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useLoad(async () => (await call(api.GET("/alerts", { params: { query: { status: "OPEN", limit: 50 } } }))).data.items, [api]);
  return (
    <section class="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Open alerts</h2>
      {error && <ProblemBanner error={error} />}
      {done && <Notice>{done}</Notice>}
      <Loaded load={load} what="alerts">
        {(alerts) => alerts.length === 0 ? <Empty title="No open alerts" /> : (
          <ul class="plain alerts">
            {alerts.map((a) => (
              <li key={a.id} data-testid="alert">
                <Badge tone={a.type === "EXHAUSTED" || a.type === "APPOINTMENT_BLOCKED" ? "bad" : "warn"}>{ALERT_LABEL[a.type] ?? a.type}</Badge>
                <p>{a.message}</p>
                <p class="hint">{a.patientId ? people.patientName(a.patientId) + " · " : ""}{new Date(a.createdAt).toLocaleString()}</p>
                {may.acknowledgeAlerts && (
                  <ActionButton label={`Acknowledge: ${a.message}`} onAction={async () => {
                    setError(null);
                    try {
                      await call(api.POST("/alerts/{alertId}/acknowledge", { params: { path: { alertId: a.id } } }));
                      setDone("Alert acknowledged.");
                    } catch (e) {
                      setError(e instanceof ApiError && e.status === 409 ? new Error("Someone acknowledged it already; the list was reloaded.") : (e as Error));
                    }
                    load.reload();
                  }}>Acknowledge</ActionButton>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
