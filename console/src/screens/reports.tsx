// Reports: the practice's figures from the reports API (GET /reports/<name>, docs/reports.md) over a practice-local
// date range, each chart said in words, given as a table of its figures, and downloadable as the API's own CSV of the
// same range and grouping (Accept: text/csv), never a recomputation here. Each role sees the reports the API answers
// it: admins and billers every one, the front desk attendance and leakage, clinicians leakage (the API lists them
// only the kinds about their work). Beside them, the authorization utilization and the claims by status.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { all, ApiError, call, type Api, type S } from "../api";
import { useApp } from "../app";
import { ChartView, PALETTE } from "../chart";
import { download, Empty, Field, Loaded, ProblemBanner, toCsv, useLoad } from "../ui";
import { CLAIM_STATUS_LABEL, shiftDay, today, usd } from "../words";

// ------------------------------------------------------------------ the reports API, typed

type View = S["ReportView"];
type Row = S["ReportView.RowView"];
type ColumnType = S["ReportView.ColumnView"]["type"];
interface Range { from: string; to: string }
interface Query { from?: string; to?: string; groupBy?: string }

/** A report's JSON: the range and grouping it was computed for, its columns, rows and total. */
async function getReport(api: Api, name: string, query: Query): Promise<View> {
  const { data } = await call(api.GET("/reports/{name}", { params: { path: { name }, query }, headers: { Accept: "application/json" } }));
  if (typeof data === "string") throw new Error(`The ${name} report came back as text, not JSON.`);
  return data;
}

/** The same report as the API writes it in CSV, with the file name it gives (or the same name made here). */
async function getCsv(api: Api, name: string, query: Query): Promise<{ file: string; text: string }> {
  const { data, response } = await call(api.GET("/reports/{name}", {
    params: { path: { name }, query }, headers: { Accept: "text/csv" }, parseAs: "text",
  }));
  const given = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
  return { file: given ?? `${name}-${query.from ?? "default"}-${query.to ?? "default"}.csv`, text: data as string };
}

// A row's values are "something per column" (number, date, text or null): read each as what its column holds.
function raw(row: Row | null | undefined, key: string): unknown {
  return row?.values[key];
}

export function num(row: Row | null | undefined, key: string): number | null {
  const v = raw(row, key);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function str(row: Row | null | undefined, key: string): string | null {
  const v = raw(row, key);
  return v === null || v === undefined ? null : String(v);
}

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A figure in words as its column's type says: a ratio as a percentage, an amount in dollars; "—" for none. */
export function figure(type: ColumnType, value: number | string | null): string {
  if (value === null || value === "") return "—";
  if (typeof value === "string" && !["COUNT", "AMOUNT", "RATIO", "DAYS", "UNITS"].includes(type)) return value;
  const n = Number(value);
  switch (type) {
    case "RATIO": return percent.format(n);
    case "AMOUNT": return usd(n);
    case "DAYS": return `${plain.format(n)} day${n === 1 ? "" : "s"}`;
    default: return plain.format(n);
  }
}

function typeOf(view: View, key: string): ColumnType {
  return view.columns.find((c) => c.name === key)?.type ?? "COUNT";
}

/** A row's figure of one column, formatted by the column's type. */
function cell(view: View, row: Row | null | undefined, key: string): string {
  const type = typeOf(view, key);
  return figure(type, type === "DATE" || type === "TEXT" ? str(row, key) : num(row, key));
}

const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const monthName = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const dateWords = (iso: string) => shortDate.format(new Date(`${iso}T00:00:00Z`));
const rangeWords = (v: { from: string; to: string }) => `${dateWords(v.from)} to ${dateWords(v.to)}`;

/** Today where the practice is (its time zone), as the API counts its default range. */
function practiceToday(timeZone: string | undefined): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
    const part = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
    return `${part("year")}-${part("month")}-${part("day")}`;
  } catch {
    return today(); // an unknown zone: the browser's date
  }
}

/** The 30 days ending today, the API's own default. */
function defaultRange(timeZone: string | undefined): Range {
  const to = practiceToday(timeZone);
  return { from: shiftDay(to, -29), to };
}

// ------------------------------------------------------------------ the pieces of a report card

