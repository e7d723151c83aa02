// The shell: who is signed in, the role's screens, a hash router (no server routes needed beside the API's).
import { createContext } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import { all, call, createApi, type Api, type S } from "./api";
import type { RuntimeConfig } from "./config";
import { can, screensOf, type Abilities } from "./roles";
import type { Session } from "./session";
import { Loading, ProblemBanner } from "./ui";
import { DayScreen } from "./screens/day";
import { AppointmentScreen } from "./screens/appointment";
import { AuthorizationsScreen } from "./screens/authorizations";
import { SessionsScreen } from "./screens/sessions";
import { NoteScreen } from "./screens/note";
import { ClaimsScreen, ClaimScreen } from "./screens/claims";
import { DenialsScreen } from "./screens/denials";
import { BatchesScreen } from "./screens/batches";
import { RemittancesScreen } from "./screens/remittances";
import { ReportsScreen } from "./screens/reports";

export interface People {
  providers: S["ProviderView"][];
  patientName: (id: string) => string;
  providerName: (id: string) => string;
  patients: S["PatientView"][];
}

export interface Ctx {
  api: Api;
  session: Session;
  config: RuntimeConfig;
  settings: S["SettingsView"] | null;
  may: Abilities;
  people: People;
  go: (path: string) => void;
}

const AppContext = createContext<Ctx | null>(null);

export function useApp(): Ctx {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error("outside the app");
  return ctx;
}

export interface Route {
  path: string;
  parts: string[];
  query: URLSearchParams;
}

function parseHash(): Route {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [path, q] = raw.split("?");
  return { path: path || "/", parts: (path || "/").split("/").filter(Boolean), query: new URLSearchParams(q ?? "") };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

export function go(path: string): void {
  window.location.hash = path;
}

export const ROLE_LABEL: Record<string, string> = {
  admin: "Administrator",
  front_desk: "Front desk",
  clinician: "Clinician",
  biller: "Biller",
};

function personName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`;
}

export function App({ session, config, onSignOut }: { session: Session; config: RuntimeConfig; onSignOut: () => void }) {
  const api = useMemo(() => createApi(config.apiBaseUrl, session.token), [config, session]);
  const route = useRoute();
  const [base, setBase] = useState<{ settings: S["SettingsView"] | null; providers: S["ProviderView"][]; patients: S["PatientView"][] } | null>(null);
  const [baseError, setBaseError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      call(api.GET("/settings")).then((r) => r.data, () => null),
      all((cursor) => api.GET("/providers", { params: { query: { limit: 100, cursor } } })),
      all((cursor) => api.GET("/patients", { params: { query: { limit: 100, cursor } } }), 1000),
    ]).then(
      ([settings, providers, patients]) => setBase({ settings, providers, patients }),
      (e: Error) => setBaseError(e.message),
    );
  }, [api]);

  const screens = screensOf(session.role);
  const home = screens[0]!.path;
  useEffect(() => {
    if (route.path === "/" || route.path === "/signin") go(home);
  }, [route.path, home]);

  if (baseError) {
    return (
      <main id="main" class="center">
        <div class="banner error" role="alert">
          <strong>The practice's data could not be read.</strong> {baseError}
        </div>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </main>
    );
  }
  if (!base) return <main id="main" class="center"><Loading what="your practice" /></main>;

  const byId = new Map(base.patients.map((p) => [p.id, p]));
  const providersById = new Map(base.providers.map((p) => [p.id, p]));
  const people: People = {
    providers: base.providers,
    patients: base.patients,
    patientName: (id) => (byId.get(id) ? personName(byId.get(id)!) : `Patient ${id.slice(0, 8)}`),
    providerName: (id) => {
      const p = providersById.get(id);
      return p ? `${personName(p)}, ${p.credential || p.discipline}` : `Provider ${id.slice(0, 8)}`;
    },
  };
  const ctx: Ctx = {
    api,
    session,
    config,
    settings: base.settings,
    may: can(session.role, base.settings?.overrideRole ?? "admin"),
    people,
    go,
  };
  const current = "/" + (route.parts[0] ?? "");
  const who = session.role === "clinician" && providersById.get(session.subject) ? people.providerName(session.subject) : session.name;

  return (
    <AppContext.Provider value={ctx}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">T</span> Therapy Ops
        </div>
        <nav aria-label="Screens">
          <ul>
            {screens.map((s) => (
              <li key={s.path}>
                <a href={`#${s.path}`} aria-current={current === s.path ? "page" : undefined}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            <strong>{ROLE_LABEL[session.role]}</strong>
            {who && <> · {who}</>}
            <br />
            <small>Practice {session.practiceId}</small>
          </span>
          <button type="button" class="secondary small" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </AppContext.Provider>
  );
}

function Screen({ route }: { route: Route }) {
  const [first, second] = route.parts;
  switch (first) {
    case "day":
      return <DayScreen date={route.query.get("date")} />;
    case "appointments":
      return second ? <AppointmentScreen id={second} /> : <DayScreen date={null} />;
    case "authorizations":
      return <AuthorizationsScreen />;
    case "patients": // alert emails link to <AppBaseUrl>/patients/{patientId}/authorizations/{authorizationId}
      return <AuthorizationsScreen focus={route.parts[2] === "authorizations" ? route.parts[3] : undefined} />;
    case "sessions":
      return <SessionsScreen date={route.query.get("date")} />;
    case "notes":
      return second ? <NoteScreen appointmentId={second} /> : <SessionsScreen date={null} />;
    case "claims":
      return second ? <ClaimScreen id={second} /> : <ClaimsScreen status={route.query.get("status")} />;
    case "denials":
      return <DenialsScreen />;
    case "batches":
      return <BatchesScreen />;
    case "remittances":
      return <RemittancesScreen />;
    case "reports":
      return <ReportsScreen />;
    default:
      // "/" and "/signin" go to the role's first screen (above); anything else is no screen of the console.
      return !first || first === "signin" ? <Loading what="your screen" />
        : <ProblemBanner error={new Error(`No screen is at ${route.path}; pick one above.`)} />;
  }
}
