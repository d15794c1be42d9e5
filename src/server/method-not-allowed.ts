// A request whose path a route knows, but not with this method, is a 405 naming the methods that path
// takes (RFC 9110 §15.5.6), not hapi's 404.
import Boom from '@hapi/boom';
import type { Request, Server } from '@hapi/hapi';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
// hapi sends requests that match no route to its internal not-found route, whose method is '_special'; its
// CORS preflight route (OPTIONS with Access-Control-Request-Method) is '_special' too, and answers itself.
const NOT_FOUND_ROUTE = '_special';

function isPreflight(request: Request): boolean {
  return request.method === 'options' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

/** The 405 for `request` when hapi found no route for its method but the path has others, else null. */
export function methodNotAllowed(server: Server, request: Request): Boom.Boom | null {
  if ((request.route.method as string) !== NOT_FOUND_ROUTE || isPreflight(request)) return null;
  let allowed: (typeof METHODS)[number][];
  try {
    allowed = METHODS.filter((method) => {
      const route = server.match(method, request.path);
      return route !== null && (route.method as string) !== NOT_FOUND_ROUTE;
    });
  } catch {
    return null; // a path hapi cannot decode: its own 400 stands
  }
  if (allowed.length === 0) return null;
  const err = Boom.methodNotAllowed(`${request.method.toUpperCase()} is not allowed on ${request.path}; use ${allowed.join(', ')}`);
  err.output.headers.Allow = allowed.join(', ');
  return err;
}
