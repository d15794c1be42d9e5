// POST /mcp/message?session_id=…: the client's messages to a legacy SSE session (MCP 2024-11-05).
// The session id is the capability (legacy-sessions.ts says who may post); an accepted POST is
// answered 200 {"status":"accepted"} and the JSON-RPC answers arrive on the session's stream.
// Errors: 404 Session not found, 400 Invalid JSON, 401 for a bad Authorization header, 403 for a
// foreign Origin/Host. At most MAX_BATCH messages per POST, each one request of the user's budget
// (a tools/call pays at the REST route it runs through).
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../auth/caller.ts';
import { bearerCredential } from '../auth/credentials.ts';
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import type { Services } from '../services.ts';
import { batchSizeError, lenientInitialize } from './http-transport.ts';
import { admitPost, findLegacySession, maskSessionId, type LegacySession, type PresentedCredential } from './legacy-sessions.ts';
import { checkOriginAndHost } from './origin.ts';
import { rateLimitedError } from './rate-limited.ts';
import { INVALID_REQUEST, PARSE_ERROR, refusal, SESSION_NOT_FOUND } from './transport-refusals.ts';

/** Same limit as the SDK's own SSE server transport. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const NOT_FOUND = 'Session not found';

/** Registers POST /mcp/message on `app`'s sessions; needs the `outpost-optional` auth strategy. */
export function registerLegacyMessages(server: Server, app: Services, cors: { origin: string[]; additionalExposedHeaders: string[] }): void {
  server.route({
    method: 'POST',
    path: '/mcp/message',
    options: {
      auth: { strategy: 'outpost-optional', mode: 'optional' },
      tags: ['mcp'],
      cors,
      // The body is read only for a live session (checked before auth and body) and parsed here, so
      // its errors are ours.
      ext: {
        onPreAuth: {
          method: (request, h) => {
            checkOriginAndHost(app.config, request);
            sessionOf(app, request);
            return h.continue;
          },
        },
      },
      payload: { parse: false, output: 'data', maxBytes: MAX_MESSAGE_BYTES },
      handler: (request, h) => acceptMessages(app, request, h),
    },
  });
}

async function acceptMessages(app: Services, request: Request, h: ResponseToolkit) {
  const session = sessionOf(app, request);
  const admission = await admitPost(session, presentedCredential(request));
  if (admission === 'ended') {
    request.log(['mcp', 'legacy'], `legacy SSE session ${maskSessionId(session.transport.sessionId)} ended: its credential was revoked or expired`);
  }
  if (admission !== 'admitted') throw refusal(404, SESSION_NOT_FOUND, NOT_FOUND);

  let body: unknown;
  try {
    body = JSON.parse(Buffer.isBuffer(request.payload) ? request.payload.toString('utf8') : String(request.payload ?? ''));
  } catch {
    throw refusal(400, PARSE_ERROR, 'Invalid JSON');
  }
  const filled = lenientInitialize(body);
  const batch = Array.isArray(filled) ? filled : [filled];
  const sizeError = batchSizeError(batch.length);
  if (sizeError) return h.response(sizeError).code(400);
  const parsed = batch.map((m) => JSONRPCMessageSchema.safeParse(m));
  if (parsed.some((p) => !p.success)) throw refusal(400, INVALID_REQUEST, 'Invalid JSON-RPC message');
  const extra = { requestInfo: { headers: request.headers as Record<string, string> } };
  for (const p of parsed) {
    const spent = await spendBudget(app, session.opener, p.data!);
    if (session.transport.closed) break;
    if (spent.allowed) session.transport.deliver(p.data!, extra);
    else if (spent.answer) await session.transport.send(spent.answer);
  }
  return h.response({ status: 'accepted' }).code(200);
}

/** The live session the query names, or the 404 (another user's session is indistinguishable from none). */
function sessionOf(app: Services, request: Request): LegacySession {
  const session = findLegacySession(app, queryParam(request, 'session_id') ?? queryParam(request, 'sessionId') ?? '');
  if (!session) throw refusal(404, SESSION_NOT_FOUND, NOT_FOUND);
  return session;
}

function presentedCredential(request: Request): PresentedCredential | undefined {
  if (!request.auth.isAuthenticated) return undefined;
  const caller = (request.auth.credentials as { caller?: Caller } | null)?.caller;
  const bearer = bearerCredential(request.headers.authorization as string | undefined);
  return caller && bearer ? { caller, bearer } : undefined;
}

/**
 * Charges one message to the user's request budget. A refused request gets `answer`, a JSON-RPC
 * error that says when to retry; a refused notification or response is dropped (nothing answers it).
 */
async function spendBudget(app: Services, caller: Caller, message: JSONRPCMessage): Promise<{ allowed: true } | { allowed: false; answer?: JSONRPCMessage }> {
  const m = message as { method?: string; id?: string | number };
  // A tool call pays at the REST route it runs through, as on Streamable HTTP.
  if (m.method === 'tools/call') return { allowed: true };
  try {
    await app.limits.consumeRequest(caller.user.id);
    return { allowed: true };
  } catch (e) {
    if (!(e instanceof RateLimitExceeded)) throw e;
    if (m.method === undefined || m.id === undefined) return { allowed: false };
    return { allowed: false, answer: { jsonrpc: '2.0', id: m.id, error: rateLimitedError(e) } };
  }
}

function queryParam(request: Request, name: string): string | undefined {
  const value = request.query[name] as string | string[] | undefined;
  return Array.isArray(value) ? value[0] : value;
}
