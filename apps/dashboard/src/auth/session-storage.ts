import type { SignIn } from '../api/contract';

const KEY = 'opiekun.session';

/** The sign-in survives a reload of the tab (sessionStorage is per tab; a shared nurse-station tablet keeps one). */
export function loadSession(now: number): SignIn | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as SignIn;
    if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: SignIn | undefined): void {
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the sign-in lasts as long as the page.
  }
}
