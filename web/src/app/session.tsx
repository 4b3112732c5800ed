// Who is signed in, and what they may do. The session itself is an HttpOnly cookie the page
// never sees; the app learns the user from GET /auth/me and forgets them on any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, type Me, type Permission } from '../api/client.js';

export type SessionState = { status: 'loading' } | { status: 'signed-out'; notice?: string } | { status: 'unreachable'; message: string } | { status: 'signed-in'; me: Me };

interface Session {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (after a password change, for one). */
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
      else
        setState({
          status: 'unreachable',
          message: error instanceof Error ? error.message : String(error),
        });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated((error) => setState({ status: 'signed-out', notice: error.message }));
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({
      state,
      refresh,
      async signIn(username, password) {
        await api.signIn(username, password);
        await refresh();
      },
      async signOut() {
        try {
          await api.signOut();
        } finally {
          setState({ status: 'signed-out', notice: 'You are signed out.' });
        }
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
