// Serving published pages at /p/{id}/{path*}: the route table. Each route's work is elsewhere:
//  - file-route.ts: GET of a page's file (access.ts decides who may see it; file-response.ts answers);
//  - gate-routes.ts: the passcode form, and the e-mail gate's link request and link;
//  - sandbox.ts: the headers every /p/ response carries (threat model there);
//  - fast-path.ts: GETs of public pages' cached small files, answered before hapi sees them (caches.ts holds
//    what is remembered between requests).
import path from 'node:path';
import type { RouteOptions, Server } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { EMAIL_PATH, GATE_PATH } from '../pages/reserved-paths.ts';
import { ContentCache, PAGE_ID, PageCache, ResolutionCache, type ServeCaches } from './caches.ts';
import { installFastPath } from './fast-path.ts';
import { BODY_CACHE_DIR, BodyCache } from './body-cache.ts';
import { fileRoute } from './file-route.ts';
import { createGateRoutes } from './gate-routes.ts';
import { errorPage } from './error-pages.ts';
import { installSandbox } from './sandbox.ts';
import { ViewCounter } from './view-counter.ts';

/** The body cache's folder under DATA_DIR. */

const FORM_PAYLOAD: RouteOptions['payload'] = { parse: true, output: 'data', allow: 'application/x-www-form-urlencoded', maxBytes: 8 * 1024 };

export function registerPageServing(server: Server, app: Services): void {
  const { dataDir, serveCacheBytes, diskFreeFloorBytes } = app.config;
  const caches: ServeCaches = {
    pages: new PageCache(),
    resolutions: new ResolutionCache(),
    content: new ContentCache(),
    bodies: new BodyCache(path.join(dataDir, BODY_CACHE_DIR), serveCacheBytes, diskFreeFloorBytes, (error) =>
      server.log(['serve', 'cache', 'warn'], `serve cache: ${error.message}`),
    ),
  };
  server.events.on('stop', () => {
    caches.pages.close();
    caches.bodies.close();
  });
  const views = new ViewCounter(app.db, app.keys.signing, app.config, (error) =>
    server.log(['serve', 'views', 'warn'], `view counts not written: ${error.message}`),
  );
  views.attach(server);
  installFastPath(server, app.db, caches, app.config, views);
  const gates = createGateRoutes(server, app);
  const options: RouteOptions = {
    auth: false,
    tags: ['pages'],
    // Cookies sent along (e.g. for the API on the same host) are none of the pages' business: not parsed, so
    // a malformed one can't fail a page request either.
    state: { parse: false, failAction: 'ignore' },
    // Not the API's security headers: pages may be embedded elsewhere, so no X-Frame-Options (the API's routes
    // keep DENY). nosniff and Referrer-Policy come with the sandbox headers (sandbox.ts).
    security: false,
    // Ranges are handled by file-response.ts (from the cache or through streamFile's range), never by hapi.
    response: { ranges: false },
    ext: {
      onPreHandler: {
        method: (request, h) => {
          // hapi builds request.url from the Host header when first asked; a Host it can't parse is a 400 here
          // rather than a 500 from every handler.
          try {
            void request.url;
          } catch {
            return errorPage(h, 400).takeover();
          }
          // A page id that can't exist is a 404 without a database lookup.
          if (!PAGE_ID.test((request.params as { id: string }).id)) return errorPage(h, 404).takeover();
          return h.continue;
        },
      },
    },
  };

  server.route([
    {
      method: 'GET',
      path: '/p/{id}',
      options: {
        ...options,
        // Relative links in a page resolve against its folder, so the page's root is /p/{id}/.
        handler: (request, h) => h.redirect(`/p/${(request.params as { id: string }).id}/${request.url.search}`).permanent(),
      },
    },
    { method: 'GET', path: '/p/{id}/{path*}', options: { ...options, handler: fileRoute(app, caches, views) } },
    { method: 'POST', path: `/p/{id}/${GATE_PATH}`, options: { ...options, payload: FORM_PAYLOAD, handler: gates.passcodeAttempt } },
    { method: 'POST', path: `/p/{id}/${EMAIL_PATH}`, options: { ...options, payload: FORM_PAYLOAD, handler: gates.emailRequest } },
    { method: 'GET', path: `/p/{id}/${EMAIL_PATH}`, options: { ...options, handler: gates.emailLinkFollowed } },
  ]);

  installSandbox(server);
}
