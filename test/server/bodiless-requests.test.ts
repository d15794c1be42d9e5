// Requests without Content-Length or Transfer-Encoding (no body, RFC 9112 §6.3) on a real Outpost, whose listener
// skips their request streams' events (connection-limits.ts): every reader of a body sees an empty one and answers
// at once, as it did when the stream ended the usual way.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;
let pageId: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  ({ token } = await signupAndLogin(outpost, 'bodiless@example.com'));
  const created = await outpost.api('/api/pages', { token, body: { visibility: 'public', files: [{ path: 'index.html', content: 'hello' }] } });
  expect(created.status).toBe(201);
  pageId = created.body.id as string;
});
afterAll(() => outpost?.stop());

/** Sends the request line and headers only (no Content-Length, no body); the status code and body it gets. */
function bodiless(requestLine: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(outpost.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const at = received.indexOf('\r\n\r\n');
      resolve({ status: Number(received.split(' ', 2)[1]), body: at < 0 ? '' : received.slice(at + 4) });
    });
    const lines = Object.entries({ host: url.host, connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`${requestLine} HTTP/1.1\r\n${lines.join('')}\r\n`);
  });
}

describe('a request without a body', () => {
  it('is answered by every route that reads one, as for an empty body', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const json = { 'content-type': 'application/json' };
    const pages = await bodiless('POST /api/pages', { ...auth, ...json });
    expect(pages.status).toBe(400);
    expect(pages.body).toContain('The request body is required');
    const upload = await bodiless('POST /api/pages', { ...auth, 'content-type': 'multipart/form-data; boundary=x' });
    expect(upload.status).toBe(400);
    const mcp = await bodiless('POST /mcp', { ...auth, ...json, accept: 'application/json, text/event-stream' });
    expect(mcp.status).toBe(400);
    expect(mcp.body).toContain('Invalid Request');
    const oauth = await bodiless('POST /oauth/token', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(oauth.status).toBe(400);
    expect(oauth.body).toContain('invalid_request');
  });

  it('is served as before: a page, and a 405 for a method pages do not take', async () => {
    const page = await bodiless(`GET /p/${pageId}/index.html`);
    expect(page).toEqual({ status: 200, body: 'hello' });
    expect((await bodiless(`POST /p/${pageId}/index.html`)).status).toBe(405);
  });
});
