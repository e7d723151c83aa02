// The Reports screen in a real browser against the local cloud: the figures shown are those GET /reports/<name>
// answers for the same range, each CSV is the API's own, the range is the API's to judge, and each role sees only
// the reports the API answers it.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { API, axe, billedPractice, Client, day, fitsWidth, screens, shot, signInAs, TABLET, token } from "./support";

// The screen's words for a figure, by its column's type (as console/src/screens/reports.tsx says them).
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
function said(view: any, row: any, key: string): string {
  const type = view.columns.find((c: any) => c.name === key)?.type;
  const v = row?.values?.[key];
  if (v === null || v === undefined || v === "") return "—";
  if (type === "RATIO") return percent.format(Number(v));
  if (type === "AMOUNT") return money.format(Number(v));
  if (type === "DAYS") return `${plain.format(Number(v))} day${Number(v) === 1 ? "" : "s"}`;
  if (type === "DATE" || type === "TEXT") return String(v);
  return plain.format(Number(v));
}

const HEADLINES: [string, string][] = [
  ["cleanClaimRate", "Clean claim rate"], ["firstPassAcceptanceRate", "First-pass acceptance"],
  ["firstPassResolutionRate", "First-pass resolution"], ["denialRateByCount", "Denial rate by count"],
  ["denialRateByAmount", "Denial rate by amount"], ["netCollectionRate", "Net collection rate"], ["daysInAr", "Days in A/R"],
  ["arTotal", "Open A/R"], ["arOver90Share", "A/R over 90 days"], ["charges", "Charges"], ["payments", "Payments"],
  ["leakageAmount", "Leakage amount"],
];

const card = (page: Page, title: string) => page.locator("section.card").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
const headline = (page: Page, label: string) => page.getByTestId("summary").locator(".figure").filter({ has: page.getByText(label, { exact: true }) }).locator("dd");

/** Opens a card's "The figures as a table" and returns the table's body rows' cells as text. */
async function figures(section: Locator): Promise<string[][]> {
  const details = section.locator("details").first();
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  const rows = details.locator("tbody tr");
  const out: string[][] = [];
  for (let i = 0; i < await rows.count(); i++) out.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((t) => t.trim()));
  return out;
}

async function csvOf(client: Client, path: string): Promise<string> {
  const r = await fetch(API + path, { headers: { Authorization: `Bearer ${client.token}`, Accept: "text/csv" } });
  expect(r.status, path).toBe(200);
  return r.text();
}

async function downloaded(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent("download");
  await button.click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
}

/** Every headline shown equals the summary the API answers for that range. */
async function headlinesAre(page: Page, summary: any) {
  for (const [key, label] of HEADLINES) await expect(headline(page, label), label).toHaveText(said(summary, summary.total, key));
}

