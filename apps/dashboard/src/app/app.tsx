import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility, SignIn } from '../api/contract';
import { HttpClient } from '../api/http-client';
import { OpiekunApi } from '../api/opiekun-api';
import { loadSession, saveSession } from '../auth/session-storage';
import { SignInPage } from '../auth/sign-in-page';
import { FacilityIndex } from '../facility/facility-index';
import { FacilityRouter } from '../routing/facility-router';
import { ToastProvider } from '../ui/toasts';
import { AppContext, type AppServices } from './app-context';
import { Dashboard } from './dashboard';
import { errorText } from './error-text';

/** What an api that does not name its custody types (one from before they were in the session) delivers under custody. */
const DEFAULT_CUSTODY_TYPES = ['medication'];

/** Signs staff in, loads the facility, then runs the dashboard. */
export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<SignIn | undefined>(() => loadSession(Date.now()));
  const [notice, setNotice] = useState<string>();
  const tokenRef = useRef(session?.token);
  tokenRef.current = session?.token;

  const signOut = useCallback((reason?: string) => {
    saveSession(undefined);
    setSession(undefined);
    setNotice(reason);
  }, []);
  const api = useMemo(
    () => new OpiekunApi(new HttpClient(() => tokenRef.current, () => tokenRef.current && signOut(t('auth.expired')))),
    [signOut, t],
  );

  const signedIn = (s: SignIn) => {
    saveSession(s);
    setNotice(undefined);
    setSession(s);
  };

  return (
    <ToastProvider>
      {session ? <SignedIn key={session.token} api={api} session={session} onSignOut={signOut} /> : <SignInPage api={api} onSignedIn={signedIn} notice={notice} />}
    </ToastProvider>
  );
}

function SignedIn({ api, session, onSignOut }: { api: OpiekunApi; session: SignIn; onSignOut: (reason?: string) => void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ facility: Facility; custodyTypes: readonly string[] }>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  // The board signs out when its sign-in runs out, online or not: a ward computer that lost the network must not go on
  // showing residents' work to whoever sits down next (the api also ends the live connection then).
  useEffect(() => {
    const timer = setTimeout(() => onSignOut(t('auth.expired')), timerDelayMs(Date.parse(session.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session.expiresAt, onSignOut, t]);

  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    // The session is asked for again: the api's custody types may have changed since this session was stored.
    Promise.all([api.facility(), api.me()]).then(
      ([facility, me]) => !cancelled && setLoaded({ facility, custodyTypes: me.custodyTaskTypes ?? session.custodyTaskTypes ?? DEFAULT_CUSTODY_TYPES }),
      (e: unknown) => !cancelled && setError(errorText(t, e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt, t, session.custodyTaskTypes]);

  const services = useMemo<AppServices | undefined>(() => {
    if (!loaded) return undefined;
    const index = new FacilityIndex(loaded.facility);
    const permissions = new Set(session.permissions);
    return { api, facility: index, router: new FacilityRouter(index), session, can: (p) => permissions.has(p), custodyTypes: loaded.custodyTypes };
  }, [api, loaded, session]);

  if (error) {
    return (
      <main className="centered" id="main">
        <p className="form-error" role="alert">
          {t('app.loadError', { message: error })}
        </p>
        <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (!services) {
    return (
      <main className="centered" id="main" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <AppContext.Provider value={services}>
      <Dashboard onSignOut={() => onSignOut()} onUnauthenticated={() => onSignOut(t('auth.expired'))} />
    </AppContext.Provider>
  );
}

/** Browsers fire a timer set beyond 2³¹ − 1 ms at once: a longer wait is cut to that (the timer is set again on reload). */
function timerDelayMs(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647);
}
