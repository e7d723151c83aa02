// Sign-in as in AWS, with the console's config.json naming an OIDC issuer: the authorization code flow with PKCE,
// in the browser, against a stand-in issuer served here (its hosted login is one button). The stand-in checks what a
// real issuer checks of the flow (the code once, the client, the redirect URI, the verifier against the S256
// challenge) and answers with a token of the local cloud, which the API's authorizer accepts. It shows the console's
// side of the flow; no real issuer (Cognito or another) is exercised here.
import { expect, test } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { API, axe, token } from "./support";

const b64url = (b: Buffer) => b.toString("base64url");
const jwt = (claims: Record<string, unknown>) => `${b64url(Buffer.from('{"alg":"none","typ":"JWT"}'))}.${b64url(Buffer.from(JSON.stringify(claims)))}.`;
const read = (req: IncomingMessage) => new Promise<string>((ok) => { let s = ""; req.on("data", (c) => (s += c)); req.on("end", () => ok(s)); });

interface Issued { challenge: string; method: string; clientId: string; redirectUri: string; nonce: string | null; used: boolean }

function standInIssuer(accessToken: () => Promise<string>) {
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: { params: URLSearchParams; answered: number }[] = [];
  const codes = new Map<string, Issued>();
  let issuer = "";
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "content-type, authorization" };
    const json = (status: number, body: unknown) => { res.writeHead(status, { ...cors, "Content-Type": "application/json" }); res.end(JSON.stringify(body)); };
    if (req.method === "OPTIONS") { res.writeHead(204, cors); res.end(); return; }
    if (url.pathname === "/.well-known/openid-configuration") {
      json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"], code_challenge_methods_supported: ["S256"], subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"] });
    } else if (url.pathname === "/authorize") {
      authorizeRequests.push(url.searchParams);
      const q = url.searchParams;
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><title>Stand-in hosted login</title><main><h1>Stand-in hosted login</h1>
        <form method="post" action="/login"><input type="hidden" name="q" value="${encodeURIComponent(q.toString())}">
        <button>Continue as the front desk</button></form></main></html>`);
    } else if (url.pathname === "/login" && req.method === "POST") {
      const q = new URLSearchParams(decodeURIComponent(new URLSearchParams(await read(req)).get("q") ?? ""));
      const code = b64url(randomBytes(16));
      codes.set(code, { challenge: q.get("code_challenge") ?? "", method: q.get("code_challenge_method") ?? "", clientId: q.get("client_id") ?? "",
        redirectUri: q.get("redirect_uri") ?? "", nonce: q.get("nonce"), used: false });
      const back = new URL(q.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      res.writeHead(302, { Location: back.toString() });
      res.end();
    } else if (url.pathname === "/token" && req.method === "POST") {
      const p = new URLSearchParams(await read(req));
      const issued = codes.get(p.get("code") ?? "");
      const verifier = p.get("code_verifier") ?? "";
      const ok = !!issued && !issued.used && p.get("grant_type") === "authorization_code" && issued.method === "S256"
        && p.get("client_id") === issued.clientId && p.get("redirect_uri") === issued.redirectUri
        && /^[A-Za-z0-9._~-]{43,128}$/.test(verifier) && b64url(createHash("sha256").update(verifier).digest()) === issued.challenge;
      tokenRequests.push({ params: p, answered: ok ? 200 : 400 });
      if (!ok) { json(400, { error: "invalid_grant" }); return; }
      issued!.used = true;
      const now = Math.floor(Date.now() / 1000);
      json(200, { token_type: "Bearer", expires_in: 3600, access_token: await accessToken(),
        id_token: jwt({ iss: issuer, aud: issued!.clientId, sub: "front-desk-user", iat: now, exp: now + 3600, ...(issued!.nonce ? { nonce: issued!.nonce } : {}) }) });
    } else {
      json(404, { error: "not_found" });
    }
  });
  return {
    authorizeRequests, tokenRequests, codes,
    start: () => new Promise<string>((ok) => server.listen(0, "127.0.0.1", () => { issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; ok(issuer); })),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

test("OIDC sign-in: authorization code with PKCE (S256) at the issuer's hosted login, back to the screen asked for, then the API with the token", async ({ page, baseURL }) => {
  const idp = standInIssuer(() => token("demo-practice", "front_desk"));
  const issuer = await idp.start();
  try {
    // config.json as a deployment writes it (README, "The console in AWS"); the build is the one the local cloud serves.
    await page.route("**/config.json", (route) => route.fulfill({ json: {
      apiBaseUrl: API, signIn: { kind: "oidc", authority: issuer, clientId: "therapy-ops-console", scope: "openid email" } } }));
    await page.goto("/#/authorizations");
    await expect(page.getByText("Sign in with your practice's account.")).toBeVisible();
    await expect(page.getByLabel("Practice id")).toHaveCount(0); // no demo roles outside the local cloud
    await axe(page, "sign-in (OIDC)");
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByRole("heading", { name: "Stand-in hosted login" })).toBeVisible();
    const asked = idp.authorizeRequests[0]!;
    expect(asked.get("response_type")).toBe("code");
    expect(asked.get("client_id")).toBe("therapy-ops-console");
    expect(asked.get("redirect_uri")).toBe(`${baseURL}/`);
    expect(asked.get("scope")).toBe("openid email");
    expect(asked.get("code_challenge_method")).toBe("S256");
    expect(asked.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get("state")).toMatch(/\S{16,}/);
    await page.getByRole("button", { name: "Continue as the front desk" }).click();

    // Back in the console, signed in, on the screen the sign-in started from, with no code left in the address.
    await expect(page.getByRole("heading", { name: "Authorizations" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Front desk");
    await expect(page.getByRole("banner")).toContainText("Practice demo-practice");
    await expect(page.getByTestId("authorization").first()).toBeVisible(); // the API answered the issuer's token
    expect(new URL(page.url()).search).toBe("");
    expect(new URL(page.url()).hash).toBe("#/authorizations");
    expect(idp.tokenRequests.map((r) => r.answered)).toEqual([200]); // the verifier matched the challenge
    expect(idp.tokenRequests[0]!.params.get("code_verifier")).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    // The tokens stay in this tab's sessionStorage; the PKCE state is gone once used.
    const stored = await page.evaluate(() => ({ local: Object.keys(localStorage).filter((k) => k.startsWith("oidc.")), session: Object.keys(sessionStorage) }));
    expect(stored.local).toEqual([]);
    expect(stored.session).toContain("therapyops.session");

    // A code is good once: replaying the callback does not sign in again (the state was used up as well).
    const replay = idp.tokenRequests.length;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("Sign in with your practice's account.")).toBeVisible();
    const code = [...idp.codes.keys()][0]!;
    await page.goto(`/?code=${code}&state=${asked.get("state")}`);
    await expect(page.getByRole("alert")).toContainText("The sign-in did not complete");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Screens" })).toHaveCount(0);
    expect(new URL(page.url()).search).toBe("");
    expect(idp.tokenRequests.slice(replay).every((r) => r.answered === 400)).toBe(true);
  } finally {
    await idp.stop();
  }
});