/** Downloads the API's CSV of a report for the range and grouping shown. */
function CsvButton({ report, query, what }: { report: string; query: Query; what: string }) {
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  return (
    <span class="csv">
      <button type="button" class="secondary small" disabled={busy} aria-busy={busy} onClick={async () => {
        setBusy(true);
        setError(null);
        try {
          const { file, text } = await getCsv(api, report, query);
          download(file, text, "text/csv");
        } catch (e) {
          setError(e as Error);
        } finally {
          setBusy(false);
        }
      }}>
        Download CSV<span class="visually-hidden"> of {what}</span>
      </button>
      {error && <ProblemBanner error={error} />}
    </span>
  );
}

/** The chart's figures as a table, for reading them exactly and for screen readers. */
function FigureTable({ caption, header, rows, numeric = 1 }: {
  caption: string; header: string[]; rows: ComponentChildren[][]; numeric?: number;
}) {
  return (
    <details>
      <summary>The figures as a table<span class="visually-hidden">: {caption}</span></summary>
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">{caption}</caption>
          <thead><tr>{header.map((h, j) => <th scope="col" key={h} class={j >= numeric ? "num" : undefined}>{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => j === 0 ? <th scope="row" key={j}>{c}</th> : <td key={j} class={j >= numeric ? "num" : undefined}>{c}</td>)}</tr>
          ))}</tbody>
        </table>
      </div>
    </details>
  );
}

function GroupBy({ id, value, options, onChange }: { id: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <span class="group-by">
      <label for={id}>By</label>{" "}
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
    </span>
  );
}

function Card({ id, title, children, tools, wide, testId }: {
  id: string; title: string; children: ComponentChildren; tools?: ComponentChildren; wide?: boolean; testId?: string;
}) {
  return (
    <section class={`card${wide ? " wide" : ""}`} aria-labelledby={id} data-testid={testId}>
      <div class="card-head"><h2 id={id}>{title}</h2><div class="toolbar">{tools}</div></div>
      {children}
    </section>
  );
}

/** What range a report was computed for, and as of which day its A/R or leakage is. */
function Computed({ view, asOf }: { view: View; asOf?: boolean }) {
  return <p class="hint">{asOf ? <>As of {dateWords(view.asOf)}</> : <>{rangeWords(view)}</>}</p>;
}

// ------------------------------------------------------------------ the screen

export function ReportsScreen() {
  const { may, settings } = useApp();
  const [range, setRange] = useState<Range>(() => defaultRange(settings?.timeZone));
  const ranged = may.revenueReports || may.attendanceReport;
  return (
    <section aria-labelledby="reports-title">
      <div class="page-head"><h1 id="reports-title">Reports</h1></div>
      {ranged && <RangeForm key={`${range.from}/${range.to}`} range={range} onApply={setRange} />}
      {may.revenueReports && <Summary range={range} />}
      <div class="report-grid">
        {may.revenueReports && <FirstPassOverTime range={range} />}
        {may.revenueReports && <DenialsByReason range={range} />}
        {may.revenueReports && <ArAging range={range} />}
        {may.attendanceReport && <Attendance range={range} />}
        {may.leakageReport && <Leakage range={range} />}
        <Utilization />
        {may.readClaims && <ClaimsByStatus />}
      </div>
      {may.leakageReport && <LeakageItems range={range} />}
    </section>
  );
}

/**
 * From and to, practice-local and both included. The API judges the range (to before from, over 24 months): a range
 * it refuses keeps the reports shown and puts its words at the field it names.
 */
