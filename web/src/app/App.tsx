// The routes: sign-in and password change stand alone; every room sits inside the layout.
import { Navigate, Route, Routes } from 'react-router';
import { ChangePasswordPage } from '../access/ChangePasswordPage.js';
import { SignInPage } from '../access/SignInPage.js';
import { PublicRequestPage } from '../sharing/PublicRequestPage.js';
import { TransparencyPage } from '../transparency/TransparencyPage.js';
import { PageHeading } from '../ui/PageHeading.js';
import { RequirePermission, RequireSession } from './guards.js';
import { Layout } from './Layout.js';
import { ROOMS } from './rooms.js';
import { useCan } from './session.js';

function Home() {
  const can = useCan();
  const first = ROOMS.find((room) => can(room.permission));
  if (first) return <Navigate to={`/${first.path}`} replace />;
  return (
    <>
      <PageHeading title="Welcome" />
      <p>Your role has no pages here yet. Ask the ALPR Administrator if you expected to see some.</p>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>There is no page at this address. Choose a room from the navigation.</p>
    </>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      {/* The public transparency page (R43, R44): no session, counts and policy only. */}
      <Route path="/transparency" element={<TransparencyPage />} />
      {/* A partner agency's one-time request link (issue 8): no session, no data. */}
      <Route path="/share-request/:token" element={<PublicRequestPage />} />
      <Route
        path="/change-password"
        element={
          <RequireSession passwordChange>
            <ChangePasswordPage />
          </RequireSession>
        }
      />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {ROOMS.map((room) => (
          <Route key={room.path} path={room.path} element={<RequirePermission permission={room.permission}>{room.page}</RequirePermission>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
