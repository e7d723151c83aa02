// The API's codes in staff's words, each blocked booking with what would fix it.
import type { S } from "./api";

export const STATUS_LABEL: Record<S["AppointmentStatus"], string> = {
  REQUESTED: "Being checked",
  SCHEDULED: "Scheduled",
  NEEDS_AUTH: "Needs authorization",
  CHECKED_IN: "Checked in",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "No-show",
};

export const CLAIM_STATUS_LABEL: Record<S["ClaimStatus"], string> = {
  SCRUB_PENDING: "Being scrubbed",
  READY: "Ready to submit",
  NEEDS_REVIEW: "Needs review",
  SUBMITTED: "Submitted",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  PAID: "Paid",
  PARTIALLY_PAID: "Partially paid",
  DENIED: "Denied",
  REVERSED: "Reversed",
};

interface Explained {
  words: string;
  fix: string;
}

const FIXES: Record<string, { headline: string; fix: string }> = {
  NO_COVERAGE_ON_DATE: {
    headline: "No coverage on this date",
    fix: "Add or extend the patient's coverage to include the date, or book a date it covers.",
  },
  NO_AUTHORIZATION_FOR_CODE: {
    headline: "No authorization for this service",
    fix: "Ask the payer to authorize this code and record it, or book a code the authorization covers.",
  },
  DATE_OUTSIDE_WINDOW: {
    headline: "Outside the authorization's dates",
    fix: "Book within the authorized dates, or record the payer's extension of the authorization.",
  },
  INSUFFICIENT_UNITS: {
    headline: "Not enough units left",
    fix: "Shorten the session, or request more units from the payer and record them on the authorization.",
  },
};

/** A NEEDS_AUTH reason (or a WARN-policy warning): a headline, the API's sentence, and what would fix it. */
export function explainReason(reason: S["AppointmentView.ReasonView"]): Explained & { headline: string } {
  const known = FIXES[reason.code];
  return {
    headline: known?.headline ?? reason.code.replace(/_/g, " ").toLowerCase(),
    words: reason.message || known?.headline || reason.code,
    fix: known?.fix ?? "See the patient's coverage and authorizations.",
  };
}

export const ALERT_LABEL: Record<S["AlertType"], string> = {
  EXPIRING: "Expiring",
  LOW_REMAINING: "Low remaining",
  VISITS_LEFT: "Few visits left",
  EXHAUSTED: "Exhausted",
  OVER_SCHEDULED: "Over-scheduled",
  APPOINTMENT_BLOCKED: "Booking blocked",
  AUTHORIZATION_UPDATED: "Authorization updated",
  CLAIMS_NEED_REVIEW: "Claims need review",
  WEEKLY_REPORT: "Weekly report",
};

export const DENIAL_ACTIONS: { value: string; label: string }[] = [
  { value: "APPEALED", label: "Appealed to the payer" },
  { value: "WRITTEN_OFF", label: "Written off" },
  { value: "BILLED_TO_PATIENT", label: "Billed to the patient" },
  { value: "NO_ACTION_NEEDED", label: "No action needed" },
];

export const UNIT_LABEL: Record<S["UnitType"], string> = { VISITS: "visits", UNITS: "units", HOURS: "hours" };

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
export const usd = (n: number | null | undefined) => money.format(n ?? 0);

/** "2026-12-07T09:00[:00][offset]" → the practice-local date and time as written (the API's starts are practice-local). */
export function localParts(start: string): { date: string; time: string; hour: number } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(start);
  if (!m) return { date: start.slice(0, 10), time: start.slice(11, 16), hour: 0 };
  return { date: m[1]!, time: `${m[2]}:${m[3]}`, hour: Number(m[2]) };
}

export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number);
  const t = (h ?? 0) * 60 + (m ?? 0) + minutes;
  return `${String(Math.floor(t / 60) % 24).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

const longDate = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
export const formatDay = (iso: string) => longDate.format(new Date(iso + "T00:00:00Z"));
export const formatShortDay = (iso: string) => shortDate.format(new Date(iso.slice(0, 10) + "T00:00:00Z"));

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function shiftDay(iso: string, days: number): string {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const today = () => isoDay(new Date());
