// The signed-in user: the access token lives in sessionStorage (gone with the tab), never in a cookie.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, configureClient } from '../api/client';
import type { LoginResponse, SessionUser } from '../api/types';
import { storedLanguage } from '../i18n/i18n';
import { rememberTarget } from './roles';
import { navigate } from './router';

const KEY = 'lyg.session';

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
  const signOut = useCallback(() => {
    current = null;
    sessionStorage.removeItem(KEY);
    setStored(null);
    navigate('/login', { replace: true });
  }, []);
  // A session that ended under the user (expired, ended by an administrator) brings them back here after signing in.
  const expired = useCallback(() => {
    rememberTarget(location.pathname + location.search);
    signOut();
  }, [signOut]);
  configureClient({ token: () => current?.token ?? null, language: storedLanguage, onUnauthenticated: expired });
  const adopt = useCallback((r: LoginResponse) => {
    current = { token: r.accessToken, user: r.user, expiresAt: Date.now() + r.expiresIn * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(current));
    setStored(current);
    return r.user;
  }, []);
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
