import type { ReactNode } from 'react';

/** The plain frame around the pages before the app: sign in, second factor, change password. */
export function AuthFrame({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-frame">
      <header className="auth-brand">Platekeeper</header>
      <main id="main" className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
        {children}
      </main>
    </div>
  );
}
