// DNS-rebinding protection for the MCP endpoints: a browser page on another site must not be able
// to drive a local server. Requests whose Origin or Host is not allowed are refused with 403.
import Boom from '@hapi/boom';
import type { Config } from '../config/config.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function hostnameOf(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
}

/** PUBLIC_URL parsed, per config (read on every MCP request). */
const publicUrls = new WeakMap<Config, { text: string; url: URL }>();

function publicUrlOf(config: Config): URL {
  let parsed = publicUrls.get(config);
  if (parsed?.text !== config.publicUrl) publicUrls.set(config, (parsed = { text: config.publicUrl, url: new URL(config.publicUrl) }));
  return parsed.url;
}

/** Throws the 403 to answer when `request`'s Host or Origin is not allowed (a hapi request or a Node one). */
export function checkOriginAndHost(config: Config, request: { headers: Record<string, unknown> }): void {
  const publicUrl = publicUrlOf(config);
  const host = request.headers.host;
  if (typeof host !== 'string' || !host) throw Boom.forbidden('A Host header is required for MCP');
  {
    const name = hostnameOf(host.toLowerCase());
    const allowed = LOOPBACK_HOSTS.has(name) || name === publicUrl.hostname || config.mcpAllowedHosts.includes(name);
    if (!allowed) throw Boom.forbidden(`Host ${host} is not allowed for MCP (set MCP_ALLOWED_HOSTS to allow it)`);
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      /* handled below */
    }
    const allowed = url !== undefined && (url.origin === publicUrl.origin || LOOPBACK_HOSTS.has(url.hostname) || config.mcpAllowedOrigins.includes(url.origin));
    if (!allowed) throw Boom.forbidden(`Origin ${origin} is not allowed for MCP (set MCP_ALLOWED_ORIGINS to allow it)`);
  } else if (origin === 'null') {
    throw Boom.forbidden('Origin null is not allowed for MCP');
  }
}
