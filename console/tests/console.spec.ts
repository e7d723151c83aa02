// The console in a real browser against the local cloud: each staff workflow, role by role, with axe checks and a
// screenshot of each main screen (docs/console/).
import { expect, test } from "@playwright/test";
import { addPatient, API, axe, book, Client, day, fitsWidth, practice, screens, shot, signInAs, TABLET, token } from "./support";


test("sign-in picks a demo role and the demo day loads, by provider and hour, with the blocked booking's reason", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Therapy Ops" })).toBeVisible();
  await axe(page, "sign-in");
  await shot(page, "sign-in");
  await page.getByLabel("Practice id").fill("demo-practice");
  await page.getByRole("radio", { name: /Front desk/ }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: "The day" })).toHaveAttribute("aria-current", "page");
  await page.goto("/#/day?date=2026-11-30");
  await expect(page.getByRole("heading", { name: "Monday, November 30, 2026" })).toBeVisible();
  const alex = page.getByTestId("appointment").filter({ hasText: "Alex Demo" });
  await expect(alex).toContainText("09:00–09:45");
  await expect(alex).toContainText("Scheduled");
  await expect(page.getByRole("columnheader", { name: /Jordan Rivera/ })).toBeVisible();
  await page.goto("/#/day?date=2026-12-02");
  const blocked = page.getByRole("region", { name: /Needs authorization/ }).or(page.locator(".card.attention"));
  await expect(blocked).toContainText("No authorization for this service");
  await expect(blocked).toContainText("97110"); // the commercial profile requires authorization for it; Blake's covers 97530/97535
  await expect(blocked).toContainText("Fix:");
  await expect(page.getByTestId("appointment").filter({ hasText: "Blake Example" })).toContainText("Needs authorization");
  await axe(page, "day");
  await shot(page, "front-desk-day");
  await fitsWidth(page, "day");
  await page.setViewportSize(TABLET);
  await expect(page.getByRole("button", { name: "Book a session" })).toBeVisible();
  await expect(page.getByTestId("appointment").filter({ hasText: "Blake Example" })).toBeVisible();
  await fitsWidth(page, "day (tablet)");
  await axe(page, "day (tablet)");
  await shot(page, "front-desk-day-tablet");
});

