import type { ReactNode } from 'react';

/** The plain frame around the pages before the app: sign in, change password. */
export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <div className="auth-frame">
      <header className="auth-brand">Platekeeper</header>
      <main id="main" className="auth-card">
        {children}
      </main>
    </div>
  );
}
