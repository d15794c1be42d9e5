// A small history router over APP_PATHS: the current screen and its parameters, navigate(), and links that
// stay inside the app without a reload.
import { useEffect, useState } from 'preact/hooks';
import { APP_PATHS, type ScreenName } from './paths.ts';

export interface Route {
  screen: ScreenName | 'notFound';
  params: Record<string, string>;
  query: URLSearchParams;
}

const patterns = (Object.entries(APP_PATHS) as [ScreenName, string][]).map(([screen, path]) => {
  const names: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'));
  return { screen, names, regex: new RegExp(`^${source}$`) };
});

export function matchRoute(pathname: string, search = ''): Route {
  for (const { screen, names, regex } of patterns) {
    const match = regex.exec(pathname);
    if (match) return { screen, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])), query: new URLSearchParams(search) };
  }
  return { screen: 'notFound', params: {}, query: new URLSearchParams(search) };
}

/** A screen's URL with its parameters filled in: pathTo('page', { page_id: 'abc' }) → /pages/abc */
export function pathTo(screen: ScreenName, params: Record<string, string> = {}): string {
  return APP_PATHS[screen].replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

const listeners = new Set<() => void>();

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
}

window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function useRoute(): Route {
  const [route, setRoute] = useState(() => matchRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(matchRoute(location.pathname, location.search));
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return route;
}

/** Follows an in-app link without a reload (a modified click or another target keeps the browser's way). */
export function onAppLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
  if (matchRoute(anchor.pathname).screen === 'notFound') return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