test("a booking over the authorization shows NEEDS_AUTH with its reason; the series preview names the first session over it", async ({ page }) => {
  const p = await practice({ units: 4 });
  const alex = p.patients[0]!;
  await signInAs(page, p.id, "front_desk", undefined, `#/day?date=${day(7)}`);
  await page.getByRole("button", { name: "Book a session" }).click();
  const dialog = page.getByRole("dialog", { name: "Book a session" });
  await dialog.getByLabel("Patient").selectOption(alex.id);
  await dialog.getByLabel("Provider").selectOption(p.provider);
  await dialog.getByLabel("Service code").fill("97110");
  await dialog.getByLabel("Date").fill(day(7));
  await dialog.getByLabel("Start time").fill("10:00");
  await dialog.getByLabel("Minutes").fill("45");
  await dialog.getByLabel("Repeat").selectOption("WEEKLY");
  await dialog.getByLabel("Sessions").fill("3");
  await dialog.getByRole("button", { name: "Preview the series" }).click();
  const preview = dialog.getByTestId("series-preview");
  await expect(preview).toContainText("1 of 3 sessions within the authorization");
  await expect(preview.locator("tr.first-over")).toContainText("First over the authorization");
  await axe(page, "booking dialog");
  await shot(page, "book-series-preview");

  // 90 minutes need 6 units; 4 are authorized.
  await dialog.getByLabel("Repeat").selectOption("NONE");
  await dialog.getByLabel("Minutes").fill("90");
  await dialog.getByRole("button", { name: "Book", exact: true }).click();
  const verdict = page.getByRole("dialog", { name: "Booked" }).getByTestId("verdict");
  await expect(verdict).toContainText("Needs authorization");
  await expect(verdict).toContainText("Not enough units left");
  await expect(verdict).toContainText("4 units left; the session needs 6");
  await expect(verdict).toContainText("What would fix it");
  await page.getByRole("link", { name: "Open the appointment" }).click();
  await expect(page.getByRole("heading", { name: /Alex Demo · 97110/ })).toBeVisible();
  // The front desk may not override; the practice's override role (admin) may.
  await expect(page.getByRole("button", { name: "Override…" })).toHaveCount(0);
  await expect(page.getByText(/Only the practice's override role/)).toBeVisible();
  await axe(page, "appointment");
  await shot(page, "appointment-needs-auth");

  const url = page.url();
  const admin = await page.context().newPage();
  await signInAs(admin, p.id, "admin", undefined, url.slice(url.indexOf("#")));
  await admin.getByRole("button", { name: "Override…" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Override" }).click();
  // 422: the reason is required; the API's words show at the field and are its accessible description.
  const reason = admin.getByLabel("Reason (required)");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/\S/);
  const said = await admin.getByRole("dialog").locator(".field-error").innerText();
  await expect(reason).toHaveAccessibleDescription(said);
  await admin.getByLabel("Reason (required)").fill("Payer confirmed by phone; authorization number follows");
  await admin.getByRole("dialog").getByRole("button", { name: "Override" }).click();
  await expect(admin.locator(".page-head")).toContainText("Scheduled");
  await admin.close();
});

test("a 412 is shown: the appointment changed elsewhere is reloaded with the other change", async ({ page }) => {
  const p = await practice();
  const a = await book(p, p.patients[0]!.id, `${day(1)}T11:00`);
  expect(a.status).toBe("SCHEDULED");
  await signInAs(page, p.id, "front_desk", undefined, `#/appointments/${a.id}`);
  await expect(page.locator(".page-head")).toContainText("Scheduled");
  await p.admin.post(`/appointments/${a.id}/check-in`, {}); // someone else, meanwhile
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByRole("alert")).toContainText("Someone else changed this record");
  await expect(page.locator(".page-head")).toContainText("Checked in");
  await shot(page, "precondition-failed");
});

test("a clinician signs a note and the claim appears for the biller; a correction after a finding turns it READY", async ({ page, browser }) => {
  // Medicare: NCCI edits are errors (a commercial profile takes them as warnings).
  const p = await practice({ memberId: "1EG4TE5MK73", payer: { payerType: "MEDICARE", authorizationRequired: "LISTED", authorizationCodes: ["97110"] } });
  const alex = p.patients[0]!;
  const a = await book(p, alex.id, `${day(0)}T09:00`);
  expect(a.status).toBe("SCHEDULED");
  await signInAs(page, p.id, "clinician", p.provider, `#/sessions`);
  const session = page.getByTestId("session").filter({ hasText: "Alex Demo" });
  await expect(session).toContainText("09:00–09:45");
  await axe(page, "sessions");
  await shot(page, "clinician-sessions");
  await session.getByRole("link", { name: "Write the note" }).click();
  await page.getByLabel("Diagnosis 1").fill("Z99.999"); // not a code: the API's 422 shows at the field
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert")).toContainText("The note was not saved: check the fields marked below.");
  const dx = page.getByLabel("Diagnosis 1");
  await expect(dx).toHaveAttribute("aria-invalid", "true");
  await expect(dx).toHaveAccessibleDescription(/^is not a code of ICD-10-CM/); // the API's words, at the field
  await expect(page.locator(".field.invalid").filter({ has: dx })).toContainText("is not a code of ICD-10-CM");
  await page.getByLabel("Diagnosis 1").fill("M54.50");
  await page.getByLabel("Line 1 code").fill("97161");
  await page.getByLabel("Line 1 minutes").fill("45");
  await page.getByRole("button", { name: "Add a line" }).click();
  await page.getByLabel("Line 2 code").fill("97140");
  await page.getByLabel("Line 2 minutes").fill("15");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  await page.getByRole("button", { name: "Sign the note" }).click();
  const billed = page.getByTestId("billed");
  await expect(billed).toContainText("Charged", { timeout: 60_000 });
  await expect(billed).toContainText("-C01");
  await expect(page.getByRole("status").filter({ hasText: "Signed." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign the note" })).toHaveCount(0); // signed is immutable
  await expect(page.getByLabel("Diagnosis 1")).toBeDisabled();
  await axe(page, "note");
  await billed.scrollIntoViewIfNeeded();
  await shot(page, "clinician-note-signed");
  await page.setViewportSize(TABLET);
  await fitsWidth(page, "note (tablet)");
  await axe(page, "note (tablet)");
  const claimId = (await billed.textContent())!.match(/[0-9a-f-]{36}-C01/)![0];

  const billerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const biller = await billerContext.newPage();
  await signInAs(biller, p.id, "biller", undefined, "#/claims?status=ALL");
  await expect(biller.getByTestId("claim-row").filter({ hasText: claimId })).toBeVisible();
  await biller.goto(`/#/claims/${claimId}`);
  const findings = biller.getByTestId("findings");
  await expect(findings).toContainText("NCCI_PTP", { timeout: 60_000 });
  await expect(findings).toContainText("How to fix");
  await expect(biller.locator(".page-head")).toContainText("Needs review");
  // What the note billed, line by line: untimed 97161 is one unit, 15 minutes of 97140 one unit by the 8-minute
  // rule, both with PT's GP, priced from the fee schedule.
  await expect(biller.getByLabel("Line 1 code")).toHaveValue("97161");
  await expect(biller.getByLabel("Line 1 modifiers")).toHaveValue("GP");
  await expect(biller.getByLabel("Line 1 units")).toHaveValue("1");
  await expect(biller.getByLabel("Line 2 code")).toHaveValue("97140");
  await expect(biller.getByLabel("Line 2 units")).toHaveValue("1");
  const lines = biller.getByRole("table", { name: "Lines" });
  await expect(lines.getByRole("row").nth(1)).toContainText(/45 min.*\$150\.00/s);
  await expect(lines.getByRole("row").nth(2)).toContainText(/15 min.*\$44\.00/s);
  await expect(biller.getByLabel("Line 2 modifiers")).toHaveAccessibleDescription(/^NCCI_PTP: 97140 billed with 97161 needs 59/);
  await axe(biller, "claim");
  await fitsWidth(biller, "claim");
  await shot(biller, "biller-claim-findings");

  // Roles: the admin reads the claim and its findings but does not correct it (billers do).
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await adminContext.newPage();
  await signInAs(admin, p.id, "admin", undefined, `#/claims/${claimId}`);
  await expect(admin.getByTestId("findings")).toContainText("NCCI_PTP");
  await expect(admin.getByRole("heading", { name: "The claim" })).toBeVisible();
  await expect(admin.getByText("Billers correct claims.")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Save and scrub again" })).toHaveCount(0);
  await expect(admin.getByLabel("Line 2 modifiers")).toBeDisabled();
  await adminContext.close();

  await biller.setViewportSize(TABLET);
  await fitsWidth(biller, "claim (tablet)");
  await axe(biller, "claim (tablet)");
  await shot(biller, "biller-claim-tablet");
  await biller.setViewportSize({ width: 1280, height: 800 });
  await biller.getByLabel("Line 2 modifiers").fill(((await biller.getByLabel("Line 2 modifiers").inputValue()) + " 59").trim());
  await biller.getByRole("button", { name: "Save and scrub again" }).click();
  await expect(biller.locator(".page-head")).toContainText("Ready to submit", { timeout: 60_000 });
  await biller.goto("/#/claims?status=NEEDS_REVIEW");
  await expect(biller.getByText("No claims need review")).toBeVisible();
  await axe(biller, "claims");
  await shot(biller, "biller-claims");
  await billerContext.close();
});

test("a denial is worked: batch, 837P download, the clearinghouse's denial grouped by reason, closed with an action", async ({ page }) => {
  const p = await practice({ memberId: "DENIED-ACM1" });
  const integration = await p.admin.post("/integrations", { name: "Simulated clearinghouse", kind: "clearinghouse" });
  await fetch(`${API}/_local/clearinghouse/integrations`, { method: "POST",
    body: JSON.stringify({ practiceId: p.id, integrationId: integration.id, secret: integration.secret }) });
  const paid = await addPatient(p, "Casey", "Paid", "ACM777");
  const clinician = new Client(await token(p.id, "clinician", p.provider));
  const biller = new Client(await token(p.id, "biller"));
  for (const [patient, hour] of [[p.patients[0]!.id, "09:00"], [paid.id, "10:00"]] as const) {
    const a = await book(p, patient, `${day(-1)}T${hour}`);
    const note = await clinician.post("/notes", { appointmentId: a.id, diagnoses: ["M54.50"], lines: [{ code: "97110", minutes: 45 }] });
    await clinician.post(`/notes/${note.id}/sign`, {});
    const capture = await clinician.until(`/notes/${note.id}/capture`, (c) => c.status !== "PENDING");
    await biller.until(`/claims/${capture.claimIds[0]}`, (c) => c.status === "READY");
  }
  await signInAs(page, p.id, "biller", undefined, "#/batches");
  await expect(page.getByRole("button", { name: "Create a batch of 2 claims" })).toBeVisible();
  await axe(page, "batches");
  await page.getByRole("button", { name: "Create a batch of 2 claims" }).click();
  await expect(page.getByRole("status").filter({ hasText: "made with 2 claims" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("status").getByRole("button", { name: "Download its 837P" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.837\.x12$/);
  const x12 = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(x12).toString()).toMatch(/^ISA\*.*ST\*837\*/s);
  await shot(page, "biller-batches");

  await biller.until("/denials", (d) => d.groups.length > 0, 90);
  await page.goto("/#/denials");
  const group = page.getByTestId("denial-group").first();
  await expect(group).toContainText("Next action");
  await axe(page, "denials");
  await shot(page, "biller-denials");
  await group.getByRole("button", { name: "Work it…" }).first().click();
  await page.getByLabel("What was done").selectOption("APPEALED");
  await page.getByLabel("Note").fill("Appeal sent with the plan of care");
  await page.getByRole("button", { name: "Close the denials" }).click();
  await expect(page.getByRole("status").filter({ hasText: "denials closed (appealed to the payer)" })).toBeVisible();
  await expect(page.getByText("No denials to work")).toBeVisible();

  await page.goto("/#/remittances");
  await expect(page.getByTestId("remittance").first()).toContainText("claim payments posted");
  await axe(page, "remittances");
  await shot(page, "biller-remittances");
  // The claims as they stand (the reports API's figures are tested in reports.spec.ts).
  await page.goto("/#/reports");
  await expect(page.getByRole("heading", { name: "Claims by status" })).toBeVisible();
  const csv = page.waitForEvent("download");
  await page.getByRole("button", { name: /Download CSV of claims-by-status/ }).click();
  expect((await csv).suggestedFilename()).toBe("claims-by-status.csv");
});

test("authorizations: bars, forecast exhaustion, the low and expiring first; alerts acknowledged; an alert email's link opens its authorization", async ({ page }) => {
  const p = await practice({ units: 6 });
  const desk = `desk-${p.id}@console.example`;
  const settings = await p.admin.get("/settings");
  await p.admin.put("/settings", { schedulingPolicy: settings.schedulingPolicy, overrideRole: settings.overrideRole, timeZone: settings.timeZone,
    alerts: settings.alerts, recipientsByRole: { front_desk: [desk] } }, `"${settings.version}"`);
  const big = await addPatient(p, "Robin", "Roomy", "ACM900", 40);
  await book(p, p.patients[0]!.id, `${day(3)}T09:00`); // 3 of 6 units
  await book(p, p.patients[0]!.id, `${day(10)}T09:00`); // 6 of 6: exhausted on that day
  await book(p, big.id, `${day(3)}T10:00`);
  await book(p, p.patients[0]!.id, `${day(12)}T09:00`); // blocked: an alert
  await signInAs(page, p.id, "front_desk", undefined, "#/authorizations");
  const first = page.getByTestId("authorization").first();
  await expect(first).toContainText("Alex Demo");
  await expect(first).toContainText("0% left");
  await expect(first).toContainText(/exhausts it on/);
  await expect(first.getByRole("img")).toHaveAccessibleName("6 units authorized: 0 rendered, 6 scheduled, 0 remaining");
  await expect(page.getByTestId("authorization").nth(1)).toContainText("Robin Roomy");
  await expect(page.getByTestId("alert").first()).toBeVisible({ timeout: 30_000 });
  await axe(page, "authorizations");
  await fitsWidth(page, "authorizations");
  await shot(page, "authorizations");
  const before = await page.getByTestId("alert").count();
  await page.getByTestId("alert").first().getByRole("button", { name: /Acknowledge/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Alert acknowledged" })).toBeVisible();
  await expect(page.getByTestId("alert")).toHaveCount(before - 1);
  await page.setViewportSize(TABLET);
  await expect(first).toContainText("0% left");
  await fitsWidth(page, "authorizations (tablet)");
  await axe(page, "authorizations (tablet)");

  // The front desk's email (AppBaseUrl is this console, as in AWS) links into the console, at that authorization.
  let link: string | undefined;
  for (let i = 0; i < 100 && !link; i++) {
    const emails = (await (await fetch(`${API}/_local/emails`)).json()) as { destinations: string[]; body: string }[];
    link = emails.filter((e) => e.destinations.includes(desk)).map((e) => e.body.match(/href="([^"]*\/authorizations\/[^"]*)"/)?.[1])
      .find((l) => l?.includes(p.patients[0]!.authorization));
    if (!link) await page.waitForTimeout(300);
  }
  expect(link, "an alert email with a link to the authorization").toBeTruthy();
  await page.goto(link!);
  const linked = page.getByTestId("authorization").first();
  await expect(linked).toHaveAttribute("aria-current", "true");
  await expect(linked).toContainText("The authorization the link names");
  await expect(linked).toContainText(`Alex Demo · ACME-6-Demo`);
});

test("roles: each role sees its screens and only the actions it may take", async ({ context }) => {
  const as = async (role: string, hash: string, subject?: string) => {
    const page = await context.newPage(); // a tab of its own: its own sessionStorage, so its own sign-in
    await signInAs(page, "demo-practice", role, subject, hash);
    return page;
  };
  const desk = await as("front_desk", "#/day?date=2026-12-02");
  expect(await screens(desk)).toEqual(["The day", "Authorizations", "Reports"]);
  await expect(desk.getByRole("button", { name: "Book a session" })).toBeVisible();
  await desk.getByRole("link", { name: /Blake Example/ }).first().click();
  await expect(desk.getByRole("button", { name: "Reschedule" })).toBeVisible();
  await expect(desk.getByRole("button", { name: "Override…" })).toHaveCount(0);
  await desk.goto("/#/claims");
  await expect(desk.getByRole("alert")).toContainText("Claims are read by billers and administrators.");
  await expect(desk.getByRole("table")).toHaveCount(0);
  await desk.goto("/#/reports");
  await expect(desk.getByRole("heading", { name: "Reports" }).first()).toBeVisible();
  await expect(desk.getByRole("heading", { name: "Leakage", exact: true })).toBeVisible();
  await expect(desk.getByRole("heading", { name: "Claims by status" })).toHaveCount(0);
  await expect(desk.getByRole("heading", { name: "Denials by reason" })).toHaveCount(0);

  const biller = await as("biller", "#/day?date=2026-12-02");
  expect(await screens(biller)).toEqual(["Claims", "Denials", "Batches", "Remittances", "Authorizations", "Reports"]);
  await expect(biller.getByRole("heading", { name: "Wednesday, December 2, 2026" })).toBeVisible();
  await expect(biller.getByRole("button", { name: "Book a session" })).toHaveCount(0); // billers do not book
  await biller.getByRole("link", { name: /Blake Example/ }).first().click();
  await expect(biller.getByRole("heading", { name: /Blake Example/ })).toBeVisible();
  for (const action of ["Check in", "Reschedule", "Cancel…", "Override…"]) {
    await expect(biller.getByRole("button", { name: action })).toHaveCount(0);
  }

  const demo = new Client(await token("demo-practice", "front_desk"));
  const rivera = (await demo.get("/providers?limit=100")).items.find((x: { lastName: string }) => x.lastName === "Rivera").id;
  const clinician = await as("clinician", "#/sessions?date=2026-11-30", rivera);
  expect(await screens(clinician)).toEqual(["My sessions", "The day", "Authorizations", "Reports"]);
  await expect(clinician.getByRole("banner")).toContainText("Jordan Rivera");
  await expect(clinician.getByTestId("session").filter({ hasText: "Alex Demo" })).toBeVisible();
  await clinician.goto("/#/day?date=2026-12-01"); // Sam Okafor's session: not this clinician's note to write
  await clinician.getByRole("link", { name: /Blake Example/ }).first().click();
  await expect(clinician.getByRole("button", { name: "Complete" })).toBeVisible();
  await expect(clinician.getByRole("link", { name: /Write the note/ })).toHaveCount(0);
  await expect(clinician.getByRole("button", { name: "Check in" })).toHaveCount(0);
});

test("another practice's ids show nothing", async ({ page }) => {
  const a = await practice();
  const appt = await book(a, a.patients[0]!.id, `${day(2)}T09:00`);
  const b = await practice();
  await signInAs(page, b.id, "admin", undefined, `#/appointments/${appt.id}`);
  await expect(page.getByRole("alert")).toContainText("Not found");
  await expect(page.getByText("Alex Demo · 97110")).toHaveCount(0);
  await page.goto(`/#/claims/${appt.id}-C01`);
  await expect(page.getByRole("alert")).toContainText("Not found");
  await page.goto(`/#/day?date=${day(2)}`);
  await expect(page.getByText("No appointments on this day.")).toBeVisible();
});

test("cross-origin: the console on another origin calls the API under its CORS configuration (ETag exposed, If-Match allowed)", async ({ page }) => {
  const other = new URL(process.env.CONSOLE_URL ?? "http://127.0.0.1:3000");
  other.hostname = "localhost"; // the same server under another origin; config.json names the API at 127.0.0.1
  const p = await practice();
  const a = await book(p, p.patients[0]!.id, `${day(1)}T13:00`);
  await page.goto(other.toString());
  await page.getByLabel("Practice id").fill(p.id);
  await page.getByRole("radio", { name: /Front desk/ }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".page-head")).toContainText("Book a session"); // signed in: the day is shown first
  await page.goto(`${other.origin}/#/appointments/${a.id}`);
  await expect(page.locator(".page-head")).toContainText("Scheduled");
  await page.getByRole("button", { name: "Check in" }).click(); // a preflighted POST with If-Match
  await expect(page.locator(".page-head")).toContainText("Checked in");
  const etag = await page.evaluate(async ([api, id]) => {
    const t = sessionStorage.getItem("therapyops.session");
    const r = await fetch(`${api}/appointments/${id}`, { headers: { Authorization: `Bearer ${t}` } });
    return r.headers.get("etag");
  }, [API, a.id]);
  expect(etag).toMatch(/^"\d+"$/);
});
