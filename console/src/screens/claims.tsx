// The billers' work queue: claims by status; a claim's findings with explanations and fix hints, corrected in place
// (If-Match) and scrubbed again.
import { useEffect, useState } from "preact/hooks";
import { ApiError, call, ifMatch, type S } from "../api";
import { useApp } from "../app";
import { ActionButton, Badge, Empty, Field, Loaded, Notice, ProblemBanner, useLoad } from "../ui";
import { CLAIM_STATUS_LABEL, formatShortDay, usd } from "../words";

const TABS: { status: S["ClaimStatus"] | "ALL"; label: string }[] = [
  { status: "NEEDS_REVIEW", label: "Needs review" },
  { status: "READY", label: "Ready" },
  { status: "SCRUB_PENDING", label: "Being scrubbed" },
  { status: "SUBMITTED", label: "Submitted" },
  { status: "REJECTED", label: "Rejected" },
  { status: "DENIED", label: "Denied" },
  { status: "PAID", label: "Paid" },
  { status: "ALL", label: "All" },
];

export const CLAIM_TONE: Record<S["ClaimStatus"], string> = {
  SCRUB_PENDING: "neutral", READY: "ok", NEEDS_REVIEW: "bad", SUBMITTED: "info", ACCEPTED: "info", REJECTED: "bad",
  PAID: "done", PARTIALLY_PAID: "warn", DENIED: "bad", REVERSED: "muted",
};

export function ClaimStatusBadge({ status }: { status: S["ClaimStatus"] }) {
  return <Badge tone={CLAIM_TONE[status]}>{CLAIM_STATUS_LABEL[status]}</Badge>;
}

