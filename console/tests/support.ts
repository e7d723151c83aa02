// Test data made the way staff make it, through the public API; sign-in as a role; axe and screenshots.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const API = process.env.API_URL ?? "http://127.0.0.1:3000";
// bin/check-console names the folder: target/console-tests/screenshots, or docs/console with --screenshots.
const SHOTS = process.env.SCREENSHOTS ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../target/console-tests/screenshots");

export async function token(practiceId: string, role: string, subject?: string): Promise<string> {
  const r = await fetch(`${API}/_local/tokens`, { method: "POST", body: JSON.stringify({ practiceId, role, subject }) });
  return ((await r.json()) as { token: string }).token;
}

export interface Answer { status: number; body: any; etag: string | null }

export class Client {
  constructor(readonly token: string) {}
  async send(method: string, path: string, body?: unknown, ifMatch?: string): Promise<Answer> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (ifMatch) headers["If-Match"] = ifMatch;
    const r = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed: any = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: r.status, body: parsed, etag: r.headers.get("etag") };
  }
  async ok(method: string, path: string, body?: unknown, ifMatch?: string): Promise<any> {
    const a = await this.send(method, path, body, ifMatch);
    if (a.status >= 300) throw new Error(`${method} ${path} -> ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  }
  get = (p: string) => this.ok("GET", p);
  post = (p: string, b: unknown = {}, m?: string) => this.ok("POST", p, b, m);
  put = (p: string, b: unknown, m: string) => this.ok("PUT", p, b, m);
  /** GETs until the test holds (the functions work from streams and queues, a moment after each request). */
  async until(path: string, test: (b: any) => boolean, seconds = 60): Promise<any> {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const b = await this.get(path);
      if (test(b)) return b;
      if (Date.now() > end) throw new Error(`${path}: condition not met in ${seconds}s: ${JSON.stringify(b).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 400));
    }
  }
}

