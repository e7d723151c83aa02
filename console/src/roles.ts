// What each role may do, as docs/api.md's tables say: the console shows only the actions the caller may take.
// The API enforces them (403 forbidden); this only spares staff buttons that would be refused.
import type { Role } from "./session";

const is = (role: Role, ...roles: Role[]) => roles.includes(role);

export function can(role: Role, overrideRole = "admin") {
  return {
    book: is(role, "admin", "front_desk", "clinician"),
    reschedule: is(role, "admin", "front_desk", "clinician"),
    checkIn: is(role, "admin", "front_desk"),
    noShow: is(role, "admin", "front_desk"),
    complete: is(role, "admin", "front_desk", "clinician"),
    cancel: is(role, "admin", "front_desk", "clinician"),
    override: role === overrideRole,
    acknowledgeAlerts: is(role, "admin", "front_desk", "biller"),
    writeNotes: is(role, "clinician"),
    readNotes: is(role, "clinician", "admin", "biller"),
    readClaims: is(role, "admin", "biller"),
    correctClaims: is(role, "biller"),
    workDenials: is(role, "biller"),
    batches: is(role, "admin", "biller"),
    remittances: is(role, "admin", "biller"),
    editAuthorizations: is(role, "admin", "front_desk", "biller"),
    // GET /reports/<name> (docs/reports.md): the revenue-cycle reports for admins and billers, attendance also for the
    // front desk, leakage for everyone (the API lists the front desk and clinicians only the kinds about their work).
    revenueReports: is(role, "admin", "biller"),
    attendanceReport: is(role, "admin", "biller", "front_desk"),
    leakageReport: is(role, "admin", "biller", "front_desk", "clinician"),
  };
}

export type Abilities = ReturnType<typeof can>;

export interface Screen {
  path: string;
  label: string;
}

/** The screens of a role, in the order its staff work. */
export function screensOf(role: Role): Screen[] {
  const day = { path: "/day", label: "The day" };
  const auths = { path: "/authorizations", label: "Authorizations" };
  const sessions = { path: "/sessions", label: "My sessions" };
  const claims = { path: "/claims", label: "Claims" };
  const denials = { path: "/denials", label: "Denials" };
  const batches = { path: "/batches", label: "Batches" };
  const remits = { path: "/remittances", label: "Remittances" };
  const reports = { path: "/reports", label: "Reports" };
  switch (role) {
    case "front_desk":
      return [day, auths, reports];
    case "clinician":
      return [sessions, day, auths, reports];
    case "biller":
      return [claims, denials, batches, remits, auths, reports];
    case "admin":
      return [day, auths, claims, denials, batches, remits, reports];
  }
}
