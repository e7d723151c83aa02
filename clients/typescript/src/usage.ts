// What an SPA does with the API, written against the generated types: compiled (not run) by `npm run check` in CI, so
// an API change that breaks these calls fails the build. Keep it to calls a console makes.
import { createTherapyOpsClient, etagOf, type Schemas } from "./index";

export async function morning(baseUrl: string, token: string): Promise<void> {
  const api = createTherapyOpsClient(baseUrl, token);

  const day = await api.GET("/appointments", { params: { query: { from: "2026-12-07", to: "2026-12-08" } } });
  for (const appointment of day.data?.items ?? []) {
    const status: Schemas["AppointmentView"]["status"] = appointment.status;
    console.log(appointment.id, status);
  }

  const claims = await api.GET("/claims", { params: { query: { status: "DENIED", limit: 25 } } });
  const first = claims.data?.items[0];
  if (first) {
    const claim = await api.GET("/claims/{claimId}", { params: { path: { claimId: first.id } } });
    const ledger = await api.GET("/claims/{claimId}/ledger", { params: { path: { claimId: first.id } } });
    console.log(claim.data?.remittance?.paid, ledger.data?.insuranceBalance, etagOf(claim.response));
    await api.POST("/claims/{claimId}/replacement", {
      params: { path: { claimId: first.id }, header: { "If-Match": etagOf(claim.response) ?? "\"0\"" } },
      body: { refreshFromPracticeData: true },
    });
  }

  const denials = await api.GET("/denials", {});
  for (const group of denials.data?.groups ?? []) {
    console.log(group.reason, group.action, group.count, group.amount);
  }

  const integration = await api.POST("/integrations", { body: { name: "Clearinghouse", kind: "clearinghouse" } });
  console.log(integration.data?.webhookPath, integration.data?.secret);
  const deliveries = await api.GET("/inbound-deliveries", { params: { query: { status: "NEEDS_ATTENTION" } } });
  console.log(deliveries.data?.items.map((d) => d.changes.join("; ")));

  // A report answers JSON (a ReportView) or, asked with Accept: text/csv, the same table as CSV text.
  const summary = await api.GET("/reports/{name}", { params: { path: { name: "summary" } } });
  const dashboard: Schemas["ReportView"] | string | undefined = summary.data;
  if (dashboard && typeof dashboard !== "string") {
    console.log(dashboard.asOf, dashboard.total?.values?.["cleanClaimRate"]);
  }
  const denialsByCarc = await api.GET("/reports/{name}", {
    params: { path: { name: "denials" }, query: { from: "2026-11-01", to: "2026-11-30", groupBy: "carc" } },
  });
  const table = denialsByCarc.data;
  for (const row of table && typeof table !== "string" ? table.rows : []) {
    console.log(row.group, row.values?.["deniedAmount"]);
  }
}
