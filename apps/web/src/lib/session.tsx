// The signed-in user. The access token lives in memory and in sessionStorage, never in a cookie or localStorage: a
// session ends with the last tab that holds it. Tabs of the site share it: a tab opened without one (a case link
// opened in a new tab) takes the session another tab holds, and a sign-in, a renewal, a password change, a sign-out
// or an ended session in one tab reaches the others (BroadcastChannel; same origin only).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, configureClient } from '../api/client';
import type { LoginResponse, SessionUser } from '../api/types';
import { languageChosen, storedLanguage, useI18n } from '../i18n/i18n';
import { rememberTarget } from './roles';
import { navigate } from './router';

const KEY = 'lyg.session';
/** Set when a session ended under the user, so that the sign-in page says why it is shown. */
const ENDED_KEY = 'lyg.session.ended';
/** A token is renewed this long before it expires, when the user has worked since it was issued. */
const RENEW_BEFORE_MS = 90_000;
/** Held (shared) by every tab that holds a session, so that a new tab knows whether to ask for one. */
const HOLDER_LOCK = 'lyg.session.holder';

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

/** What the tabs tell each other. */
type Message = { type: 'ask' } | { type: 'session'; session: Stored } | { type: 'expired' } | { type: 'signed-out' } | { type: 'ended' };

const usable = (s: Stored | null | undefined): s is Stored => Boolean(s && typeof s.token === 'string' && s.user && s.expiresAt > Date.now());

function load(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return usable(s) ? s : null;
  } catch {
    return null;
  }
}

const channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lyg.session') : null;
const tell = (m: Message) => channel?.postMessage(m);

let current: Stored | null = null;
let releaseHolder: (() => void) | null = null;

/** The session of this tab, kept for a reload of the tab; while there is one the tab holds the holders' lock. */
function keep(s: Stored | null): void {
  current = s;
  if (s) {
    sessionStorage.setItem(KEY, JSON.stringify(s));
    if (!releaseHolder && navigator.locks) {
      void navigator.locks.request(HOLDER_LOCK, { mode: 'shared' }, () => new Promise<void>((release) => (releaseHolder = release))).catch(() => undefined);
    }
  } else {
    sessionStorage.removeItem(KEY);
    releaseHolder?.();
    releaseHolder = null;
  }
}
keep(load());

// A tab without a session asks; every tab holding one answers (with its session, or that it has expired).
channel?.addEventListener('message', (e: MessageEvent<Message>) => {
  if (e.data?.type === 'ask' && current) tell(usable(current) ? { type: 'session', session: current } : { type: 'expired' });
});

/**
 * Before the first render: a tab opened without a session of its own takes the one another tab of this site holds.
 * It asks only when some tab holds one (the holders' lock), so a first visit is not held up; where the browser has
 * no lock manager (a page served over plain http from another host) it waits 200 ms for an answer.
 */
export async function joinSession(): Promise<void> {
  if (current || !channel) return;
  // How many tabs hold a session: once each has answered that its own expired, there is none to take.
  let holders = Infinity;
  try {
    if (navigator.locks) {
      const { held } = await navigator.locks.query();
      holders = held?.filter((l) => l.name === HOLDER_LOCK).length ?? 0;
      if (!holders) return;
    }
  } catch {
    return;
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      channel.removeEventListener('message', answer);
      resolve();
    };
    const answer = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m?.type === 'session' && usable(m.session)) {
        if (!current) keep(m.session);
        done();
      } else if ((m?.type === 'session' || m?.type === 'expired') && --holders <= 0) done();
    };
    const timer = setTimeout(done, navigator.locks ? 2000 : 200);
    channel.addEventListener('message', answer);
    tell({ type: 'ask' });
  });
}

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
  // A renewal changes the token only: the signed-in user (the context's value) stays the same object, so no screen
  // reloads because of it; this counter reschedules the next renewal.
  const [renewedAt, setRenewedAt] = useState(0);
  const end = useCallback(() => {
    keep(null);
    setStored(null);
    navigate('/login', { replace: true });
  }, []);
  const signedOut = useCallback(() => {
    sessionStorage.removeItem(ENDED_KEY);
    end();
  }, [end]);
  const signOut = useCallback(() => {
    signedOut();
    tell({ type: 'signed-out' });
  }, [signedOut]);
  // A session that ended under the user (expired, ended by an administrator) brings them back here after signing in,
  // and the sign-in page says why it is shown.
  const ended = useCallback(() => {
    rememberTarget(location.pathname + location.search);
    sessionStorage.setItem(ENDED_KEY, '1');
    end();
  }, [end]);
  // A 401 to the token this tab holds ends the session in every tab; one to a token already replaced (renewed or
  // changed in another tab while the call was on its way) is that call's failure alone.
  const refused = useCallback(
    (token: string) => {
      if (!current || token !== current.token) return;
      ended();
      tell({ type: 'ended' });
    },
    [ended],
  );
  configureClient({ token: () => current?.token ?? null, language: storedLanguage, onUnauthenticated: refused });
  /** A session issued or renewed here or in another tab. */
  const take = useCallback((next: Stored) => {
    const before = current;
    if (before && before.user.id === next.user.id && JSON.stringify(before.user) === JSON.stringify(next.user)) {
      keep({ ...next, user: before.user });
      setRenewedAt(Date.now());
      return;
    }
    keep(next);
    setStored(next);
    // Another account signed in in another tab: this tab's page was the other account's.
    if (before && before.user.id !== next.user.id) navigate('/', { replace: true });
  }, []);
  const adopt = useCallback(
    (r: LoginResponse) => {
      const next = { token: r.accessToken, user: r.user, expiresAt: Date.now() + r.expiresIn * 1000 };
      sessionStorage.removeItem(ENDED_KEY);
      take(next);
      tell({ type: 'session', session: next });
      return r.user;
    },
    [take],
  );
  useEffect(() => {
    if (!channel) return;
    const heard = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m?.type === 'session' && usable(m.session)) {
        if (!current) sessionStorage.removeItem(ENDED_KEY);
        take(m.session);
      } else if (m?.type === 'signed-out' && current) signedOut();
      else if (m?.type === 'ended' && current) ended();
    };
    channel.addEventListener('message', heard);
    return () => channel.removeEventListener('message', heard);
  }, [take, signedOut, ended]);
  // Shortly before the token expires: renewed if the user worked in this tab since it was issued (a form being filled
  // in is not lost to a sign-in page); left to expire if not (another tab's renewal reaches this one). The server ends
  // every session SESSION_MAX_SECONDS after sign-in.
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
            const next = { ...session, token: r.accessToken, expiresAt: Date.now() + r.expiresIn * 1000 };
            take(next);
            tell({ type: 'session', session: next });
          },
          () => undefined,
        );
      },
      Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
    return () => clearTimeout(timer);
  }, [stored, renewedAt, take]);
  // A browser where no language was chosen speaks the account's own from its sign-in on (an English-speaking filer
  // abroad is not met by Chinese screens until they find the switch); a choice made here stays.
  const { setLang } = useI18n();
  const signIn = useCallback(
    async (email: string, password: string) => {
      const r = await api.login(email, password);
      if (!languageChosen() && (r.user.language === 'en' || r.user.language === 'zh-CN')) setLang(r.user.language);
      return adopt(r);
    },
    [adopt, setLang],
  );
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
