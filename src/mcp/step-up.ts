// Step-up authorization for OAuth clients: a tools/call of a tool whose scopes the app was not granted is
// refused with 403 and `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`, so the client can
// ask the person to approve the missing scope. Other credentials keep the JSON-RPC "Unknown tool" error
// (an API token's scopes cannot grow).
import Boom from '@hapi/boom';
import type { Caller } from '../auth/caller.ts';
import { withResourceMetadata } from '../oauth/resource.ts';
import type { LoadedTool } from './tools-registry.ts';

export function insufficientScope(
  messages: readonly { method?: string; params?: unknown }[],
  tools: readonly LoadedTool[],
  caller: Caller,
  publicUrl: string,
): Boom.Boom | undefined {
  if (caller.kind !== 'oauth') return undefined;
  const missing = new Set<string>();
  for (const m of messages) {
    if (m.method !== 'tools/call') continue;
    const name = (m.params as { name?: unknown } | undefined)?.name;
    const tool = tools.find((t) => t.name === name);
    for (const scope of tool?.scopes ?? []) if (!caller.scopes.includes(scope)) missing.add(scope);
  }
  if (!missing.size) return undefined;
  const scopes = [...missing].join(' ');
  const err = Boom.forbidden(`This tool needs the scope ${scopes}, which this app was not granted; it may ask you to approve it.`);
  // The scope to ask for is the whole set the app needs: what it has plus what is missing.
  const wanted = [...new Set([...caller.scopes, ...missing])].join(' ');
  err.output.headers['WWW-Authenticate'] = withResourceMetadata(
    `Bearer error="insufficient_scope", error_description="This tool needs ${scopes}"`,
    publicUrl,
    wanted,
  );
  return err;
}
