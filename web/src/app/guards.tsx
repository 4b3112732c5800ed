// Route guards: a session first, then a finished sign-in (second factor), then a password change
// when the server asks for one, then the room's permission.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../api/client.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useCan, useSession } from './session.js';

export interface FromState {
  from?: string;
}

export function RequireSession({ children, passwordChange = false }: { children: ReactNode; passwordChange?: boolean }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  switch (state.status) {
    case 'loading':
      return (
        <p className="loading" role="status">
          Loading…
        </p>
      );
    case 'unreachable':
      return <Unreachable message={state.message} retry={refresh} />;
    case 'signed-out':
      return <Navigate to="/sign-in" replace state={{ from } satisfies FromState} />;
    case 'signed-in':
      // The second factor comes first (R19); /sign-in shows the step the session is at.
      if (state.me.signinStep !== 'done') return <Navigate to="/sign-in" replace state={{ from } satisfies FromState} />;
      if (state.me.user.mustChangePassword && !passwordChange) return <Navigate to="/change-password" replace state={{ from } satisfies FromState} />;
      return <>{children}</>;
  }
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (can(permission)) return <>{children}</>;
  return (
    <>
      <PageHeading title="Not available to your role" />
      <p>
        This page needs the permission <code>{permission}</code>. Ask the ALPR Administrator if your job needs it.
      </p>
    </>
  );
}

export function Unreachable({ message, retry }: { message: string; retry: () => Promise<void> }) {
  return (
    <main className="auth-frame">
      <div className="auth-card">
        <h1>Platekeeper</h1>
        <p role="alert">{message}</p>
        <button type="button" onClick={() => void retry()}>
          Try again
        </button>
      </div>
    </main>
  );
}