export const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** A practice ready to bill a commercial payer: billing profile, fees, a payer, a PT, a patient with an authorization. */
export async function practice(options: { units?: number; memberId?: string; payer?: Record<string, unknown> } = {}) {
  const id = `console-${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client(await token(id, "admin"));
  await admin.put("/billing-profile", {
    organizationName: "Riverside Therapy Group", npi: "1245319599", taxId: "12-3456789", taxonomy: "261QR0400X",
    address: { line1: "100 River Rd", city: "Springfield", state: "IL", postalCode: "62701-1234" },
    submitter: { id: "RTG01", contactName: "Billing Office", phone: "2175550100" },
  }, '"0"');
  await admin.put("/fee-schedule", { fees: [{ code: "97110", amount: 45 }, { code: "97140", amount: 44 }, { code: "97161", amount: 150 }] }, '"0"');
  const payer = (await admin.post("/payers", { name: "Acme Health", payerId: "ACME1", payerType: "COMMERCIAL", ...options.payer })).id as string;
  const provider = (await admin.post("/providers", { npi: "1234567893", firstName: "Jordan", lastName: "Rivera", discipline: "PT", taxonomy: "225100000X" })).id as string;
  const p = { id, admin, payer, provider, patients: [] as { id: string; authorization: string; name: string }[] };
  await addPatient(p, "Alex", "Demo", options.memberId ?? "ACM123", options.units ?? 12);
  return p;
}

export type TestPractice = Awaited<ReturnType<typeof practice>>;

export async function addPatient(p: { admin: Client; payer: string; patients: { id: string; authorization: string; name: string }[] }, first: string, last: string, memberId: string, units = 12) {
  const patient = (await p.admin.post("/patients", { firstName: first, lastName: last, birthDate: "1958-04-12", sex: "F",
    address: { line1: "12 Elm Ave", city: "Springfield", state: "IL", postalCode: "62704" } })).id as string;
  const coverage = (await p.admin.post(`/patients/${patient}/coverages`, { payerId: p.payer, memberId, effectiveFrom: "2026-01-01" })).id as string;
  const authorization = (await p.admin.post(`/patients/${patient}/authorizations`, { coverageId: coverage, number: `ACME-${units}-${last}`,
    serviceCodes: ["97110", "97140"], unitType: "UNITS", quantity: units, startDate: day(-30), endDate: day(60) })).id as string;
  const out = { id: patient, authorization, name: `${first} ${last}` };
  p.patients.push(out);
  return out;
}

/** Books through the API and waits for the authorization check's decision. */
export async function book(p: TestPractice, patient: string, start: string, minutes = 45, code = "97110") {
  const a = await p.admin.post("/appointments", { patientId: patient, providerId: p.provider, serviceCode: code, start, durationMinutes: minutes });
  return p.admin.until(`/appointments/${a.id}`, (x) => x.status !== "REQUESTED");
}

/** Signs in without the sign-in page: the token the local cloud issues, kept where the console keeps it. */
export async function signInAs(page: Page, practiceId: string, role: string, subject?: string, hash = "") {
  const t = await token(practiceId, role, subject);
  await page.addInitScript((value) => sessionStorage.setItem("therapyops.session", value), t);
  await page.goto(`/${hash}`);
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function axe(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

/** The page fits the viewport's width: nothing needs scrolling sideways (as at 1280×800 and on a tablet). */
export async function fitsWidth(page: Page, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: wider than the viewport by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** The screen's navigation as the signed-in person sees it. */
export async function screens(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Screens" });
  await expect(nav).toBeVisible();
  return (await nav.getByRole("link").allInnerTexts()).map((t) => t.trim());
}

export const TABLET = { width: 820, height: 1180 };

export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/**
 * A practice with money in its reports: yesterday's three sessions documented, signed, claimed and sent in one batch
 * to the simulated clearinghouse, which pays Casey Paid's claim in full, Robin Partial's in part (20 % left to the
 * patient) and denies Alex Demo's (the member id's prefix is its cue); and a fourth session completed without a note. Its leakage thresholds are 0 days (each item is due at
 * once), and authorizations ending within 90 days with units left are listed.
 */
export async function billedPractice() {
  const p = await practice({ memberId: "DENIED-ACM1" });
  const settings = await p.admin.get("/settings");
  await p.admin.put("/settings", { schedulingPolicy: settings.schedulingPolicy, overrideRole: settings.overrideRole, timeZone: settings.timeZone,
    alerts: settings.alerts, recipientsByRole: settings.recipientsByRole ?? undefined,
    reporting: { ...settings.reporting, noteMissingDays: 0, claimMissingDays: 0, unsubmittedDays: 0, reviewDays: 0, rejectedDays: 0, deniedDays: 0,
      expiringWithinDays: 90 } }, `"${settings.version}"`);
  const integration = await p.admin.post("/integrations", { name: "Simulated clearinghouse", kind: "clearinghouse" });
  await fetch(`${API}/_local/clearinghouse/integrations`, { method: "POST",
    body: JSON.stringify({ practiceId: p.id, integrationId: integration.id, secret: integration.secret }) });
  const paid = await addPatient(p, "Casey", "Paid", "ACM777");
  const partial = await addPatient(p, "Robin", "Partial", "PARTIAL-ACM5");
  const clinician = new Client(await token(p.id, "clinician", p.provider));
  const biller = new Client(await token(p.id, "biller"));
  const claims: string[] = [];
  for (const [patient, hour] of [[p.patients[0]!.id, "09:00"], [paid.id, "10:00"], [partial.id, "11:00"]] as const) {
    const a = await book(p, patient, `${day(-1)}T${hour}`);
    const note = await clinician.post("/notes", { appointmentId: a.id, diagnoses: ["M54.50"], lines: [{ code: "97110", minutes: 45 }] });
    await clinician.post(`/notes/${note.id}/sign`, {});
    const capture = await clinician.until(`/notes/${note.id}/capture`, (c) => c.status !== "PENDING");
    claims.push(capture.claimIds[0]);
    await biller.until(`/claims/${capture.claimIds[0]}`, (c) => c.status === "READY");
  }
  await biller.post("/claim-batches", {});
  const [denied, paidClaim, partialClaim] = await Promise.all(claims.map((id) => biller.until(`/claims/${id}`, (c) => ["PAID", "PARTIALLY_PAID", "DENIED"].includes(c.status), 120)));
  const unnoted = await book(p, p.patients[0]!.id, `${day(-1)}T13:00`);
  await p.admin.post(`/appointments/${unnoted.id}/check-in`, {});
  await p.admin.post(`/appointments/${unnoted.id}/complete`, {});
  // The reports are kept from the tables' streams: wait until they count the three decisions and the session…
  const values = (row: any, key: string) => row?.values?.[key];
  await biller.until("/reports/claims", (v) => values(v.total, "claimsAdjudicated") === 3, 120);
  await biller.until("/reports/leakage", (v) => ["DENIED", "NOTE_MISSING"].every((k) => values(v.rows.find((r: any) => r.group === k), "count") >= 1), 120);
  // …and the two payments: a posting is its own stream record beside its claim's, and may come in a later batch.
  const paidByEras = [paidClaim, partialClaim].reduce((sum, c) => sum + Number(c.remittance?.paid ?? 0), 0);
  await biller.until("/reports/summary", (v) => Math.abs(Number(values(v.total, "payments") ?? 0) - paidByEras) < 0.005, 120);
  return { ...p, biller, clinician, denied: denied.id as string, deniedStatus: denied.status as string, paid: paidClaim.id as string,
    paidStatus: paidClaim.status as string, partial: partialClaim.id as string, partialStatus: partialClaim.status as string,
    unnoted: unnoted.id as string };
}
