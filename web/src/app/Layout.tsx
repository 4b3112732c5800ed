// The frame of every signed-in page: header (product, user, sign out), the rooms, the page.
import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useResource } from '../ui/useResource.js';
import { ROOMS, type Room } from './rooms.js';
import { useCan, useMe, useSession } from './session.js';

/** Rooms grouped by section, in ROOMS order. */
function sectionsOf(rooms: readonly Room[]): [string, Room[]][] {
  const sections = new Map<string, Room[]>();
  for (const room of rooms) sections.set(room.section, [...(sections.get(room.section) ?? []), room]);
  return [...sections];
}

export function Layout() {
  const { user } = useMe();
  const { signOut } = useSession();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const firstRender = useRef(true);

  // After a navigation, move focus to the new page's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);

  const rooms = ROOMS.filter((room) => can(room.permission));
  // R44: the ALPR Administrator's title and name, shown with the policy on every page.
  const agency = useResource(api.agency);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Platekeeper
        </NavLink>
        <div className="user">
          <span>
            Signed in as <strong>{user.displayName}</strong> <span className="muted">({user.username})</span>
          </span>
          <NavLink to="/change-password" className="header-link">
            Change password
          </NavLink>
          <button type="button" className="button-quiet" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label="Rooms">
        {sectionsOf(rooms).map(([section, inSection]) => (
          <div key={section} className="nav-section">
            {/* One heading is noise: a role with a single section sees just its links. */}
            {rooms.length > inSection.length && <h2 className="nav-heading">{section}</h2>}
            <ul>
              {inSection.map((room) => (
                <li key={room.path}>
                  <NavLink to={`/${room.path}`}>{room.label}</NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">
        {agency.data && (
          <p>
            {agency.data.name} · ALPR Administrator: {agency.data.administrator.name ?? 'name not yet recorded'}, {agency.data.administrator.title} · Policy:{' '}
            {agency.data.policy.url ? <a href={agency.data.policy.url}>{agency.data.policy.title}</a> : agency.data.policy.title}
          </p>
        )}
      </footer>
    </div>
  );
}
