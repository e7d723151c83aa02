// Who is signed in: the bearer token and what its claims say (practice, role, subject). The API trusts only the token;
// the console reads the claims to show what the role may do.
import { UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { OidcSignIn, RuntimeConfig } from "./config";

export type Role = "admin" | "front_desk" | "clinician" | "biller";
export const ROLES: Role[] = ["front_desk", "clinician", "biller", "admin"];

export interface Session {
  token: string;
  practiceId: string;
  role: Role;
  subject: string;
  name?: string;
  /** epoch milliseconds */
  expiresAt: number;
}

const KEY = "therapyops.session";

/** The claims of a JWT, unverified (the API verifies; the console only displays). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split(".")[1] ?? "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

export function sessionOf(token: string): Session {
  const claims = claimsOf(token);
  const role = String(claims["role"] ?? claims["custom:role"] ?? "");
  const practiceId = String(claims["practice_id"] ?? claims["custom:practice_id"] ?? "");
  if (!ROLES.includes(role as Role) || !practiceId) {
    throw new Error("The token carries no practice_id and role the API knows; ask your administrator to add them.");
  }
  return {
    token,
    practiceId,
    role: role as Role,
    subject: String(claims["sub"] ?? ""),
    name: claims["name"] ? String(claims["name"]) : claims["email"] ? String(claims["email"]) : undefined,
    expiresAt: Number(claims["exp"] ?? 0) * 1000,
  };
}

export function storedSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try {
    const s = sessionOf(token);
    return s.expiresAt > Date.now() + 5_000 ? s : null;
  } catch {
    return null;
  }
}

export function keepSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Development sign-in: the local cloud issues a token for a practice, a role and (for a clinician) a provider id. */
export async function localSignIn(tokenUrl: string, practiceId: string, role: Role, subject?: string): Promise<Session> {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(subject ? { practiceId, role, subject } : { practiceId, role }),
  });
  if (!response.ok) throw new Error(`The local cloud refused the sign-in (${response.status}).`);
  const { token } = (await response.json()) as { token: string };
  const session = sessionOf(token);
  keepSession(session);
  return session;
}

let manager: UserManager | null = null;

/** oidc-client-ts does the authorization code flow with PKCE (S256), state and nonce; tokens stay in sessionStorage. */
export function oidcManager(config: OidcSignIn): UserManager {
  if (!manager) {
    const here = window.location.origin + window.location.pathname;
    manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: config.redirectUri ?? here,
      post_logout_redirect_uri: config.redirectUri ?? here,
      response_type: "code",
      scope: config.scope ?? "openid",
      extraQueryParams: config.extraQueryParams,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
    });
  }
  return manager;
}

/** Finishes a sign-in the issuer redirected back (?code=&state=), or returns the session already held. */
export async function resumeSession(config: RuntimeConfig): Promise<Session | null> {
  if (config.signIn.kind === "local") return storedSession();
  const oidc = config.signIn;
  const um = oidcManager(oidc);
  const params = new URLSearchParams(window.location.search);
  if (params.has("code") || params.has("error")) {
    let user;
    try {
      user = await um.signinRedirectCallback();
    } catch (e) {
      // A refused or stale answer (used code, unknown state, error=access_denied): clean the address, sign in again.
      window.history.replaceState(null, "", window.location.pathname);
      throw new Error(`The sign-in did not complete (${(e as Error).message}). Sign in again.`);
    }
    // Drop ?code=&state= from the address; go back to the screen the sign-in started from (kept in the state).
    const back = typeof user.state === "string" && user.state.startsWith("#") ? user.state : window.location.hash;
    window.history.replaceState(null, "", window.location.pathname + back);
    const token = oidc.token === "id_token" ? user.id_token : user.access_token;
    if (!token) throw new Error("The issuer returned no token.");
    const session = sessionOf(token);
    keepSession(session);
    return session;
  }
  return storedSession();
}

export async function oidcSignIn(config: OidcSignIn): Promise<void> {
  await oidcManager(config).signinRedirect({ state: window.location.hash });
}

export async function signOut(config: RuntimeConfig): Promise<void> {
  forgetSession();
  if (config.signIn.kind === "oidc") {
    const um = oidcManager(config.signIn);
    await um.removeUser();
  }
}
