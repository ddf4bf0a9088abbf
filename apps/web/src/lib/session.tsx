// The signed-in user: the access token lives in sessionStorage (gone with the tab), never in a cookie.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, configureClient } from '../api/client';
import type { LoginResponse, SessionUser } from '../api/types';
import { storedLanguage } from '../i18n/i18n';
import { rememberTarget } from './roles';
import { navigate } from './router';

const KEY = 'lyg.session';
/** Set when a session ended under the user, so that the sign-in page says why it is shown. */
const ENDED_KEY = 'lyg.session.ended';
/** A token is renewed this long before it expires, when the user has worked since it was issued. */
const RENEW_BEFORE_MS = 90_000;

/** Whether the last session ended under the user (expired, or ended by an administrator), until the next sign-in. */
export const sessionEnded = (): boolean => sessionStorage.getItem(ENDED_KEY) === '1';

// The last time the user typed, clicked or touched anything: a working user's session is renewed, an idle one is not.
let lastActivity = Date.now();
for (const event of ['keydown', 'pointerdown', 'input'] as const) {
  window.addEventListener(event, () => (lastActivity = Date.now()), { capture: true, passive: true });
}

interface Stored {
  token: string;
  user: SessionUser;
  expiresAt: number;
}

function load(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

let current: Stored | null = load();

interface Session {
  user: SessionUser | null;
  signIn(email: string, password: string): Promise<SessionUser>;
  /** A new password: the answer carries the session's new token (the old one is refused from now on). */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionUser>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(current);
  const end = useCallback(() => {
    current = null;
    sessionStorage.removeItem(KEY);
    setStored(null);
    navigate('/login', { replace: true });
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(ENDED_KEY);
    end();
  }, [end]);
  // A session that ended under the user (expired, ended by an administrator) brings them back here after signing in,
  // and the sign-in page says why it is shown.
  const expired = useCallback(() => {
    rememberTarget(location.pathname + location.search);
    sessionStorage.setItem(ENDED_KEY, '1');
    end();
  }, [end]);
  configureClient({ token: () => current?.token ?? null, language: storedLanguage, onUnauthenticated: expired });
  const adopt = useCallback((r: LoginResponse) => {
    current = { token: r.accessToken, user: r.user, expiresAt: Date.now() + r.expiresIn * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(current));
    sessionStorage.removeItem(ENDED_KEY);
    setStored(current);
    return r.user;
  }, []);
  // Shortly before the token expires: renewed if the user worked since it was issued (a form being filled in is not
  // lost to a sign-in page); left to expire if not. The server ends every session SESSION_MAX_SECONDS after sign-in.
  // A renewal changes the token only: the signed-in user (the context's value) stays the same object, so no screen
  // reloads because of it.
  const [renewedAt, setRenewedAt] = useState(0);
  useEffect(() => {
    const session = current;
    if (!stored || !session) return;
    const since = Date.now();
    const timer = setTimeout(
      () => {
        if (current !== session || lastActivity < since) return;
        api.refreshSession().then(
          (r) => {
            if (current !== session) return;
            current = { ...session, token: r.accessToken, expiresAt: Date.now() + r.expiresIn * 1000 };
            sessionStorage.setItem(KEY, JSON.stringify(current));
            setRenewedAt(Date.now());
          },
          () => undefined,
        );
      },
      Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
    return () => clearTimeout(timer);
  }, [stored, renewedAt]);
  const signIn = useCallback(async (email: string, password: string) => adopt(await api.login(email, password)), [adopt]);
  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => adopt(await api.changePassword(currentPassword, newPassword)), [adopt]);
  const value = useMemo(() => ({ user: stored?.user ?? null, signIn, changePassword, signOut }), [stored, signIn, changePassword, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('not signed in');
  return user;
}
