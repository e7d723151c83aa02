import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import "./styles.css";
import { App } from "./app";
import { whenUnauthorized } from "./api";
import { loadConfig, type RuntimeConfig } from "./config";
import { forgetSession, resumeSession, signOut, type Session } from "./session";
import { SignIn } from "./screens/signin";

function Root() {
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    loadConfig()
      .then(async (c) => {
        setConfig(c);
        try {
          setSession(await resumeSession(c));
        } catch (e) {
          setSignInError((e as Error).message);
          setSession(null);
        }
      })
      .catch((e: Error) => setError(e.message));
    whenUnauthorized(() => {
      forgetSession();
      setEnded(true);
      setSession(null);
    });
  }, []);

  if (error) {
    return (
      <main id="main" class="center">
        <h1>The console cannot start</h1>
        <div class="banner error" role="alert">{error}</div>
      </main>
    );
  }
  if (!config || session === undefined) return <main id="main" class="center"><p role="status">Starting…</p></main>;
  if (!session) {
    return <SignIn config={config} ended={ended} failed={signInError} onSignedIn={(s) => { setEnded(false); setSignInError(null); setSession(s); }} />;
  }
  return (
    <App session={session} config={config}
      onSignOut={() => { void signOut(config).then(() => { window.location.hash = ""; setSession(null); }); }} />
  );
}

render(<Root />, document.getElementById("app")!);
