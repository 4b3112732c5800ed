// Who is signed in, how far sign-in has got, and what they may do. The session itself is an
// HttpOnly cookie the page never sees; the app learns the user and the sign-in step from GET
// /auth/me, forgets them on any 401, and asks again when the server answers that sign-in is not
// finished (a second factor or a password change is due).
//
// Sign-in is the server's state machine (access.service.ts): the password opens a session whose
// signinStep is 'enroll' (set up an authenticator), 'totp' (enter a code) or 'done'. Only a 'done'
// session reaches the rooms; the guards send the others back to /sign-in, which shows their step.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSignInUnfinished, onUnauthenticated, type Me, type Permission, type SignInResult } from '../api/client.js';
import { setStatedPurpose } from '../api/http.js';

export type SessionState = { status: 'loading' } | { status: 'signed-out'; notice?: string } | { status: 'unreachable'; message: string } | { status: 'signed-in'; me: Me };

interface Session {
  state: SessionState;
  /** The password step; the answer says what sign-in needs next. */
  signIn(username: string, password: string): Promise<SignInResult['step']>;
  signOut(notice?: string): Promise<void>;
  /** Sign out every session of this user, this one included. */
  signOutEverywhere(): Promise<void>;
  /** Asks the server again who is signed in and how far (after a second factor or a password change). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'signed-in', me: await api.me() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'unreachable', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const stopUnauthenticated = onUnauthenticated((error) => setState({ status: 'signed-out', notice: error.message }));
    const stopUnfinished = onSignInUnfinished(() => void refresh());
    return () => {
      stopUnauthenticated();
      stopUnfinished();
    };
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({
      state,
      refresh,
      async signIn(username, password) {
        const { step } = await api.signIn(username, password);
        await refresh();
        return step;
      },
      async signOut(notice = 'You are signed out.') {
        try {
          await api.signOut();
        } finally {
          setStatedPurpose(undefined);
          setState({ status: 'signed-out', notice });
        }
      },
      async signOutEverywhere() {
        await api.signOutEverywhere();
        setStatedPurpose(undefined);
        setState({ status: 'signed-out', notice: 'You are signed out everywhere: every session of your account has ended, on every device.' });
      },
    }),
    [state, refresh],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it.');
  return session;
}

/** The signed-in user's answer from /auth/me; only inside routes that require a session. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe is only for signed-in pages.');
  return state.me;
}

export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useMe();
  return useCallback((permission: Permission) => permissions.includes(permission), [permissions]);
}