test("reports: a biller's headline figures, first pass by month, denials by reason, A/R and leakage are the API's, each CSV is the API's own", async ({ page }) => {
  test.setTimeout(240_000);
  const p = await billedPractice();
  const forbidden: string[] = [];
  page.on("response", (r) => { if (r.status() === 403) forbidden.push(r.url()); });
  await signInAs(page, p.id, "biller", undefined, "#/reports");
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();

  // The range shown is the API's default (the 30 days ending today where the practice is).
  const byDefault = await p.biller.get("/reports/summary");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(byDefault.from);
  await expect(page.getByLabel("To", { exact: true })).toHaveValue(byDefault.to);
  const { from, to } = byDefault;
  const summary = await p.biller.get(`/reports/summary?from=${from}&to=${to}`);
  expect(summary.total.values.denialRateByCount).toBe(0.3333); // one of the three claims adjudicated was denied
  expect(summary.total.values.payments).toBeGreaterThan(0);
  expect(summary.total.values.arPatient).toBeGreaterThan(0); // the coinsurance of the claim paid in part
  await headlinesAre(page, summary);
  await expect(headline(page, "Denial rate by count")).toHaveText("33.33%");

  // First pass by month: six months to the range's end, the last the claims report of this month up to `to`.
  const firstPass = card(page, "First-pass rate by month");
  await expect(firstPass.getByRole("img")).toHaveAccessibleName(/^First-pass acceptance and resolution by month\./);
  const months = await figures(firstPass);
  expect(months).toHaveLength(6);
  const thisMonth = await p.biller.get(`/reports/claims?from=${to.slice(0, 8)}01&to=${to}`);
  expect(months[5]!.slice(1, 7)).toEqual(["claimsDecided", "acceptedFirstPass", "firstPassAcceptanceRate", "claimsAdjudicated",
    "resolvedFirstPass", "firstPassResolutionRate"].map((k) => said(thisMonth, thisMonth.total, k)));
  const monthCsv = await downloaded(page, firstPass.getByRole("button", { name: new RegExp(`^Download CSV of the claims report, .* to `) }).last());
  expect(monthCsv.text).toBe(await csvOf(p.biller, `/reports/claims?from=${to.slice(0, 8)}01&to=${to}`));

  // Denials by reason (CARC): the total, each reason's figures and the CSV, as the API answers them.
  const denials = card(page, "Denials by reason");
  const byCarc = await p.biller.get(`/reports/denials?from=${from}&to=${to}&groupBy=carc`);
  expect(byCarc.rows.length).toBeGreaterThan(0);
  await expect(denials.getByTestId("denials-total")).toContainText(`${said(byCarc, byCarc.total, "deniedAmount")};`);
  expect(await figures(denials)).toEqual(byCarc.rows.map((r: any) => [r.label, said(byCarc, r, "deniedClaims"), said(byCarc, r, "deniedAmount"),
    said(byCarc, r, "shareOfDeniedAmount")]));
  await expect(denials.getByRole("img")).toHaveAccessibleName(new RegExp(`^Denials by reason: ${byCarc.rows[0].label}: `));
  const denialsCsv = await downloaded(page, denials.getByRole("button", { name: /^Download CSV of denials by carc/ }));
  expect(denialsCsv.name).toBe(`denials-${from}-${to}.csv`);
  expect(denialsCsv.text).toBe(await csvOf(p.biller, `/reports/denials?from=${from}&to=${to}&groupBy=carc`));
  await denials.getByLabel("By", { exact: true }).selectOption("payer");
  const byPayer = await p.biller.get(`/reports/denials?from=${from}&to=${to}&groupBy=payer`);
  await expect(denials.locator("tbody tr").first().locator("th")).toHaveText(byPayer.rows[0].label); // "Acme Health"
  expect((await downloaded(page, denials.getByRole("button", { name: /^Download CSV of denials by payer/ }))).text)
    .toBe(await csvOf(p.biller, `/reports/denials?from=${from}&to=${to}&groupBy=payer`));

  // A/R aging as of today: insurance and patient balances by bucket.
  const ar = card(page, "A/R aging");
  const arView = await p.biller.get(`/reports/ar?from=${from}&to=${to}&groupBy=none`);
  await expect(ar.getByTestId("ar-total")).toHaveText(`${said(arView, arView.total, "arTotal")} open (${said(arView, arView.total, "insuranceTotal")} insurance, `
    + `${said(arView, arView.total, "patientTotal")} patients); ${said(arView, arView.total, "arOver90Share")} over 90 days; ${said(arView, arView.total, "daysInAr")} in A/R.`);
  const buckets = ["0To30", "31To60", "61To90", "91To120", "Over120"];
  expect(await figures(ar)).toEqual([
    ["Insurance", ...buckets.map((b) => said(arView, arView.total, `insurance${b}`)), said(arView, arView.total, "insuranceTotal")],
    ["Patient responsibility", ...buckets.map((b) => said(arView, arView.total, `patient${b}`)), said(arView, arView.total, "patientTotal")],
  ]);
  await expect(ar.getByRole("img")).toHaveAccessibleName(new RegExp(`Patient responsibility: 0–30 days ${said(arView, arView.total, "patient0To30").replace("$", "\\$")}`));
  expect((await downloaded(page, ar.getByRole("button", { name: /^Download CSV of A\/R aging/ }))).text)
    .toBe(await csvOf(p.biller, `/reports/ar?from=${from}&to=${to}&groupBy=none`));

  // Leakage: the counts by kind, and the list to work, each item linked to where it is worked.
  const leakage = await p.biller.get(`/reports/leakage?from=${from}&to=${to}`);
  const leak = card(page, "Leakage");
  const count = leakage.rows.reduce((n: number, r: any) => n + r.values.count, 0);
  await expect(leak.getByTestId("leakage-total")).toContainText(`${count} items due`);
  const kinds = await figures(leak);
  expect(kinds.map((k) => k[1])).toEqual(leakage.rows.map((r: any) => said(leakage, r, "count")));
  const items = await p.biller.get(`/reports/leakage-items?from=${from}&to=${to}`);
  await expect(page.getByTestId("leakage-item")).toHaveCount(items.rows.length);
  const deniedItem = page.getByTestId("leakage-item").filter({ hasText: "Denials not worked" });
  await expect(deniedItem).toHaveCount(1);
  await expect(page.getByTestId("leakage-item").filter({ hasText: "Sessions without a signed note" })
    .getByRole("link", { name: "Open the appointment" })).toHaveAttribute("href", `#/appointments/${p.unnoted}`);
  expect((await downloaded(page, card(page, "Leakage to work").getByRole("button", { name: /^Download CSV of the leakage list/ }))).text)
    .toBe(await csvOf(p.biller, `/reports/leakage-items?from=${from}&to=${to}`));
  expect((await downloaded(page, page.getByRole("button", { name: /^Download CSV of the headline figures/ }))).text)
    .toBe(await csvOf(p.biller, `/reports/summary?from=${from}&to=${to}`));

  await axe(page, "reports");
  await fitsWidth(page, "reports");
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "reports");
  await page.evaluate(() => document.querySelector("[data-testid=ar]")?.scrollIntoView({ block: "start" }));
  await shot(page, "reports-ar-leakage");
  await page.setViewportSize(TABLET);
  await expect(page.getByRole("heading", { name: "Denials by reason" })).toBeVisible();
  await fitsWidth(page, "reports (tablet)");
  await axe(page, "reports (tablet)");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Another range: two months back, before any claim; the figures are the API's for it, and there are none.
  const [earlier, later] = [day(-90), day(-61)];
  await page.getByLabel("From", { exact: true }).fill(earlier);
  await page.getByLabel("To", { exact: true }).fill(later);
  await page.getByRole("button", { name: "Show", exact: true }).click();
  const before = await p.biller.get(`/reports/summary?from=${earlier}&to=${later}`);
  await expect(page.getByTestId("summary")).toContainText(`to ${new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${later}T00:00:00Z`))}`);
  await headlinesAre(page, before);
  await expect(headline(page, "Denial rate by count")).toHaveText("—");
  await expect(page.getByText("No claims in this range")).toBeVisible();
  await expect(denials.getByText("No denials in this range")).toBeVisible();

  // To before from: the API's 400 names the field, and its words are shown there; the figures stay those of the range.
  await page.getByLabel("From", { exact: true }).fill(day(-1));
  await page.getByLabel("To", { exact: true }).fill(day(-10));
  await page.getByRole("button", { name: "Show", exact: true }).click();
  const refused = await p.biller.send("GET", `/reports/summary?from=${day(-1)}&to=${day(-10)}`);
  expect(refused.status).toBe(400);
  const words = refused.body.errors.find((e: any) => e.field === "to").message;
  const toField = page.getByLabel("To", { exact: true });
  await expect(toField).toHaveAttribute("aria-invalid", "true");
  await expect(toField).toHaveAccessibleDescription(words); // "is before from"
  await expect(page.locator(".field.invalid").filter({ has: toField })).toContainText(words);
  await headlinesAre(page, before);
  await axe(page, "reports (range refused)");

  // The denied claim's leakage item opens its claim.
  await page.getByRole("button", { name: "Last 30 days" }).click();
  await expect(toField).not.toHaveAttribute("aria-invalid", "true");
  await headlinesAre(page, summary);
  await page.getByTestId("leakage-item").filter({ hasText: "Denials not worked" }).getByRole("link", { name: `Open claim ${p.denied}` }).click();
  await expect(page.locator(".page-head")).toContainText(p.denied);
  expect(forbidden).toEqual([]);
});

test("reports by role: the front desk sees attendance and its leakage, no claims or denials; a clinician the notes' leakage", async ({ browser }) => {
  test.setTimeout(240_000);
  const p = await billedPractice();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const desk = await context.newPage();
  const forbidden: string[] = [];
  desk.on("response", (r) => { if (r.status() === 403) forbidden.push(r.url()); });
  await signInAs(desk, p.id, "front_desk", undefined, "#/reports");
  await expect(desk.getByRole("heading", { name: "Attendance" })).toBeVisible();
  await expect(desk.getByRole("heading", { name: "Leakage", exact: true })).toBeVisible();
  for (const title of ["Headline figures", "First-pass rate by month", "Denials by reason", "A/R aging", "Claims by status"]) {
    await expect(desk.getByRole("heading", { name: title })).toHaveCount(0);
  }
  const deskApi = new Client(await token(p.id, "front_desk"));
  const from = await desk.getByLabel("From", { exact: true }).inputValue();
  const to = await desk.getByLabel("To", { exact: true }).inputValue();
  const attendance = await deskApi.get(`/reports/attendance?from=${from}&to=${to}&groupBy=none`);
  expect(attendance.total.values.completed).toBeGreaterThanOrEqual(1);
  await expect(desk.getByTestId("attendance-total")).toContainText(`${said(attendance, attendance.total, "completed")} completed, `
    + `${said(attendance, attendance.total, "noShows")} no-shows`);
  expect((await downloaded(desk, desk.getByRole("button", { name: /^Download CSV of attendance/ }))).text)
    .toBe(await csvOf(deskApi, `/reports/attendance?from=${from}&to=${to}&groupBy=none`));
  // The API lists the front desk sessions, notes and authorizations only; so does the screen.
  const items = await deskApi.get(`/reports/leakage-items?from=${from}&to=${to}`);
  expect(items.rows.every((r: any) => ["NOTE_MISSING", "CLAIM_MISSING", "EXPIRING"].includes(r.group))).toBe(true);
  await expect(desk.getByTestId("leakage-item")).toHaveCount(items.rows.length);
  await expect(desk.getByTestId("leakage-item").filter({ hasText: "Denials not worked" })).toHaveCount(0);
  await expect(desk.getByTestId("leakage-item").filter({ hasText: "Authorizations ending with units unused" }).first()
    .getByRole("link", { name: "Open the authorization" })).toBeVisible();
  await axe(desk, "reports (front desk)");
  await fitsWidth(desk, "reports (front desk)");
  expect(forbidden).toEqual([]);

  const clinician = await context.newPage();
  clinician.on("response", (r) => { if (r.status() === 403) forbidden.push(r.url()); });
  await signInAs(clinician, p.id, "clinician", p.provider, "#/reports");
  expect(await screens(clinician)).toEqual(["My sessions", "The day", "Authorizations", "Reports"]);
  await expect(clinician.getByRole("heading", { name: "Leakage to work" })).toBeVisible();
  await expect(clinician.getByLabel("From", { exact: true })).toHaveCount(0); // leakage is as of today: no range to pick
  await expect(clinician.getByRole("heading", { name: "Attendance" })).toHaveCount(0);
  const mine = clinician.getByTestId("leakage-item").filter({ hasText: "Sessions without a signed note" });
  await expect(mine.getByRole("link", { name: "Write the note" })).toHaveAttribute("href", `#/notes/${p.unnoted}`);
  await expect(clinician.getByTestId("leakage-item").filter({ hasText: "Authorizations ending" })).toHaveCount(0);
  expect(forbidden).toEqual([]);
  await context.close();
});
