// Sign-in: locally, pick a demo practice and role (the local cloud issues the token); in AWS, the issuer's hosted
// login (OIDC authorization code + PKCE).
import { useEffect, useState } from "preact/hooks";
import type { RuntimeConfig } from "../config";
import { localSignIn, oidcSignIn, ROLES, type Role, type Session } from "../session";
import { ROLE_LABEL } from "../app";
import { Field } from "../ui";

const SEES: Record<Role, string> = {
  front_desk: "the day by provider and hour, booking, check-in, authorizations and alerts",
  clinician: "your sessions, notes to draft and sign, and what they billed",
  biller: "claims to review and correct, denials, 837P batches, remittances and reports",
  admin: "everything but writing notes and correcting claims; overrides blocked bookings",
};

export function SignIn({ config, ended, failed, onSignedIn }: {
  config: RuntimeConfig; ended: boolean; failed?: string | null; onSignedIn: (s: Session) => void;
}) {
  const [practiceId, setPracticeId] = useState(config.signIn.kind === "local" ? config.signIn.practiceId ?? "demo-practice" : "");
  const [role, setRole] = useState<Role>("front_desk");
  const [providers, setProviders] = useState<{ id: string; name: string }[] | null>(null);
  const [subject, setSubject] = useState("");
  const [error, setError] = useState<string | null>(failed ?? null);
  const local = config.signIn.kind === "local" ? config.signIn : null;

  // A clinician signs in as one of the practice's providers (the token's subject), so their own sessions show.
  useEffect(() => {
    if (!local || role !== "clinician" || !practiceId) return;
    let live = true;
    setProviders(null);
    (async () => {
      const lookup = await localSignIn(local.tokenUrl, practiceId, "front_desk");
      const r = await fetch(`${config.apiBaseUrl || window.location.origin}/providers?limit=100`, { headers: { Authorization: `Bearer ${lookup.token}` } });
      sessionStorage.clear();
      const page = (await r.json()) as { items: { id: string; firstName: string; lastName: string; discipline: string }[] };
      if (!live) return;
      const list = page.items.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}, ${p.discipline}` }));
      setProviders(list);
      setSubject(list[0]?.id ?? "");
    })().catch(() => live && setProviders([]));
    return () => { live = false; };
  }, [local, role, practiceId]);

  return (
    <main id="main" class="signin">
      <div class="card signin-card">
        <h1><span class="logo" aria-hidden="true">T</span> Therapy Ops</h1>
        {ended && <div class="banner warn" role="alert">Your session ended; sign in again.</div>}
        {error && <div class="banner error" role="alert">{error}</div>}
        {local ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              onSignedIn(await localSignIn(local.tokenUrl, practiceId.trim(), role, role === "clinician" && subject ? subject : undefined));
            } catch (x) {
              setError((x as Error).message);
            }
          }}>
            <p>Local cloud: pick a practice and a role; the local cloud issues a development token.</p>
            <Field label="Practice id" hint="the demo practice is demo-practice">
              {(p) => <input {...p} value={practiceId} onInput={(e) => setPracticeId(e.currentTarget.value)} required autoComplete="off" />}
            </Field>
            <fieldset class="roles">
              <legend>Role</legend>
              {ROLES.map((r) => (
                <label key={r} class="role-choice">
                  <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
                  <span><strong>{ROLE_LABEL[r]}</strong><small>{SEES[r]}</small></span>
                </label>
              ))}
            </fieldset>
            {role === "clinician" && (
              <Field label="Sign in as provider" hint={providers?.length === 0 ? "This practice has no providers yet." : undefined}>
                {(p) => (
                  <select {...p} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} disabled={!providers}>
                    {!providers && <option>Loading providers…</option>}
                    {providers?.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                  </select>
                )}
              </Field>
            )}
            <button type="submit" class="primary block">Sign in</button>
          </form>
        ) : (
          <>
            <p>Sign in with your practice's account. Your role and practice come from it.</p>
            <button type="button" class="primary block" onClick={() => config.signIn.kind === "oidc" && oidcSignIn(config.signIn).catch((e: Error) => setError(e.message))}>
              Sign in
            </button>
          </>
        )}
      </div>
    </main>
  );
}