function RangeForm({ range, onApply }: { range: Range; onApply: (r: Range) => void }) {
  const { api, may, settings } = useApp();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const field = (name: string) => (error instanceof ApiError && error.status === 400 ? error.field(name) : undefined);
  const placed = field("from") || field("to");
  async function apply(asked: Range) {
    setBusy(true);
    setError(null);
    try {
      const view = await getReport(api, may.revenueReports ? "claims" : "attendance", { from: asked.from || undefined, to: asked.to || undefined });
      onApply({ from: view.from, to: view.to });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="filters card range" aria-label="Date range" noValidate
      onSubmit={(e) => { e.preventDefault(); void apply({ from, to }); }}>
      <Field label="From" error={field("from")}>
        {(p) => <input type="date" {...p} value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label="To" error={field("to")}>
        {(p) => <input type="date" {...p} value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />}
      </Field>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>Show</button>
        <button type="button" class="secondary" disabled={busy} onClick={() => void apply(defaultRange(settings?.timeZone))}>Last 30 days</button>
      </div>
      <p class="hint range-hint">
        Practice-local dates{settings?.timeZone ? ` (${settings.timeZone})` : ""}, both included, at most 24 months.
        A/R and leakage are as of today.
      </p>
      {error && !placed && <ProblemBanner error={error} />}
    </form>
  );
}

// ------------------------------------------------------------------ summary

const HEADLINES: [string, string][] = [
  ["cleanClaimRate", "Clean claim rate"],
  ["firstPassAcceptanceRate", "First-pass acceptance"],
  ["firstPassResolutionRate", "First-pass resolution"],
  ["denialRateByCount", "Denial rate by count"],
  ["denialRateByAmount", "Denial rate by amount"],
  ["netCollectionRate", "Net collection rate"],
  ["daysInAr", "Days in A/R"],
  ["arTotal", "Open A/R"],
  ["arOver90Share", "A/R over 90 days"],
  ["charges", "Charges"],
  ["payments", "Payments"],
  ["leakageAmount", "Leakage amount"],
];

/** Column names in words, where the name alone would not do. */
const WORDS: Record<string, string> = Object.fromEntries([
  ...HEADLINES,
  ["credits", "Credits"], ["arInsurance", "Open A/R, insurance"], ["arPatient", "Open A/R, patients"],
  ["chargeLagMedian", "Charge lag (median)"], ["submissionLagMedian", "Submission lag (median)"],
  ["paymentLagMedian", "Payment lag (median)"], ["sessions", "Sessions completed"], ["noShowRate", "No-show rate"],
  ["lateCancelRate", "Late-cancel rate"], ["noteMissing", "Sessions without a signed note"],
  ["claimMissing", "Signed notes without a claim"], ["unsubmitted", "Ready claims not submitted"],
  ["review", "Claims needing review"], ["rejected", "Rejected claims"], ["denied", "Denials not worked"],
  ["expiring", "Authorizations ending unused"],
]);
const words = (key: string) => WORDS[key] ?? key.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());

function Summary({ range }: { range: Range }) {
  const { api } = useApp();
  const load = useLoad(() => getReport(api, "summary", range), [api, range.from, range.to]);
  return (
    <section class="card" aria-labelledby="r-summary" data-testid="summary">
      <div class="card-head"><h2 id="r-summary">Headline figures</h2>
        <div class="toolbar"><CsvButton report="summary" query={range} what="the headline figures" /></div></div>
      <Loaded load={load} what="the headline figures">
        {(v) => {
          const t = v.total;
          // Open A/R and leakage are as of today; the range's own figures are the claims' and the money's.
          const quiet = ["cleanClaimRate", "firstPassAcceptanceRate", "firstPassResolutionRate", "charges", "payments", "credits"].every((k) => !num(t, k));
          return (
            <>
              <p class="hint">{rangeWords(v)}; open A/R and leakage as of {dateWords(v.asOf)}. “—”: nothing to divide by in the range.</p>
              <dl class="figures">
                {HEADLINES.map(([key, label]) => (
                  <div class="figure" key={key} data-testid={`figure-${key}`}>
                    <dt>{label}</dt>
                    <dd>{cell(v, t, key)}</dd>
                  </div>
                ))}
              </dl>
              {quiet && <Empty title="No claims in this range">No claim was scrubbed, decided or paid, and nothing was charged, in these dates.</Empty>}
              <FigureTable caption="Every figure of the summary" header={["Figure", "Value", "Formula"]} numeric={1}
                rows={v.columns.map((c) => [words(c.name), cell(v, t, c.name), c.formula ?? ""])} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

// ------------------------------------------------------------------ first pass over time

/** The calendar months up to the range's end (the last one ends with it), oldest first. */
function monthsTo(to: string, count: number): Range[] {
  const out: Range[] = [];
  const end = new Date(`${to}T00:00:00Z`);
  for (let i = count - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    out.push({ from: iso(first), to: i === 0 ? to : iso(last) });
  }
  return out;
}

function FirstPassOverTime({ range }: { range: Range }) {
  const { api } = useApp();
  const [count, setCount] = useState(6);
  const months = monthsTo(range.to, count);
  const span = { from: months[0]!.from, to: range.to };
  const load = useLoad(() => Promise.all(months.map((m) => getReport(api, "claims", m))), [api, range.to, count]);
  return (
    <Card id="r-first-pass" title="First-pass rate by month" testId="first-pass" tools={<>
      <span class="group-by">
        <label for="r-months">Months</label>{" "}
        <select id="r-months" value={String(count)} onChange={(e) => setCount(Number((e.target as HTMLSelectElement).value))}>
          <option value="6">6</option><option value="12">12</option>
        </select>
      </span>
      <CsvButton report="claims" query={span} what={`the claims report, ${rangeWords(span)}`} />
    </>}>
      <Loaded load={load} what="the months' claims">
        {(views) => {
          const label = (v: View) => monthName.format(new Date(`${v.from}T00:00:00Z`));
          const pct = (v: View, key: string) => { const n = num(v.total, key); return n === null ? null : Math.round(n * 10000) / 100; };
          if (views.every((v) => !num(v.total, "claimsDecided") && !num(v.total, "claimsAdjudicated"))) {
            return <Empty title={`No claims decided in these ${count} months`}>Each month counts the claims first decided or first adjudicated in it.</Empty>;
          }
          const said = views.map((v) => `${label(v)}: ${cell(v, v.total, "firstPassAcceptanceRate")} accepted, ${cell(v, v.total, "firstPassResolutionRate")} resolved`).join("; ");
          return (
            <>
              <p class="hint">The claims report of each month, {rangeWords(span)}; the last month ends with the range.</p>
              <ChartView label={`First-pass acceptance and resolution by month. ${said}`} config={{
                type: "line",
                data: {
                  labels: views.map(label),
                  datasets: [
                    { label: "First-pass acceptance (%)", data: views.map((v) => pct(v, "firstPassAcceptanceRate")), borderColor: PALETTE[0], backgroundColor: PALETTE[0] },
                    { label: "First-pass resolution (%)", data: views.map((v) => pct(v, "firstPassResolutionRate")), borderColor: PALETTE[3], backgroundColor: PALETTE[3] },
                  ],
                },
                options: { scales: { y: { min: 0, max: 100 } } },
              }} />
              <FigureTable caption="First-pass rates by month" numeric={1}
                header={["Month", "Claims decided", "Accepted first pass", "First-pass acceptance", "Claims adjudicated", "Resolved first pass", "First-pass resolution", "CSV"]}
                rows={views.map((v) => [label(v), cell(v, v.total, "claimsDecided"), cell(v, v.total, "acceptedFirstPass"),
                  cell(v, v.total, "firstPassAcceptanceRate"), cell(v, v.total, "claimsAdjudicated"), cell(v, v.total, "resolvedFirstPass"),
                  cell(v, v.total, "firstPassResolutionRate"),
                  <CsvButton key="csv" report="claims" query={{ from: v.from, to: v.to }} what={`the claims report, ${rangeWords(v)}`} />])} />
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

// ------------------------------------------------------------------ denials

function DenialsByReason({ range }: { range: Range }) {
  const { api } = useApp();
  const [groupBy, setGroupBy] = useState("carc");
  const query = { ...range, groupBy };
  const load = useLoad(() => getReport(api, "denials", query), [api, range.from, range.to, groupBy]);
  const by = groupBy === "carc" ? "Reason" : "Payer";
  return (
    <Card id="r-denials" title="Denials by reason" testId="denials" tools={<>
      <GroupBy id="r-denials-by" value={groupBy} onChange={setGroupBy} options={[["carc", "reason (CARC)"], ["payer", "payer"]]} />
      <CsvButton report="denials" query={query} what={`denials by ${groupBy}, ${rangeWords(range)}`} />
    </>}>
      <Loaded load={load} what="denials">
        {(v) => (
          <>
            <p class="summary" data-testid="denials-total">
              {cell(v, v.total, "deniedClaims")} claim{num(v.total, "deniedClaims") === 1 ? "" : "s"} denied, {cell(v, v.total, "deniedAmount")};{" "}
              {cell(v, v.total, "denialRateByCount")} of claims adjudicated, {cell(v, v.total, "denialRateByAmount")} of their charges.
            </p>
            <Computed view={v} />
            {v.rows.length === 0 ? <Empty title="No denials in this range">Initial denials count on the day of a claim's first adjudication.</Empty> : (
              <>
                <ChartView label={`Denials by ${by.toLowerCase()}: ${v.rows.map((r) => `${r.label}: ${cell(v, r, "deniedClaims")} claim${num(r, "deniedClaims") === 1 ? "" : "s"}, ${cell(v, r, "deniedAmount")}`).join("; ")}`} config={{
                  type: "bar",
                  data: {
                    labels: v.rows.map((r) => r.label ?? r.group ?? ""),
                    datasets: [
                      { label: "Denied claims", data: v.rows.map((r) => num(r, "deniedClaims")), backgroundColor: PALETTE[1], yAxisID: "count" },
                      { label: "Denied amount (USD)", data: v.rows.map((r) => num(r, "deniedAmount")), backgroundColor: PALETTE[3], yAxisID: "amount" },
                    ],
                  },
                  options: { scales: {
                    count: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "claims" } },
                    amount: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "USD" } },
                  } },
                }} />
                <FigureTable caption={`Denials by ${by.toLowerCase()}`} header={[by, "Denied claims", "Denied amount", "Share of denied amount"]}
                  rows={v.rows.map((r) => [r.label ?? r.group ?? "", cell(v, r, "deniedClaims"), cell(v, r, "deniedAmount"), cell(v, r, "shareOfDeniedAmount")])} />
              </>
            )}
          </>
        )}
      </Loaded>
    </Card>
  );
}

// ------------------------------------------------------------------ A/R aging

/** The aging buckets the API names its columns by (insurance0To30 … insuranceOver120), in its order. */
function buckets(v: View): { key: string; words: string }[] {
  return v.columns.map((c) => /^insurance(\d+To\d+|Over\d+)$/.exec(c.name)?.[1]).filter((b): b is string => !!b).map((b) => {
    const range = /^(\d+)To(\d+)$/.exec(b);
    return { key: b, words: range ? `${range[1]}–${range[2]} days` : `over ${b.slice(4)} days` };
  });
}

function ArAging({ range }: { range: Range }) {
  const { api } = useApp();
  const [groupBy, setGroupBy] = useState("none");
  const query = { ...range, groupBy };
  const load = useLoad(() => getReport(api, "ar", query), [api, range.from, range.to, groupBy]);
  return (
    <Card id="r-ar" title="A/R aging" testId="ar" tools={<>
      <GroupBy id="r-ar-by" value={groupBy} onChange={setGroupBy} options={[["none", "all payers"], ["payer", "payer"]]} />
      <CsvButton report="ar" query={query} what={`A/R aging${groupBy === "payer" ? " by payer" : ""}`} />
    </>}>
      <Loaded load={load} what="A/R">
        {(v) => {
          const bs = buckets(v);
          const groups = groupBy === "payer" ? v.rows : v.total ? [v.total] : [];
          const bars = groups.flatMap((g) => (["insurance", "patient"] as const).map((side) => ({
            label: `${groupBy === "payer" ? `${g.label ?? g.group} · ` : ""}${side === "insurance" ? "Insurance" : "Patient responsibility"}`,
            row: g, side,
          })));
          return (
            <>
              <p class="summary" data-testid="ar-total">
                {cell(v, v.total, "arTotal")} open ({cell(v, v.total, "insuranceTotal")} insurance, {cell(v, v.total, "patientTotal")} patients);{" "}
                {cell(v, v.total, "arOver90Share")} over 90 days; {cell(v, v.total, "daysInAr")} in A/R.
              </p>
              <Computed view={v} asOf />
              {!num(v.total, "arTotal") ? <Empty title="Nothing owed">Sent claims with a balance to the payer or the patient appear here, aged by date of service.</Empty> : (
                <>
                  <ChartView height={Math.max(200, 60 + bars.length * 36)} label={`Open A/R by age: ${bars.map((b) => `${b.label}: ${bs.map((x) => `${x.words} ${cell(v, b.row, b.side + x.key)}`).join(", ")}`).join("; ")}`} config={{
                    type: "bar",
                    data: {
                      labels: bars.map((b) => b.label),
                      datasets: bs.map((x, i) => ({ label: x.words, data: bars.map((b) => num(b.row, b.side + x.key)), backgroundColor: PALETTE[i % PALETTE.length] })),
                    },
                    options: { indexAxis: "y", scales: { x: { stacked: true, title: { display: true, text: "USD" } }, y: { stacked: true } } },
                  }} />
                  <FigureTable caption="Open A/R by age" numeric={1} header={["Owed by", ...bs.map((x) => x.words), "Total"]}
                    rows={bars.map((b) => [b.label, ...bs.map((x) => cell(v, b.row, b.side + x.key)), cell(v, b.row, `${b.side}Total`)])} />
                </>
              )}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

// ------------------------------------------------------------------ attendance

function Attendance({ range }: { range: Range }) {
  const { api } = useApp();
  const [groupBy, setGroupBy] = useState("none");
  const query = { ...range, groupBy };
  const load = useLoad(() => getReport(api, "attendance", query), [api, range.from, range.to, groupBy]);
  return (
    <Card id="r-attendance" title="Attendance" testId="attendance" tools={<>
      <GroupBy id="r-attendance-by" value={groupBy} onChange={setGroupBy} options={[["none", "all providers"], ["provider", "provider"]]} />
      <CsvButton report="attendance" query={query} what={`attendance${groupBy === "provider" ? " by provider" : ""}, ${rangeWords(range)}`} />
    </>}>
      <Loaded load={load} what="attendance">
        {(v) => {
          const groups = groupBy === "provider" ? v.rows : v.total ? [v.total] : [];
          return (
            <>
              <p class="summary" data-testid="attendance-total">
                {cell(v, v.total, "completed")} completed, {cell(v, v.total, "noShows")} no-shows, {cell(v, v.total, "lateCancellations")} late
                cancellations; no-show rate {cell(v, v.total, "noShowRate")}, late-cancel rate {cell(v, v.total, "lateCancelRate")}.
              </p>
              <Computed view={v} />
              {!num(v.total, "due") && !num(v.total, "cancellations") ? <Empty title="No sessions in this range">Completed, missed and cancelled sessions count on their date of service.</Empty> : (
                <>
                  <ChartView label={`Sessions by outcome: ${groups.map((g) => `${g.label}: ${cell(v, g, "completed")} completed, ${cell(v, g, "noShows")} no-shows, ${cell(v, g, "lateCancellations")} late cancellations`).join("; ")}`} config={{
                    type: "bar",
                    data: {
                      labels: groups.map((g) => g.label ?? g.group ?? ""),
                      datasets: [
                        { label: "Completed", data: groups.map((g) => num(g, "completed")), backgroundColor: PALETTE[0] },
                        { label: "No-shows", data: groups.map((g) => num(g, "noShows")), backgroundColor: PALETTE[3] },
                        { label: "Late cancellations", data: groups.map((g) => num(g, "lateCancellations")), backgroundColor: PALETTE[5] },
                      ],
                    },
                    options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
                  }} />
                  <FigureTable caption="Attendance" header={["Provider", "Completed", "No-shows", "Cancellations", "Late", "No-show rate", "Late-cancel rate"]}
                    rows={groups.map((g) => [g.label ?? "", cell(v, g, "completed"), cell(v, g, "noShows"), cell(v, g, "cancellations"),
                      cell(v, g, "lateCancellations"), cell(v, g, "noShowRate"), cell(v, g, "lateCancelRate")])} />
                </>
              )}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

// ------------------------------------------------------------------ leakage

export const LEAKAGE_KIND: Record<string, string> = {
  NOTE_MISSING: "Sessions without a signed note",
  CLAIM_MISSING: "Signed notes without a claim",
  UNSUBMITTED: "Ready claims not submitted",
  REVIEW: "Claims needing review",
  REJECTED: "Rejected claims not corrected",
  DENIED: "Denials not worked",
  EXPIRING: "Authorizations ending with units unused",
};
const kindWords = (k: string | null | undefined) => (k && LEAKAGE_KIND[k]) ?? k ?? "";

function Leakage({ range }: { range: Range }) {
  const { api } = useApp();
  const load = useLoad(() => getReport(api, "leakage", range), [api, range.from, range.to]);
  return (
    <Card id="r-leakage" title="Leakage" testId="leakage" tools={<CsvButton report="leakage" query={range} what="leakage by kind" />}>
      <Loaded load={load} what="leakage">
        {(v) => {
          const count = v.rows.reduce((n, r) => n + (num(r, "count") ?? 0), 0);
          const amount = v.rows.reduce((n, r) => n + (num(r, "amount") ?? 0), 0);
          return (
            <>
              <p class="summary" data-testid="leakage-total">{count} item{count === 1 ? "" : "s"} due, {usd(amount)} of claims.</p>
              <Computed view={v} asOf />
              {count === 0 ? <Empty title="Nothing is leaking">Work is listed once it is older than the practice's thresholds.</Empty> : (
                <ChartView height={Math.max(180, 40 + v.rows.length * 30)} label={`Leakage by kind: ${v.rows.map((r) => `${kindWords(r.group)}: ${cell(v, r, "count")}`).join("; ")}`} config={{
                  type: "bar",
                  data: { labels: v.rows.map((r) => kindWords(r.group)), datasets: [{ label: "Items due", data: v.rows.map((r) => num(r, "count")), backgroundColor: PALETTE[4] }] },
                  options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
                }} />
              )}
              <FigureTable caption="Leakage by kind" header={["Kind", "Due", "Amount", "Units", "Oldest since", "Due after (days)"]}
                rows={v.rows.map((r) => [kindWords(r.group), cell(v, r, "count"), cell(v, r, "amount"), cell(v, r, "units"),
                  cell(v, r, "oldestSince"), cell(v, r, "thresholdDays")])} />
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

const CLAIM_KINDS = new Set(["UNSUBMITTED", "REVIEW", "REJECTED", "DENIED"]);
const SHOWN = 200;

/** The leakage list to work, oldest first within each kind, each item linked to the screen that works it. */
function LeakageItems({ range }: { range: Range }) {
  const { api, people, may, session } = useApp();
  const [kind, setKind] = useState("ALL");
  const load = useLoad(async () => {
    const view = await getReport(api, "leakage-items", range);
    // A CLAIM_MISSING item names its note; the console opens notes by their appointment.
    const notes = may.readNotes ? view.rows.filter((r) => r.group === "CLAIM_MISSING" && r.label).slice(0, 50) : [];
    const appointments = new Map<string, string>();
    await Promise.all(notes.map((r) => call(api.GET("/notes/{noteId}", { params: { path: { noteId: r.label! } } }))
      .then((n) => appointments.set(r.label!, n.data.appointmentId), () => undefined)));
    return { view, appointments };
  }, [api, range.from, range.to]);
  const link = (r: Row, appointments: Map<string, string>): { href: string; text: string } | null => {
    const id = r.label ?? "";
    if (CLAIM_KINDS.has(r.group ?? "")) return may.readClaims ? { href: `#/claims/${id}`, text: `Open claim ${id}` } : null;
    if (r.group === "NOTE_MISSING") {
      const mine = may.writeNotes && str(r, "providerId") === session.subject;
      return mine ? { href: `#/notes/${id}`, text: "Write the note" } : { href: `#/appointments/${id}`, text: "Open the appointment" };
    }
    if (r.group === "CLAIM_MISSING") {
      const a = appointments.get(id);
      return a ? { href: `#/appointments/${a}`, text: "Open the session" } : null;
    }
    if (r.group === "EXPIRING") {
      const patient = str(r, "patientId");
      return patient ? { href: `#/patients/${patient}/authorizations/${id}`, text: "Open the authorization" } : null;
    }
    return null;
  };
  return (
    <Card id="r-leakage-items" title="Leakage to work" testId="leakage-items" tools={<CsvButton report="leakage-items" query={range} what="the leakage list" />}>
      <Loaded load={load} what="the leakage list">
        {({ view: v, appointments }) => {
          const kinds = [...new Set(v.rows.map((r) => r.group ?? ""))];
          const rows = v.rows.filter((r) => kind === "ALL" || r.group === kind);
          return (
            <>
              <div class="filters">
                <Computed view={v} asOf />
                {kinds.length > 1 && (
                  <span class="group-by">
                    <label for="r-leakage-kind">Kind</label>{" "}
                    <select id="r-leakage-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
                      <option value="ALL">All kinds ({v.rows.length})</option>
                      {kinds.map((k) => <option key={k} value={k}>{kindWords(k)} ({v.rows.filter((r) => r.group === k).length})</option>)}
                    </select>
                  </span>
                )}
              </div>
              {rows.length === 0 ? <Empty title="Nothing to work">Sessions, notes, claims and authorizations appear here once due.</Empty> : (
                <div class="table-wrap">
                  <table class="data" aria-label="Leakage to work">
                    <thead><tr><th scope="col">Kind</th><th scope="col">Since (ends)</th><th scope="col" class="num">Days</th><th scope="col">Patient</th>
                      <th scope="col" class="num">Amount</th><th scope="col">Detail</th><th scope="col">Work it</th></tr></thead>
                    <tbody>{rows.slice(0, SHOWN).map((r) => {
                      const to = link(r, appointments);
                      const patient = str(r, "patientId");
                      return (
                        <tr key={`${r.group}-${r.label}`} data-testid="leakage-item">
                          <td>{kindWords(r.group)}</td>
                          <td>{cell(v, r, "since")}</td>
                          <td class="num">{(num(r, "ageDays") ?? 0) < 0 ? `ends in ${-(num(r, "ageDays") ?? 0)}` : cell(v, r, "ageDays")}</td>
                          <td>{patient ? people.patientName(patient) : "—"}</td>
                          <td class="num">{num(r, "amount") !== null ? cell(v, r, "amount") : num(r, "units") !== null ? `${cell(v, r, "units")} units` : "—"}</td>
                          <td>{r.group === "EXPIRING" ? "" : (str(r, "detail") ?? "").replace(/_/g, " ").toLowerCase()}</td>
                          <td>{to ? <a href={to.href}>{to.text}</a> : <span class="hint">{r.label}</span>}</td>
                        </tr>
                      );
                    })}</tbody>
                  </table>
                  {rows.length > SHOWN && <p class="hint">{rows.length - SHOWN} more in the CSV.</p>}
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

// ------------------------------------------------------------------ authorization utilization and claims by status

function LocalCsv({ name, header, rows }: { name: string; header: string[]; rows: (string | number | boolean | null | undefined)[][] }) {
  return (
    <button type="button" class="secondary small" onClick={() => download(name, toCsv(header, rows), "text/csv")}>
      Download CSV<span class="visually-hidden"> of {name}</span>
    </button>
  );
}

function Utilization() {
  const { api, people } = useApp();
  const load = useLoad(async () => (await call(api.GET("/reports/authorization-utilization"))).data, [api]);
  return (
    <Card id="r-util" title="Authorization utilization" tools={load.state === "ready" && <LocalCsv name={`authorization-utilization-${load.data.asOf}.csv`}
      header={["authorization", "patient", "unit", "authorized", "rendered", "scheduled", "remaining", "remainingPercent", "endDate", "daysToExpiry", "band"]}
      rows={load.data.items.map((r) => [r.number, people.patientName(r.patientId), r.unitType, r.authorized, r.rendered, r.scheduled, r.remaining, r.remainingPercent, r.endDate, r.daysToExpiry, r.band])} />}>
      <Loaded load={load} what="utilization">
        {(u) => u.items.length === 0 ? <Empty title="No authorizations" /> : (
          <>
            <ChartView label={`Utilization of ${u.items.length} authorizations: rendered, scheduled and remaining of each`} config={{
              type: "bar",
              data: {
                labels: u.items.map((r) => r.number),
                datasets: [
                  { label: "Rendered", data: u.items.map((r) => r.rendered), backgroundColor: PALETTE[0] },
                  { label: "Scheduled", data: u.items.map((r) => r.scheduled), backgroundColor: PALETTE[1] },
                  { label: "Remaining", data: u.items.map((r) => r.remaining), backgroundColor: PALETTE[2] },
                ],
              },
              options: { indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } },
            }} />
            <FigureTable caption="Authorization utilization" header={["Authorization", "Authorized", "Rendered", "Scheduled", "Remaining"]}
              rows={u.items.map((r) => [r.number, r.authorized, r.rendered, r.scheduled, r.remaining])} />
          </>
        )}
      </Loaded>
    </Card>
  );
}

/** The claims as they stand now, by status (read from the claims listing; the reports API counts events in a range). */
function ClaimsByStatus() {
  const { api } = useApp();
  const load = useLoad(() => all((cursor) => api.GET("/claims", { params: { query: { limit: 100, cursor } } }), 2000), [api]);
  return (
    <Loaded load={load} what="claims">
      {(claims) => {
        const by = new Map<S["ClaimStatus"], { n: number; amount: number }>();
        claims.forEach((c) => by.set(c.status, { n: (by.get(c.status)?.n ?? 0) + 1, amount: (by.get(c.status)?.amount ?? 0) + c.totalCharge }));
        const rows = [...by.entries()];
        return (
          <Card id="r-status" title="Claims by status" tools={<LocalCsv name="claims-by-status.csv" header={["status", "claims", "charge"]}
            rows={rows.map(([s, v]) => [s, v.n, v.amount.toFixed(2)])} />}>
            <p class="hint">Now, every claim of the practice.</p>
            {rows.length === 0 ? <Empty title="No claims yet" /> : (
              <>
                <ChartView label={`Claims by status: ${rows.map(([s, v]) => `${v.n} ${CLAIM_STATUS_LABEL[s]}`).join(", ")}`} config={{
                  type: "doughnut",
                  data: { labels: rows.map(([s]) => CLAIM_STATUS_LABEL[s]), datasets: [{ data: rows.map(([, v]) => v.n), backgroundColor: PALETTE }] },
                  options: { plugins: { legend: { position: "right" } } },
                }} />
                <FigureTable caption="Claims by status" header={["Status", "Claims", "Charge"]} rows={rows.map(([s, v]) => [CLAIM_STATUS_LABEL[s], v.n, usd(v.amount)])} />
              </>
            )}
          </Card>
        );
      }}
    </Loaded>
  );
}
