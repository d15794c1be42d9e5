// The authorization server inside the hapi server: the provider's endpoints (`/oauth/*`, RFC-defined, the one
// declared exception to openapi.yaml), its metadata (RFC 8414, and the OIDC discovery document) and the
// protected resource's metadata (RFC 9728) for each path a client may have connected to.
//
// The provider sees each request as if PUBLIC_URL's host and scheme had sent it (Host and X-Forwarded-*
// replaced before it runs), so every URL it prints is built from PUBLIC_URL, never from the request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { clientAddress } from '../shared/client-address.ts';
import type { OAuthServer } from './oauth-server.ts';
import { protectedResourceMetadata, RESOURCE_METADATA_PATHS, ROUTES } from './resource.ts';

/** The discovery document's own path at the provider. */
const DISCOVERY = '/.well-known/openid-configuration';

/** Where clients look for the metadata: RFC 8414 inserts an issuer's path after the well-known segment. */
function isMetadataPath(path: string, publicUrl: URL): boolean {
  const issuerPath = publicUrl.pathname.replace(/\/$/, '');
  return ['/.well-known/oauth-authorization-server', DISCOVERY].some((known) => path === known || (issuerPath !== '' && path === known + issuerPath));
}

function ended(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.writableEnded || res.destroyed) return resolve();
    res.once('finish', resolve);
    res.once('close', resolve);
  });
}

export function registerOAuthRoutes(server: Server, oauth: OAuthServer, config: () => { publicUrl: string; trustProxy: string[] }): void {
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;

  // Before hapi reads a body or matches a route: the provider parses its own requests.
  server.ext('onRequest', async (request: Request, h: ResponseToolkit) => {
    // Every request passes here: the common case leaves at once.
    if (!request.path.startsWith('/oauth/') && !request.path.startsWith('/.well-known/')) return h.continue;
    const publicUrl = new URL(config().publicUrl);
    const metadata = isMetadataPath(request.path, publicUrl);
    if (!metadata && !request.path.startsWith('/oauth/')) return h.continue;
    // The provider's router ignores case and a trailing slash: so does the limit.
    if (request.method === 'post' && request.path.toLowerCase().replace(/\/+$/, '') === ROUTES.registration) {
      const wait = await oauth.registrationRefused(clientAddress(request, config()));
      if (wait !== null) {
        const err = Boom.tooManyRequests('Too many client registrations from this address; try again later');
        err.output.headers['Retry-After'] = String(wait);
        throw err;
      }
    }
    const { req, res } = request.raw;
    req.headers.host = publicUrl.host;
    req.headers['x-forwarded-host'] = publicUrl.host;
    req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
    // The path alone: a request line in absolute form (`GET http://elsewhere/oauth/…`) must not name the origin
    // the provider builds its URLs from.
    req.url = metadata ? DISCOVERY + (request.url.search ?? '') : request.url.pathname + (request.url.search ?? '');
    // The provider takes the part of originalUrl before its own path as where it is mounted (PUBLIC_URL's path).
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = publicUrl.pathname.replace(/\/$/, '') + req.url;
    callback ??= (await oauth.provider()).callback();
    callback(req, res);
    await ended(res);
    return h.abandon;
  });

  for (const suffix of RESOURCE_METADATA_PATHS) {
    server.route({
      method: 'GET',
      path: `/.well-known/oauth-protected-resource${suffix}`,
      options: { auth: false, cors: { origin: ['*'] } },
      handler: () => protectedResourceMetadata(config().publicUrl),
    });
  }
}
