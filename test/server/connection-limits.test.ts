// The listener's connection limits on a real Outpost: MAX_CONNECTIONS_PER_CLIENT closes a client's extra
// connections (but not a TRUST_PROXY peer's), MAX_CONNECTIONS closes any beyond it, idle and slow
// connections are dropped after their deadlines with a 408, while streams and slow uploads still work.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { connectionKey } from '../../src/shared/client-address.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { freePort } from '../support/free-port.ts';

/** A raw TCP connection to `base` that remembers what it received and when it closed. */
class RawConnection {
  readonly socket: net.Socket;
  received = '';
  readonly closed: Promise<string>;
  readonly connected: Promise<void>;

  constructor(base: string) {
    const url = new URL(base);
    this.socket = net.connect(Number(url.port), url.hostname);
    this.socket.on('data', (chunk: Buffer) => (this.received += chunk.toString('latin1')));
    this.socket.on('error', () => {}); // a refused connection may be reset
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve(this.received)));
    this.connected = new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  /** Sends a keep-alive GET and waits for the end of its answer; the status line, or null if closed first. */
  async get(path: string): Promise<string | null> {
    const before = this.received.length;
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    const answered = new Promise<void>((resolve) => {
      const check = () => {
        const text = this.received.slice(before);
        const head = text.indexOf('\r\n\r\n');
        const length = /\r\ncontent-length: (\d+)/i.exec(text);
        if (head !== -1 && length && text.length >= head + 4 + Number(length[1])) {
          this.socket.off('data', check);
          resolve();
        }
      };
      this.socket.on('data', check);
      check();
    });
    await Promise.race([answered, this.closed]);
    const text = this.received.slice(before);
    return text === '' ? null : text.slice(0, text.indexOf('\r\n'));
  }

  close(): Promise<string> {
    this.socket.destroy();
    return this.closed;
  }
}