export function ClaimsScreen({ status: asked }: { status: string | null }) {
  const { api, people, may } = useApp();
  const status = (TABS.find((t) => t.status === asked)?.status ?? "NEEDS_REVIEW") as S["ClaimStatus"] | "ALL";
  const load = useLoad(async () => (await call(api.GET("/claims", {
    params: { query: { status: status === "ALL" ? undefined : status, limit: 100 } },
  }))).data, [api, status]);
  if (!may.readClaims) return <ProblemBanner error={new Error("Claims are read by billers and administrators.")} />;
  return (
    <section aria-labelledby="claims-title">
      <div class="page-head"><h1 id="claims-title">Claims</h1></div>
      <nav aria-label="Claim status" class="tabs">
        {TABS.map((t) => <a key={t.status} href={`#/claims?status=${t.status}`} aria-current={t.status === status ? "page" : undefined}>{t.label}</a>)}
      </nav>
      <Loaded load={load} what="claims">
        {(page) => page.items.length === 0 ? (
          <Empty title={status === "NEEDS_REVIEW" ? "No claims need review" : "No claims here"}>
            {status === "NEEDS_REVIEW" ? "Signed notes become claims; the scrubber lists here the ones to fix." : undefined}
          </Empty>
        ) : (
          <table class="data">
            <caption class="visually-hidden">Claims: {TABS.find((t) => t.status === status)?.label}</caption>
            <thead><tr><th scope="col">Claim</th><th scope="col">Patient</th><th scope="col">Date of service</th><th scope="col">Payer</th><th scope="col" class="num">Charge</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id} data-testid="claim-row">
                  <td><a href={`#/claims/${c.id}`}>{c.id}</a></td>
                  <td>{people.patientName(c.patientId)}</td>
                  <td>{formatShortDay(c.dateOfService)}</td>
                  <td>{c.payerName}</td>
                  <td class="num">{usd(c.totalCharge)}</td>
                  <td><ClaimStatusBadge status={c.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}

export function ClaimScreen({ id }: { id: string }) {
  const { api, may } = useApp();
  const load = useLoad(async () => {
    const [claim, scrub] = await Promise.all([
      call(api.GET("/claims/{claimId}", { params: { path: { claimId: id } } })),
      call(api.GET("/claims/{claimId}/scrub", { params: { path: { claimId: id } } })).then((r) => r.data, () => null),
    ]);
    const ledger = claim.data.remittance
      ? await call(api.GET("/claims/{claimId}/ledger", { params: { path: { claimId: id } } })).then((r) => r.data, () => null)
      : null;
    return { claim: claim.data, scrub, ledger };
  }, [api, id]);
  // Scrubbing runs from a queue: look again while the claim waits for it.
  const pending = load.state === "ready" && load.data.claim.status === "SCRUB_PENDING";
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(load.reload, 1200);
    return () => clearTimeout(t);
  }, [pending, load]);
  if (!may.readClaims) return <ProblemBanner error={new Error("Claims are read by billers and administrators.")} />;
  return (
    <Loaded load={load} what="the claim">
      {(d) => <Claim key={d.claim.version} {...d} reload={load.reload} />}
    </Loaded>
  );
}

interface LineForm { code: string; modifiers: string; units: string; pointers: string }

function Claim({ claim: c, scrub, ledger, reload }: { claim: S["ClaimView"]; scrub: S["ScrubView"] | null; ledger: S["LedgerView"] | null; reload: () => void }) {
  const { api, people, may } = useApp();
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dx, setDx] = useState(c.diagnoses.join(", "));
  const [pos, setPos] = useState(c.placeOfService ?? "");
  const [pa, setPa] = useState(c.priorAuthorizationNumber ?? "");
  const [refresh, setRefresh] = useState(false);
  const [lines, setLines] = useState<LineForm[]>(c.lines.map((l) => ({
    code: l.code, modifiers: l.modifiers.join(" "), units: String(l.units), pointers: l.diagnosisPointers.join(" "),
  })));
  const correctable = may.correctClaims && (c.status === "READY" || c.status === "NEEDS_REVIEW" || c.status === "REJECTED");
  const findings = c.status === "SCRUB_PENDING" ? [] : scrub?.findings ?? [];
  const finding = (field: string) => findings.find((f) => f.field === field || (f.field ?? "").startsWith(field + "["));
  const problemFor = (field: string) => (error instanceof ApiError && error.status === 422 ? error.field(field) : undefined) ??
    (finding(field) ? `${finding(field)!.ruleId}: ${finding(field)!.message}` : undefined);
  const setLine = (i: number, patch: Partial<LineForm>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const words = (s: string) => s.split(/[\s,]+/).map((x) => x.trim().toUpperCase()).filter(Boolean);

  async function correct() {
    setError(null);
    setNotice(null);
    const body: S["ClaimCorrectionInput"] = {
      diagnoses: words(dx),
      placeOfService: pos || null,
      priorAuthorizationNumber: pa || null,
      lines: lines.map((l, i) => {
        const was = c.lines[i]!;
        const out: S["ClaimCorrectionInput.Line"] = {};
        if (l.code.trim() !== was.code) out.code = l.code.trim();
        if (words(l.modifiers).join(" ") !== was.modifiers.join(" ")) out.modifiers = words(l.modifiers);
        if (Number(l.units) !== was.units) out.units = Number(l.units);
        if (l.pointers.trim() !== was.diagnosisPointers.join(" ")) out.diagnosisPointers = words(l.pointers).map(Number);
        return out;
      }),
      refreshFromPracticeData: refresh || null,
    };
    try {
      await call(api.PUT("/claims/{claimId}", { params: { path: { claimId: c.id }, header: { "If-Match": ifMatch(c.version) } }, body }));
      setNotice("Corrected: the claim is being scrubbed again.");
      reload();
    } catch (e) {
      setError(e as Error);
      if (e instanceof ApiError && e.status === 412) reload();
    }
  }

  return (
    <section aria-labelledby="claim-title">
      <p class="crumbs"><a href="#/claims">‹ Claims</a></p>
      <div class="page-head">
        <h1 id="claim-title">Claim {c.id}</h1>
        <ClaimStatusBadge status={c.status} />
      </div>
      {error && !(error instanceof ApiError && error.status === 422) && <ProblemBanner error={error} />}
      {error instanceof ApiError && error.status === 422 && <div class="banner error" role="alert"><strong>Not saved: check the fields marked below.</strong> {error.problem.detail}</div>}
      {notice && <Notice>{notice}</Notice>}
      <div class="columns">
        <div class="card">
          <dl class="facts">
            <dt>Patient</dt><dd>{people.patientName(c.patientId)}</dd>
            <dt>Date of service</dt><dd>{formatShortDay(c.dateOfService)}</dd>
            <dt>Payer</dt><dd>{c.payerName}</dd>
            <dt>Charge</dt><dd>{usd(c.totalCharge)}</dd>
            <dt>Rendering NPI</dt><dd>{c.renderingProviderNpi}</dd>
            {c.batchId && <><dt>Batch</dt><dd>{c.batchId}</dd></>}
            {c.remittance && <><dt>Paid</dt><dd>{usd(c.remittance.paid)} (patient owes {usd(c.remittance.patientResponsibility)})</dd></>}
          </dl>
          {c.status === "SCRUB_PENDING" && <p class="loading" role="status"><span class="spinner" aria-hidden="true" /> The scrubber is checking this claim…</p>}
          {findings.length > 0 && (
            <section aria-labelledby="findings-title">
              <h2 id="findings-title">Findings ({findings.length})</h2>
              <ul class="findings" data-testid="findings">
                {findings.map((f, i) => (
                  <li key={i} class={f.severity.toLowerCase()}>
                    <Badge tone={f.severity === "ERROR" ? "bad" : "warn"}>{f.severity === "ERROR" ? "Blocks submission" : "Warning"}</Badge>{" "}
                    <strong>{f.ruleId}</strong> {f.field && <code>{f.field}</code>}
                    <p>{f.message}</p>
                    <p class="fix">How to fix: {f.fixHint}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {c.status === "READY" && <Notice>No errors: the claim goes in the next batch.</Notice>}
          {c.denials?.length > 0 && (
            <p><a href="#/denials">{c.denials.length} denied line{c.denials.length > 1 ? "s" : ""} to work in the denials queue</a></p>
          )}
        </div>
        <form class="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="correct-title">
          <h2 id="correct-title">{correctable ? "Correct the claim" : "The claim"}</h2>
          <fieldset disabled={!correctable}>
            <div class="form-grid">
              <Field label="Diagnoses" error={problemFor("diagnoses")} hint="ICD-10-CM codes in order, separated by commas" wide>
                {(p) => <input {...p} value={dx} onInput={(e) => setDx(e.currentTarget.value)} />}
              </Field>
              <Field label="Place of service" error={problemFor("placeOfService")}>
                {(p) => <input {...p} value={pos} onInput={(e) => setPos(e.currentTarget.value)} maxLength={2} />}
              </Field>
              <Field label="Prior authorization number" error={problemFor("priorAuthorizationNumber")}>
                {(p) => <input {...p} value={pa} onInput={(e) => setPa(e.currentTarget.value)} />}
              </Field>
            </div>
            <table class="data lines">
              <caption>Lines</caption>
              <thead><tr><th scope="col">#</th><th scope="col">Code</th><th scope="col">Modifiers</th><th scope="col">Units</th><th scope="col">Dx pointers</th><th scope="col" class="num">Amount</th></tr></thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={i}>
                    <td>{i + 1}<br /><small>{c.lines[i]?.minutes} min</small></td>
                    <td><Field label={`Line ${i + 1} code`} error={problemFor(`lines[${i}].code`)}>{(p) => <input {...p} class="narrow" value={l.code} onInput={(e) => setLine(i, { code: e.currentTarget.value })} />}</Field></td>
                    <td><Field label={`Line ${i + 1} modifiers`} error={problemFor(`lines[${i}].modifiers`)}>{(p) => <input {...p} class="narrow" value={l.modifiers} onInput={(e) => setLine(i, { modifiers: e.currentTarget.value })} />}</Field></td>
                    <td><Field label={`Line ${i + 1} units`} error={problemFor(`lines[${i}].units`)}>{(p) => <input {...p} class="narrow" type="number" min={1} value={l.units} onInput={(e) => setLine(i, { units: e.currentTarget.value })} />}</Field></td>
                    <td><Field label={`Line ${i + 1} pointers`} error={problemFor(`lines[${i}].diagnosisPointers`)}>{(p) => <input {...p} class="narrow" value={l.pointers} onInput={(e) => setLine(i, { pointers: e.currentTarget.value })} />}</Field></td>
                    <td class="num">{usd(c.lines[i]?.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label class="check"><input type="checkbox" checked={refresh} onChange={(e) => setRefresh(e.currentTarget.checked)} /> Take the billing profile, provider, patient and member id again from the practice's data (after fixing them there)</label>
          </fieldset>
          {correctable && <div class="actions"><ActionButton kind="primary" onAction={correct}>Save and scrub again</ActionButton></div>}
          {!may.correctClaims && <p class="hint">Billers correct claims.</p>}
        </form>
      </div>
      {ledger && (
        <section class="card" aria-labelledby="ledger-title">
          <h2 id="ledger-title">Ledger</h2>
          <p>Charge {usd(ledger.charge)} · paid {usd(ledger.paid)} · patient {usd(ledger.patientResponsibility)} · adjusted {usd(ledger.adjusted)} · open with the payer {usd(ledger.insuranceBalance)}</p>
          <table class="data">
            <thead><tr><th scope="col">Posted</th><th scope="col">Trace</th><th scope="col">Status</th><th scope="col" class="num">Paid</th><th scope="col">Adjustments</th></tr></thead>
            <tbody>{ledger.postings.map((p) => (
              <tr key={p.id}><td>{new Date(p.postedAt).toLocaleDateString()}</td><td>{p.traceNumber ?? "—"}</td><td>{p.claimStatusCode}</td><td class="num">{usd(p.paid)}</td>
                <td>{p.entries.filter((e) => e.kind !== "PAYMENT").map((e) => `${e.group ?? ""}-${e.reason ?? ""} ${usd(e.amount)}`).join("; ") || "—"}</td></tr>
            ))}</tbody>
          </table>
        </section>
      )}
    </section>
  );
}
