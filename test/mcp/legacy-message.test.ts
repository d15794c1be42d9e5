// POST /mcp/message as the seed's step 2 shows it: no Authorization header, the session id is the
// capability. A credential, when sent, must be the one that opened the session; the opening
// credential is re-checked on every POST; session ids never appear in full in the log.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { freePort } from '../support/free-port.ts';
import { openStream, WAIT_MS } from './sse-reader.ts';

const run = promisify(execFile);

/** The seed's step 2, character for character; only its placeholder URL is replaced. */
const SEED_STEP_2 = `curl -X POST "https://outpost.click/mcp/message?session_id=<uuid>" \\
  -H "Content-Type: application/json" \\
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize"}'`;

function seedCurl(endpoint: string, extraArgs = '') {
  return run('bash', ['-c', SEED_STEP_2.replace('https://outpost.click/mcp/message?session_id=<uuid>', endpoint) + extraArgs]);
}

let outpost: TestOutpost;
let publicUrl: string;
let jwt: string;
let token: { token: string; id: string };
let sameUserToken: string;
let otherUserToken: string;
const logLines: string[] = [];
const sessionIds: string[] = [];

async function session(bearer: string) {
  const stream = await openStream(outpost.url, '/sse', { Authorization: `Bearer ${bearer}` });
  expect(stream.res.status).toBe(200);
  const first = await stream.next();
  expect(first.event).toBe('endpoint');
  sessionIds.push(new URL(first.data).searchParams.get('session_id')!);
  return { stream, endpoint: first.data };
}

function post(endpoint: string, body: string, bearer?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return fetch(endpoint, { method: 'POST', headers, body });
}

const createToken = async (name: string, as = jwt) => (await outpost.api('/api/tokens', { token: as, body: { name } })).body as { token: string; id: string };

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.trim()),
      );
      done();
    },
  });
  outpost = await startTestOutpost({ PORT: String(port), PUBLIC_URL: publicUrl, SIGNUP_MODE: 'open', LOG_LEVEL: 'info' }, { logStream });
  jwt = (await signupAndLogin(outpost, 'capability@example.com')).token;
  token = await createToken('opener');
  sameUserToken = (await createToken('second')).token;
  otherUserToken = (await createToken('other', (await signupAndLogin(outpost, 'someone-else@example.com')).token)).token;
});
afterAll(() => outpost?.stop());

describe('POST /mcp/message: the session id is the capability', () => {
  it('the seed\'s curl (no Authorization) is answered 200 {"status":"accepted"}; the answer arrives on the stream', async () => {
    const { stream, endpoint } = await session(token.token);
    const { stdout } = await seedCurl(endpoint);
    expect(stdout).toBe('{"status":"accepted"}');
    expect(await stream.response(1)).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });

    const withStatus = await seedCurl(endpoint, ` -sS -o /dev/null -w '%{http_code}'`);
    expect(withStatus.stdout).toBe('200');
    await stream.response(1);

    // Tools run as the credential that opened the stream.
    const call = await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"outpost_whoami","arguments":{}}}');
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({ status: 'accepted' });
    const whoami = (await stream.response(2)).result.structuredContent;
    expect(whoami.user.email).toBe('capability@example.com');
    expect(whoami.auth).toMatchObject({ kind: 'api_token', token_id: token.id });
    stream.close();
  });

  it('a POST with the opening credential is accepted the same way', async () => {
    const { stream, endpoint } = await session(token.token);
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', token.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted' });
    expect(await stream.response(1)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    stream.close();
  });

  it("another credential — the same user's other token, another user's token — gets 404 as for an unknown session", async () => {
    const { stream, endpoint } = await session(token.token);
    const unknown = await post(`${publicUrl}/mcp/message?session_id=${crypto.randomUUID()}`, '{"jsonrpc":"2.0","id":1,"method":"ping"}', sameUserToken);
    expect(unknown.status).toBe(404);
    const notFound = await unknown.json();
    expect(notFound.error.message).toBe('Session not found');
    for (const bearer of [sameUserToken, otherUserToken, jwt]) {
      const res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', bearer);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(notFound);
    }
    // Nothing was delivered: the next answer on the stream is the opener's.
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}')).status).toBe(200);
    expect(JSON.parse((await stream.next((e) => e.event === 'message')).data)).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    stream.close();
  });

  it("a stream opened with a login's JWT takes that JWT, not another login of the same user", async () => {
    const { stream, endpoint } = await session(jwt);
    const login = await outpost.api('/api/auth/login', { body: { email: 'capability@example.com', password: 'correct horse battery' } });
    expect(login.status).toBe(200);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', login.body.token)).status).toBe(404);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}', jwt)).status).toBe(200);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":3,"method":"ping"}')).status).toBe(200);
    expect(JSON.parse((await stream.next((e) => e.event === 'message')).data).id).toBe(2);
    expect(await stream.response(3)).toEqual({ jsonrpc: '2.0', id: 3, result: {} });
    stream.close();
  });

  it('revoking the opening token ends the session: the next POST is 404 and the stream ends', async () => {
    const doomed = await createToken('doomed');
    const { stream, endpoint } = await session(doomed.token);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}')).status).toBe(200);
    await stream.response(1);
    expect((await outpost.api(`/api/tokens/${doomed.id}`, { method: 'DELETE', token: jwt })).status).toBe(204);

    // Presenting the revoked token is an authentication failure, as everywhere.
    const presented = await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}', doomed.token);
    expect(presented.status).toBe(401);
    expect((await presented.json()).error.message).toBe('Invalid token');
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":3,"method":"ping"}');
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('Session not found');
    await expect(stream.next(() => false)).rejects.toThrow(/stream ended/);
    expect(stream.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).id)).toEqual([1]);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":4,"method":"ping"}')).status).toBe(404);
  });

  it('a dropped session is 404 Session not found', async () => {
    const { stream, endpoint } = await session(token.token);
    stream.close();
    const deadline = Date.now() + WAIT_MS;
    let res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}');
    while (res.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}');
    }
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { message: 'Session not found' } });
  });

  it('a malformed body is 400 Invalid JSON', async () => {
    const { stream, endpoint } = await session(token.token);
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Invalid JSON' } });
    stream.close();
  });

  it('an unknown session is refused before its body is read', async () => {
    const url = new URL(`/mcp/message?session_id=${crypto.randomUUID()}`, outpost.url);
    // The body is announced but never sent: only an answer given without reading it arrives.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': '1000000' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(404);
  });

  // Runs last: it reads the log of every test above.
  it('logs name sessions only by a masked prefix, never the full id', async () => {
    expect(sessionIds.length).toBeGreaterThan(5);
    expect(logLines.some((line) => line.includes('[response] post /mcp/message 200'))).toBe(true);
    for (const id of sessionIds) {
      expect(logLines.filter((line) => line.includes(id))).toEqual([]);
      expect(logLines.some((line) => line.includes(`legacy SSE session ${id.slice(0, 4)}… opened`))).toBe(true);
    }
    expect(logLines.some((line) => /legacy SSE session [0-9a-f]{4}… ended: its credential was revoked or expired/.test(line))).toBe(true);
  });
});
