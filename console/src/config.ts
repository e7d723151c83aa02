// The console's runtime configuration, read from /config.json next to index.html: one build serves every deployment.
// The local cloud writes it; in AWS the deployment uploads it beside the build (see README, "The console in AWS").

/** Sign-in by the local cloud's development tokens (POST /_local/tokens): a demo practice and role. */
export interface LocalSignIn {
  kind: "local";
  tokenUrl: string;
  /** the practice offered first on the sign-in page */
  practiceId?: string;
}

/** Sign-in at the JWT issuer's hosted login: OpenID Connect authorization code flow with PKCE. */
export interface OidcSignIn {
  kind: "oidc";
  /** the issuer (the API's JwtIssuer), whose /.well-known/openid-configuration names the endpoints */
  authority: string;
  clientId: string;
  scope?: string;
  /** where the issuer sends the browser back; default: the console's own origin and path */
  redirectUri?: string;
  /** the token the API's authorizer checks: "access_token" (default) or "id_token" (Cognito carries custom claims there) */
  token?: "access_token" | "id_token";
  /** extra authorization-request parameters, e.g. {"audience": "therapy-ops-api"} for issuers that want one */
  extraQueryParams?: Record<string, string>;
}

export interface RuntimeConfig {
  /** the HTTP API's base URL; empty = the console's own origin */
  apiBaseUrl: string;
  signIn: LocalSignIn | OidcSignIn;
}

export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`config.json could not be read (${response.status}): the deployment must put it next to index.html`);
  }
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (!config.signIn || (config.signIn.kind !== "local" && config.signIn.kind !== "oidc")) {
    throw new Error('config.json must name signIn.kind: "local" or "oidc"');
  }
  if (config.signIn.kind === "oidc" && (!config.signIn.authority || !config.signIn.clientId)) {
    throw new Error("config.json: signIn.authority and signIn.clientId are required for OIDC sign-in");
  }
  return { apiBaseUrl: (config.apiBaseUrl ?? "").replace(/\/$/, ""), signIn: config.signIn };
}
