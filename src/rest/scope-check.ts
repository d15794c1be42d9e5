// What happens after auth and before validation, for a REST request and for an operation run directly for an
// MCP tool call alike: one request from the caller's budget (unless the MCP message already paid it), then the
// operation's scopes. So a refused request still costs its budget, and a credential without the needed scope
// learns nothing about the payload rules.
import Boom from '@hapi/boom';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import { withResourceMetadata } from '../oauth/resource.ts';

export async function checkBudgetAndScopes(app: Services, caller: Caller, scopes: readonly string[] | null | undefined, prepaid: boolean): Promise<void> {
  if (!prepaid) await app.limits.consumeRequest(caller.user.id);
  if (scopes) {
    const missing = scopes.filter((s) => !caller.scopes.includes(s));
    if (missing.length) throw forbidden(missing, caller, app.config.publicUrl);
  }
}

function forbidden(missing: readonly string[], caller: Caller, publicUrl: string): Boom.Boom {
  const needs = `This operation needs the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  if (missing.includes('account') && caller.kind === 'api_token') {
    return Boom.forbidden(`${needs}: API tokens cannot manage accounts, tokens or invitations. Sign in and use a session token.`);
  }
  if (missing.includes('account') && caller.kind === 'oauth') {
    return Boom.forbidden(`${needs}: apps connected through OAuth cannot manage accounts, tokens or invitations. Sign in to the web app.`);
  }
  if (missing.includes('admin')) return Boom.forbidden(`${needs}: only administrators may do this.`);
  if (caller.kind === 'oauth') {
    // Step-up: the client may ask the person for the missing scope (RFC 6750 insufficient_scope).
    const err = Boom.forbidden(`${needs}, which this app was not granted; it may ask you to approve it.`);
    err.output.headers['WWW-Authenticate'] = withResourceMetadata(
      `Bearer error="insufficient_scope", error_description="${needs}"`,
      publicUrl,
      missing.join(' '),
    );
    return err;
  }
  return Boom.forbidden(`${needs}, which this API token was not given.`);
}