/** Waits until the server holds at most `count` connections (it learns of closes a moment after the client). */
async function settled(outpost: TestOutpost, count = 0): Promise<void> {
  const open = () => new Promise<number>((resolve, reject) => outpost.server.listener.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  while ((await open()) > count) await sleep(20);
}

async function openServed(base: string, count: number): Promise<RawConnection[]> {
  const connections: RawConnection[] = [];
  for (let i = 0; i < count; i++) {
    const c = new RawConnection(base);
    connections.push(c);
    expect(await c.get('/healthz')).toBe('HTTP/1.1 200 OK');
  }
  return connections;
}

describe('connection settings', () => {
  const base = { SECRET_KEY: 's'.repeat(32), DATA_DIR: '/nonexistent-outpost-test' };

  it('have defaults, and bad values stop the start with a message naming the fix', () => {
    expect(loadConfig(base).connections).toEqual({
      max: 4096,
      perClient: 64,
      keepAliveTimeoutSeconds: 5,
      headersTimeoutSeconds: 20,
      requestTimeoutSeconds: 600,
    });
    expect(() => loadConfig({ ...base, MAX_CONNECTIONS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, MAX_CONNECTIONS_PER_CLIENT: 'many' })).toThrow(/MAX_CONNECTIONS_PER_CLIENT must be an integer/);
    expect(() => loadConfig({ ...base, HEADERS_TIMEOUT_SECONDS: '90', REQUEST_TIMEOUT_SECONDS: '60' })).toThrow(
      'HEADERS_TIMEOUT_SECONDS (90) must not exceed REQUEST_TIMEOUT_SECONDS (60); lower the first or raise the second',
    );
  });

  it('count connections per IPv4 address and per IPv6 /64, and not for a trusted proxy', () => {
    const config = { trustProxy: ['10.0.0.0/8'] };
    expect(connectionKey('203.0.113.9', config)).toBe('203.0.113.9');
    expect(connectionKey('::ffff:203.0.113.9', config)).toBe('203.0.113.9');
    expect(connectionKey('2001:db8:1:2:aaaa::1', config)).toBe(connectionKey('2001:db8:1:2:bbbb::2', config));
    expect(connectionKey('10.1.2.3', config)).toBeNull();
  });
});

describe('an Outpost with 3 connections per client and short deadlines', () => {
  let outpost: TestOutpost;
  beforeAll(async () => {
    // The legacy SSE endpoint event is absolute, built from PUBLIC_URL: pin the port so it names this server.
    const port = await freePort();
    outpost = await startTestOutpost({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SIGNUP_MODE: 'open',
      MAX_CONNECTIONS_PER_CLIENT: '3',
      KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      HEADERS_TIMEOUT_SECONDS: '1',
      REQUEST_TIMEOUT_SECONDS: '2',
    });
  });
  afterAll(() => outpost.stop());
  // Each test starts with no connection open (the server learns of a close a moment after the client).
  beforeEach(() => settled(outpost));

  it("closes a client's fourth connection at once and keeps the three it has", async () => {
    const open = await openServed(outpost.url, 3);
    const extra = new RawConnection(outpost.url);
    expect(await extra.closed).toBe('');
    for (const c of open) expect(await c.get('/healthz')).toBe('HTTP/1.1 200 OK');
    await Promise.all(open.map((c) => c.close()));
  });

  it('frees the slot when one of its connections closes', async () => {
    const open = await openServed(outpost.url, 3);
    await open[0].close();
    await settled(outpost, 2);
    open[0] = new RawConnection(outpost.url);
    expect(await open[0].get('/healthz')).toBe('HTTP/1.1 200 OK');
    await Promise.all(open.map((c) => c.close()));
  });

  it('answers 408 and closes a connection that sends nothing before HEADERS_TIMEOUT_SECONDS', async () => {
    const idle = new RawConnection(outpost.url);
    await idle.connected;
    const received = await idle.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(received).toContain('The request did not arrive in time (see HEADERS_TIMEOUT_SECONDS and REQUEST_TIMEOUT_SECONDS)');
  });

  it('answers 408 to a body still arriving after REQUEST_TIMEOUT_SECONDS', async () => {
    const slow = new RawConnection(outpost.url);
    slow.socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const drip = setInterval(() => slow.socket.writable && slow.socket.write(' '), 200);
    const received = await slow.closed;
    clearInterval(drip);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(received).toContain('(see HEADERS_TIMEOUT_SECONDS and REQUEST_TIMEOUT_SECONDS)');
  });

  it('closes a keep-alive connection left idle after a response for KEEP_ALIVE_TIMEOUT_SECONDS', async () => {
    const c = new RawConnection(outpost.url);
    expect(await c.get('/healthz')).toBe('HTTP/1.1 200 OK');
    const received = await c.closed;
    expect(received).not.toContain('408');
    expect(c.socket.destroyed).toBe(true);
  });

  it('keeps an MCP stream open well past REQUEST_TIMEOUT_SECONDS (only receiving the request is timed)', async () => {
    const jwt = (await signupAndLogin(outpost, 'stream@example.com')).token;
    const token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'stream' } })).body.token as string;
    const authorization = `Bearer ${token}`;
    const transport = new SSEClientTransport(new URL('/sse', outpost.url), {
      requestInit: { headers: { Authorization: authorization } },
      eventSourceInit: {
        fetch: (url, init) => {
          const headers = new Headers(init.headers);
          headers.set('Authorization', authorization);
          return fetch(url, { ...init, headers });
        },
      },
    });
    const client = new Client({ name: 'limits-test', version: '1.0.0' });
    await client.connect(transport);
    let streamClosed = false;
    transport.onclose = () => (streamClosed = true);
    await sleep(3500); // past the 2 s request deadline and several checks of it
    const result = await client.callTool({ name: 'outpost_whoami', arguments: {} });
    expect((result.structuredContent as { user: { email: string } }).user.email).toBe('stream@example.com');
    expect(streamClosed).toBe(false);
    await client.close();
  });
});

describe('an Outpost behind a trusted proxy on loopback, with 2 connections per client and 4 in all', () => {
  let outpost: TestOutpost;
  beforeAll(async () => {
    outpost = await startTestOutpost({ TRUST_PROXY: 'loopback', MAX_CONNECTIONS_PER_CLIENT: '2', MAX_CONNECTIONS: '4', SIGNUP_MODE: 'open' });
  });
  afterAll(() => outpost.stop());
  // Each test starts with no connection open (the server learns of a close a moment after the client).
  beforeEach(() => settled(outpost));

  it('sets maxConnections on the listener', () => {
    expect(outpost.server.listener.maxConnections).toBe(4);
  });

  it("does not cap the proxy's connections per client, only in all", async () => {
    const open = await openServed(outpost.url, 4);
    const fifth = new RawConnection(outpost.url);
    expect(await fifth.closed).toBe('');
    for (const c of open) expect(await c.get('/healthz')).toBe('HTTP/1.1 200 OK');
    await Promise.all(open.map((c) => c.close()));
  });

  it('takes an upload whose body arrives over more than 10 s (hapi no longer times it out)', async () => {
    const jwt = (await signupAndLogin(outpost, 'slow@example.com')).token;
    const body = Buffer.from(JSON.stringify({ html: `<title>Slow</title><p>${'x'.repeat(200_000)}</p>` }));
    const chunks = 12;
    const size = Math.ceil(body.length / chunks);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === chunks) return controller.close();
        if (sent > 0) await sleep(1000);
        controller.enqueue(body.subarray(sent * size, (sent + 1) * size));
        sent++;
      },
    });
    const res = await fetch(new URL('/api/pages', outpost.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', 'content-length': String(body.length) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect((await res.json()).name).toBe('Slow');
  }, 30_000);
});
