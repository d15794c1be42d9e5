// The frame around every signed-in screen: the header with the navigation and sign-out, and the main area.
import type { ComponentChildren } from 'preact';
import { pathTo, type Route } from '../router.ts';
import type { ScreenName } from '../paths.ts';
import { useSession } from '../session.tsx';
import { announce } from './status.tsx';

const NAV: { screen: ScreenName; label: string; adminOnly?: boolean }[] = [
  { screen: 'home', label: 'Pages' },
  { screen: 'publish', label: 'Publish' },
  { screen: 'jobs', label: 'Jobs' },
  { screen: 'watches', label: 'Watches' },
  { screen: 'tokens', label: 'Tokens' },
  { screen: 'connect', label: 'Connect' },
  { screen: 'apps', label: 'Connected apps' },
  { screen: 'invitations', label: 'Invitations', adminOnly: true },
  { screen: 'account', label: 'Account' },
];

/** Which navigation entry a screen belongs to (a page's settings belong to Pages). */
const SECTION: Partial<Record<Route['screen'], ScreenName>> = { page: 'home' };

export function Layout({ route, children }: { route: Route; children: ComponentChildren }) {
  const { session, signOut } = useSession();
  const current = SECTION[route.screen] ?? route.screen;
  const onSignOut = async () => {
    try {
      await signOut();
      announce('Signed out.');
    } catch (error) {
      announce(`Not signed out: ${(error as { message: string }).message}`);
    }
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={pathTo('home')}>
          <span class="brand-mark" aria-hidden="true" />
          Outpost
        </a>
        {session && (
          <>
            <nav aria-label="Main">
              <ul>
                {NAV.filter((item) => !item.adminOnly || session.user.admin).map((item) => (
                  <li key={item.screen}>
                    <a href={pathTo(item.screen)} aria-current={item.screen === current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="who">
              <span class="who-email">{session.user.email}</span>
              <button type="button" class="button small" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
