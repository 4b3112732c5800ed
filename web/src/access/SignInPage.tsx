// Sign-in, step by step, as the server's state machine says (access.service.ts): an agency device
// when the profile requires one, the password, then the second factor (set one up, or enter a
// code). The session's signinStep decides which step shows, so a reload lands on the same step.
import { Navigate, useLocation } from 'react-router';
import type { FromState } from '../app/guards.js';
import { useSession } from '../app/session.js';
import { PasswordStep } from './PasswordStep.js';
import { SecondFactorSetup } from './SecondFactorSetup.js';
import { SecondFactorVerify } from './SecondFactorVerify.js';

export function SignInPage() {
  const { state } = useSession();
  const from = (useLocation().state as FromState | null)?.from ?? '/';
  switch (state.status) {
    case 'loading':
      return (
        <p className="loading" role="status">
          Loading…
        </p>
      );
    case 'signed-in':
      switch (state.me.signinStep) {
        case 'done':
          return <Navigate to={from === '/sign-in' ? '/' : from} replace />;
        case 'enroll':
          return <SecondFactorSetup />;
        case 'totp':
          return <SecondFactorVerify />;
      }
      break;
    case 'signed-out':
      return <PasswordStep notice={state.notice} />;
    case 'unreachable':
      return <PasswordStep notice={state.message} />;
  }
}
