// The app: which screen the URL names, whether it needs a session, and focus on the new screen's heading
// after each navigation (so keyboard and screen-reader users land where the content is).
import { useEffect } from 'preact/hooks';
import { Layout } from './components/layout.tsx';
import { StatusRegion } from './components/status.tsx';
import { navigate, pathTo, useRoute, type Route } from './router.ts';
import { SessionProvider, useSession } from './session.tsx';
import { Account } from './screens/account.tsx';
import { ConnectedApps } from './screens/apps.tsx';
import { Authorize } from './screens/authorize.tsx';
import { Connect } from './screens/connect.tsx';
import { Invitations } from './screens/invitations.tsx';
import { Jobs } from './screens/jobs.tsx';
import { NotFound } from './screens/not-found.tsx';
import { PageSettings } from './screens/page-settings.tsx';
import { PageVersions } from './screens/page-versions.tsx';
import { Pages } from './screens/pages.tsx';
import { Publish } from './screens/publish.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { SignUp } from './screens/sign-up.tsx';
import { Tokens } from './screens/tokens.tsx';
import { Watches } from './screens/watches.tsx';

const PUBLIC_SCREENS = new Set<Route['screen']>(['signIn', 'signUp', 'notFound']);

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'signIn':
      return <SignIn next={route.query.get('next') ?? undefined} />;
    case 'signUp':
      return <SignUp />;
    case 'home':
      return <Pages />;
    case 'publish':
      return <Publish />;
    case 'page':
      return <PageSettings pageId={route.params.page_id} />;
    case 'pageVersions':
      return <PageVersions pageId={route.params.page_id} />;
    case 'jobs':
      return <Jobs />;
    case 'watches':
      return <Watches />;
    case 'tokens':
      return <Tokens />;
    case 'invitations':
      return <Invitations />;
    case 'connect':
      return <Connect />;
    case 'account':
      return <Account />;
    case 'apps':
      return <ConnectedApps />;
    case 'authorize':
      return <Authorize uid={route.params.uid} />;
    default:
      return <NotFound />;
  }
}

function Routed() {
  const route = useRoute();
  const { session } = useSession();
  const needsSession = !PUBLIC_SCREENS.has(route.screen);
  const redirect = needsSession && !session ? `${pathTo('signIn')}?next=${encodeURIComponent(location.pathname + location.search)}` : undefined;
  const signedInOnAuthScreen = session && (route.screen === 'signIn' || route.screen === 'signUp');

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
    else if (signedInOnAuthScreen) navigate(pathTo('home'), { replace: true });
  }, [redirect, signedInOnAuthScreen]);

  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading && document.activeElement === document.body) heading.focus({ preventScroll: true });
    else if (heading && !heading.contains(document.activeElement)) heading.focus({ preventScroll: true });
    document.title = heading?.textContent ? `${heading.textContent} · Outpost` : 'Outpost';
  }, [route.screen, route.params.page_id, Boolean(session)]);

  if (redirect || signedInOnAuthScreen) return null;
  return (
    <Layout route={route}>
      <Screen route={route} />
    </Layout>
  );
}

function Unavailable({ failed }: { failed?: string }) {
  if (!failed) return <p class="loading">Loading Outpost…</p>;
  return (
    <main id="main" class="auth-card">
      <h1>Outpost is not reachable</h1>
      <p role="alert">{failed}</p>
      <button type="button" class="button primary" onClick={() => location.reload()}>
        Try again
      </button>
    </main>
  );
}

export function App() {
  return (
    <>
      <SessionProvider fallback={(failed) => <Unavailable failed={failed} />}>
        <Routed />
      </SessionProvider>
      <StatusRegion />
    </>
  );
}
