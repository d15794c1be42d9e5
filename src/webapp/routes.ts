// Serves the web app a person uses at `/`: the HTML shell on every screen's path, and the bundled script
// and stylesheet under /app/. The app is a client of the REST API like any other (through the SDK).
//
// Threat model: the app runs with a signed-in browser session, so its responses carry WEB_APP_HEADERS (strict
// CSP without inline scripts, never framed, no opener, no referrer). Nothing here reads a credential: the
// session cookie is honoured only by the API's auth scheme.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { APP_PATHS } from '../../web/paths.ts';
import { WEB_APP_HEADERS } from '../shared/web-app-headers.ts';
import { buildAppBundle, type AppBundle } from './bundle.ts';
import { appShell } from './shell.ts';

export interface WebAppOptions {
  /** The instance's public URL (known once the port is bound). */
  publicUrl: () => string;
  /**
   * Whether PUBLIC_URL was set. When it was not, the server is reached directly (no proxy), and a visit by
   * another loopback name (127.0.0.1 for localhost) is sent to the public URL: the API honours the session
   * cookie only from that origin.
   */
  publicUrlExplicit: boolean;
  /**
   * For the consent screen (`/authorize/<uid>`): the cookie that lets this browser answer the request, when it
   * is the browser that started it (see oauth/consent-binding.ts).
   */
  consentCookie?: (request: Request, uid: string) => Promise<string | undefined>;
  /** Rebuild the bundle on every shell request (npm run dev), so an edit in web/ shows on reload. */
  rebuildOnReload?: boolean;
}

interface Built {
  shell: string;
  assets: Map<string, AppBundle['script']>;
}

// web/ does not change while the process runs (unless npm run dev asks for a rebuild), so every server of
// the process shares one bundle.
let building: Promise<Built> | undefined;

function built(fresh = false): Promise<Built> {
  if (!building || fresh) {
    building = buildAppBundle().then((bundle) => ({
      shell: appShell(bundle),
      assets: new Map([bundle.script, bundle.style].map((asset) => [asset.path, asset])),
    }));
    // A failed build is retried on the next request instead of being remembered.
    building.catch(() => (building = undefined));
  }
  return building;
}

export function registerWebApp(server: Server, options: WebAppOptions): { warm: () => Promise<void> } {
  const withHeaders = <T extends { header(name: string, value: string): T }>(response: T) => {
    for (const [name, value] of Object.entries(WEB_APP_HEADERS)) response.header(name, value);
    return response;
  };

  const shell = async (request: Request, h: ResponseToolkit) => {
    const home = new URL(options.publicUrl());
    if (!options.publicUrlExplicit && request.info.host !== home.host) {
      return h.redirect(new URL(request.url.pathname + request.url.search, home).href).code(302);
    }
    const { shell } = await built(options.rebuildOnReload);
    const response = withHeaders(h.response(shell).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache'));
    const binding = request.route.path === APP_PATHS.authorize ? await options.consentCookie?.(request, String(request.params.uid)) : undefined;
    return binding ? response.header('Set-Cookie', binding) : response;
  };

  const asset = async (request: Request, h: ResponseToolkit) => {
    const found = (await built()).assets.get(request.path);
    if (!found)
      return h.response({ statusCode: 404, error: 'Not Found', message: 'No such file of the web app (reload the page for the current one).' }).code(404);
    return withHeaders(h.response(found.body).type(found.type).header('Cache-Control', 'public, max-age=31536000, immutable'));
  };

  const routes = { auth: false as const, tags: ['webapp'] };
  server.route([
    ...Object.values(APP_PATHS).map((path) => ({ method: 'GET' as const, path, options: { ...routes, handler: shell } })),
    { method: 'GET', path: '/app/{file}', options: { ...routes, handler: asset } },
  ]);

  return { warm: async () => void (await built()) };
}
