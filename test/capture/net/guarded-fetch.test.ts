// The guarded fetcher against real HTTP servers on loopback: allow-lists, blocked addresses (and that a
// blocked server never even sees a connection), DNS pinning, redirects, decoding, limits and timeouts.
//
// Only loopback traffic: blocked-but-never-connected addresses (10.0.0.1, 169.254.169.254) appear only in
// lookup-hook answers, and net.connect/tls.connect are wrapped for the whole file so that any attempt to
// reach a non-loopback address throws instead of leaving the machine.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailed, type FetchFailureReason } from '../../../src/capture/net/fetch-failure.ts';
import { createGuardedFetcher, DEFAULT_USER_AGENT, type FetchOptions, type GuardedFetcher, type GuardPolicy } from '../../../src/capture/net/guarded-fetch.ts';
import { limitLookups, type LookupHook, ResolverBusy, SYSTEM_LOOKUP_LIMITS } from '../../../src/capture/net/host-lookup.ts';
import { MAX_CONTENT_CODINGS } from '../../../src/capture/net/read-body.ts';

// A throwaway self-signed certificate for fixture.test (never trusted: the TLS test expects a refusal).
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+X/CJlHA6WYAYFDp
We/Pv7Y+ke+kBGkwE9HC2h4eqhShRANCAAQcWD/3dhebCIL//Oh3jitK2yRzA+Ck
ZQFquciF0oZiNvJIs2muQmRRxmvjJleB2p9K5JE1KE4OoEXnvqtkhzyR
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBnzCCAUSgAwIBAgIUX+xT7XG+ek2VAvq1g7lCwOoQoFswCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMZml4dHVyZS50ZXN0MCAXDTI2MTEyMjE2MTQ0MFoYDzIxMjYx
MDI5MTYxNDQwWjAXMRUwEwYDVQQDDAxmaXh0dXJlLnRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQcWD/3dhebCIL//Oh3jitK2yRzA+CkZQFquciF0oZiNvJI
s2muQmRRxmvjJleB2p9K5JE1KE4OoEXnvqtkhzyRo2wwajAdBgNVHQ4EFgQUufmv
H4pz/a6/0GaLKtWkCYlH2ucwHwYDVR0jBBgwFoAUufmvH4pz/a6/0GaLKtWkCYlH
2ucwDwYDVR0TAQH/BAUwAwEB/zAXBgNVHREEEDAOggxmaXh0dXJlLnRlc3QwCgYI
KoZIzj0EAwIDSQAwRgIhAJo8gj7T++EyJjXdoIdhOST12+h6CcgEXnwpIkDDdChF
AiEAoC3lyRcX2dSPmLSTMxQVcz+wbMS3EnR4Yteiq059UBI=
-----END CERTIFICATE-----`;

// --- Loopback-only safety net ---------------------------------------------------------------------

/** Every host the code under test asked net.connect / tls.connect to reach, in order. */
const connectAttempts: string[] = [];
const realNetConnect = net.connect;
const realTlsConnect = tls.connect;

function isLoopback(host: string): boolean {
  return (net.isIPv4(host) && host.startsWith('127.')) || host === '::1';
}

function loopbackOnly<F extends (...args: never[]) => unknown>(real: F): F {
  return function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const host = typeof first === 'object' && first !== null ? (first as { host?: string }).host : (args[1] as string | undefined);
    connectAttempts.push(String(host));
    if (!host || !isLoopback(host)) throw new Error(`the test tried to connect to ${String(host)}, which is not a loopback address`);
    return real.apply(this, args as Parameters<F>);
  } as unknown as F;
}

beforeAll(() => {
  (net as { connect: unknown }).connect = loopbackOnly(realNetConnect);
  (tls as { connect: unknown }).connect = loopbackOnly(realTlsConnect);
});

afterAll(() => {
  (net as { connect: unknown }).connect = realNetConnect;
  (tls as { connect: unknown }).connect = realTlsConnect;
});

// --- Servers and fetchers ---------------------------------------------------------------------------

interface TestServer {
  port: number;
  /** http://127.0.0.1:port (or the host it listens on). */
  origin: string;
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  /** TCP connections accepted. */
  connections: number;
}

const servers: (http.Server | https.Server)[] = [];
const fetchers: GuardedFetcher[] = [];

async function listen(server: http.Server | https.Server, host: string, port: number): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

async function startServer(handler: http.RequestListener, { host = '127.0.0.1', port = 0 } = {}): Promise<TestServer> {
  const seen: TestServer = { port: 0, origin: '', requests: [], connections: 0 };
  const server = http.createServer((req, res) => {
    seen.requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', () => seen.connections++);
  seen.port = await listen(server, host, port);
  seen.origin = `http://${host.includes(':') ? `[${host}]` : host}:${seen.port}`;
  return seen;
}

/** A port nothing listens on (bound once, then released). */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function fetcherFor(policy: GuardPolicy, options?: Parameters<typeof createGuardedFetcher>[1]): GuardedFetcher {
  const fetcher = createGuardedFetcher(policy, options);
  fetchers.push(fetcher);
  return fetcher;
}

/** A lookup hook answering from a table, recording every question. */
function lookupFrom(table: Record<string, string[]>): LookupHook & { asked: string[] } {
  const asked: string[] = [];
  const hook = async (hostname: string) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: (net.isIPv6(address) ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(hook, { asked });
}

const OPTIONS: FetchOptions = { timeoutMs: 5000, maxBytes: 10 * 1024 * 1024 };

async function failure(promise: Promise<unknown>): Promise<FetchFailed> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchFailed);
    return e as FetchFailed;
  }
  throw new Error('the fetch succeeded');
}

async function expectFailure(promise: Promise<unknown>, reason: FetchFailureReason): Promise<FetchFailed> {
  const err = await failure(promise);
  expect(err.reason, err.message).toBe(reason);
  return err;
}

afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
  connectAttempts.length = 0;
});

const hello: http.RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] });
  res.end('<h1>hello</h1>');
};

// --- Tests ------------------------------------------------------------------------------------------

describe('with loopback allow-listed', () => {
  it('fetches, sending a real User-Agent, Accept and Accept-Encoding', async () => {
    const server = await startServer(hello);
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const res = await fetcher.fetch(`${server.origin}/page?q=1#frag`, OPTIONS);
    expect(res).toMatchObject({
      requestedUrl: `${server.origin}/page?q=1#frag`,
      url: `${server.origin}/page?q=1`,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      redirects: [],
    });
    expect(res.body.toString()).toBe('<h1>hello</h1>');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(server.requests[0].url).toBe('/page?q=1');
    expect(server.requests[0].headers).toMatchObject({
      'user-agent': DEFAULT_USER_AGENT,
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      host: `127.0.0.1:${server.port}`,
    });
    expect(connectAttempts).toEqual(['127.0.0.1']);

    await fetcher.fetch(server.origin, { ...OPTIONS, accept: 'text/css' });
    expect(server.requests[1].headers.accept).toBe('text/css');
  });

  it('keeps connections alive per origin, up to `connections` at once', async () => {
    const server = await startServer(hello);
    const policy = { allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] };
    const single = fetcherFor(policy, { connections: 1 });
    for (let i = 0; i < 5; i++) await single.fetch(`${server.origin}/${i}`, OPTIONS);
    expect(server.connections).toBe(1);

    const pooled = fetcherFor(policy, { connections: 3 });
    for (let i = 0; i < 5; i++) await pooled.fetch(`${server.origin}/s${i}`, OPTIONS);
    await Promise.all(Array.from({ length: 12 }, (_, i) => pooled.fetch(`${server.origin}/p${i}`, OPTIONS)));
    expect(server.requests).toHaveLength(22);
    expect(server.connections).toBeLessThanOrEqual(1 + 3);
  });

  it('fetches over IPv6 loopback when ::1 is allowed', async () => {
    const server = await startServer(hello, { host: '::1' });
    const fetcher = fetcherFor({ allowedNetworks: ['::1/128'], allowedPorts: [server.port] });
    const res = await fetcher.fetch(`${server.origin}/`, OPTIONS);
    expect(res.body.toString()).toBe('<h1>hello</h1>');
    expect(connectAttempts).toEqual(['::1']);
  });

  it('connects to the checked address of a host name, keeping the name in Host', async () => {
    const server = await startServer(hello);
    const lookup = lookupFrom({ 'fixture.test': ['127.0.0.1'] });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port], lookup }, { connections: 1 });
    const res = await fetcher.fetch(`http://fixture.test:${server.port}/x`, OPTIONS);
    expect(res.url).toBe(`http://fixture.test:${server.port}/x`);
    expect(server.requests[0].headers.host).toBe(`fixture.test:${server.port}`);
    expect(connectAttempts).toEqual(['127.0.0.1']);
    // The kept-alive connection serves the next request without another lookup.
    await fetcher.fetch(`http://fixture.test:${server.port}/y`, OPTIONS);
    expect(lookup.asked).toEqual(['fixture.test']);
  });

  it('uses the allowed addresses of a host that also has blocked ones', async () => {
    const server = await startServer(hello, { host: '127.0.0.1' });
    const decoy = await startServer(hello, { host: '127.0.0.2', port: server.port });
    const lookup = lookupFrom({ 'mixed.test': ['127.0.0.2', '10.0.0.1', '127.0.0.1', '169.254.169.254'] });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.1/32'], allowedPorts: [server.port], lookup });
    const res = await fetcher.fetch(`http://mixed.test:${server.port}/`, OPTIONS);
    expect(res.status).toBe(200);
    expect(connectAttempts).toEqual(['127.0.0.1']);
    expect(decoy.connections).toBe(0);
  });

  it('tries the next allowed address when one refuses', async () => {
    const server = await startServer(hello, { host: '127.0.0.1' });
    const lookup = lookupFrom({ 'two.test': ['127.0.0.3', '127.0.0.1'] });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port], lookup });
    const res = await fetcher.fetch(`http://two.test:${server.port}/`, OPTIONS);
    expect(res.status).toBe(200);
    expect(connectAttempts).toEqual(['127.0.0.3', '127.0.0.1']);
  });

  it('sends SNI for the host name and verifies its certificate over the pinned connection', async () => {
    const servernames: string[] = [];
    const context = tls.createSecureContext({ key: TLS_KEY, cert: TLS_CERT });
    const server = https.createServer(
      {
        key: TLS_KEY,
        cert: TLS_CERT,
        SNICallback: (servername, done) => {
          servernames.push(servername);
          done(null, context);
        },
      },
      hello,
    );
    server.on('tlsClientError', () => {});
    const port = await listen(server, '127.0.0.1', 0);
    const lookup = lookupFrom({ 'fixture.test': ['127.0.0.1'] });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [port], lookup });
    // The certificate is self-signed, so the fetch must fail; the server still saw the handshake's SNI.
    const err = await expectFailure(fetcher.fetch(`https://fixture.test:${port}/`, OPTIONS), 'network');
    expect(err.message).toMatch(/self[- ]signed/i);
    expect(connectAttempts).toEqual(['127.0.0.1']);
    expect(lookup.asked).toEqual(['fixture.test']);
    expect(servernames).toEqual(['fixture.test']);
  });
});

describe('the default policy', () => {
  it('blocks loopback by address, by notation, by localhost and by a name that resolves to it, without connecting', async () => {
    const server = await startServer(hello);
    const lookup = lookupFrom({ 'innocent.test': ['127.0.0.1'] });
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [server.port], lookup });
    const viaSystemDns = fetcherFor({ allowedNetworks: [], allowedPorts: [server.port] });
    const hint = '(set CAPTURE_ALLOWED_NETWORKS to allow it)';

    // An address the user typed is named, with its class and the setting.
    let err = await expectFailure(fetcher.fetch(`${server.origin}/`, OPTIONS), 'blocked-address');
    expect(err.message).toBe(`${server.origin}/ is blocked: loopback address 127.0.0.1 ${hint}`);
    expect(err.detail).toBe(err.message);
    expect(err.url).toBe(`${server.origin}/`);
    for (const url of [
      `http://2130706433:${server.port}/`,
      `http://0x7f.1:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
      `http://[::1]:${server.port}/`,
    ]) {
      await expectFailure(fetcher.fetch(url, OPTIONS), 'blocked-address');
    }
    // What a name resolves to is only in the detail, for the log.
    err = await expectFailure(fetcher.fetch(`http://innocent.test:${server.port}/`, OPTIONS), 'blocked-address');
    expect(err.message).toBe(`http://innocent.test:${server.port}/ is blocked: innocent.test resolves to an address that is not public`);
    expect(err.detail).toBe(`http://innocent.test:${server.port}/ is blocked: innocent.test resolves to loopback address 127.0.0.1 ${hint}`);
    err = await expectFailure(viaSystemDns.fetch(`http://localhost:${server.port}/`, OPTIONS), 'blocked-address');
    expect(err.message).toBe(`http://localhost:${server.port}/ is blocked: localhost resolves to an address that is not public`);
    expect(err.detail).toMatch(/localhost resolves to loopback address (127\.0\.0\.1|::1)/);

    expect(server.requests).toEqual([]);
    expect(server.connections).toBe(0);
    expect(connectAttempts).toEqual([]);
  });

  it('blocks ports other than 80 and 443', async () => {
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [] });
    const err = await expectFailure(fetcher.fetch('http://example.com:8080/', OPTIONS), 'blocked-port');
    expect(err.message).toBe('http://example.com:8080/ is blocked: port 8080 is not allowed (set CAPTURE_ALLOWED_PORTS to allow it)');
    expect(connectAttempts).toEqual([]);
  });

  it('blocks other schemes and credentials, masking the password', async () => {
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [] });
    await expectFailure(fetcher.fetch('file:///etc/passwd', OPTIONS), 'blocked-scheme');
    await expectFailure(fetcher.fetch('gopher://example.com/', OPTIONS), 'blocked-scheme');
    await expectFailure(fetcher.fetch('not a url', OPTIONS), 'blocked-scheme');
    const err = await expectFailure(fetcher.fetch('http://user:hunter2@example.com/', OPTIONS), 'blocked-credentials');
    expect(err.message).not.toContain('hunter2');
    expect(err.url).toBe('http://***@example.com/');
    expect(connectAttempts).toEqual([]);
  });

  it('refuses a host whose every address is blocked, naming them only in the detail (for the log)', async () => {
    const lookup = lookupFrom({
      'internal.test': ['10.0.0.1', 'fd00::1'],
      'metadata.test': ['169.254.169.254'],
      'many.test': ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'],
    });
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [], lookup });
    const err = await expectFailure(fetcher.fetch('http://internal.test/', OPTIONS), 'blocked-address');
    expect(err.message).toBe('http://internal.test/ is blocked: internal.test resolves to an address that is not public');
    expect(err.detail).toBe(
      'http://internal.test/ is blocked: internal.test resolves to private address 10.0.0.1, unique local address fd00::1 (set CAPTURE_ALLOWED_NETWORKS to allow it)',
    );
    // Whatever a name resolves to, users see the same words: no address, no class, no setting.
    for (const name of ['metadata.test', 'many.test']) {
      const other = await expectFailure(fetcher.fetch(`http://${name}/`, OPTIONS), 'blocked-address');
      expect(other.message).toBe(`http://${name}/ is blocked: ${name} resolves to an address that is not public`);
      expect(other.detail).toMatch(/ resolves to (cloud metadata|private) address /);
    }
    expect(connectAttempts).toEqual([]);
  });

  it('reports a failed or empty lookup as dns, in the same words whatever the resolver said', async () => {
    const lookup: LookupHook = async (hostname) => {
      if (hostname === 'empty.test') return [];
      if (hostname === 'servfail.test') throw Object.assign(new Error('getaddrinfo EAI_AGAIN servfail.test'), { code: 'EAI_AGAIN' });
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [], lookup });
    let err = await expectFailure(fetcher.fetch('http://missing.test/', OPTIONS), 'dns');
    expect(err.message).toBe('http://missing.test/ failed: missing.test could not be resolved');
    expect(err.detail).toBe('http://missing.test/ failed: missing.test could not be resolved (ENOTFOUND: nope)');
    err = await expectFailure(fetcher.fetch('http://servfail.test/', OPTIONS), 'dns');
    expect(err.message).toBe('http://servfail.test/ failed: servfail.test could not be resolved');
    expect(err.detail).toBe('http://servfail.test/ failed: servfail.test could not be resolved (getaddrinfo EAI_AGAIN servfail.test)');
    err = await expectFailure(fetcher.fetch('http://empty.test/', OPTIONS), 'dns');
    expect(err.message).toBe('http://empty.test/ failed: empty.test could not be resolved');
    expect(err.detail).toBe('http://empty.test/ failed: empty.test could not be resolved (it resolved to no address)');
    expect(connectAttempts).toEqual([]);
  });
});

describe('redirects', () => {
  /** A server redirecting /r/<n> to /r/<n+1> until /r/<last>, which answers 200. */
  async function chain(last: number) {
    return startServer((req, res) => {
      const n = Number(req.url?.split('/')[2]);
      if (n >= last) return hello(req, res);
      res.writeHead(302, { location: `/r/${n + 1}` });
      res.end('moved');
    });
  }

  it('follows up to maxRedirects (default 5), re-checking each hop', async () => {
    const server = await chain(5);
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] }, { connections: 1 });
    const res = await fetcher.fetch(`${server.origin}/r/0`, OPTIONS);
    expect(res.url).toBe(`${server.origin}/r/5`);
    expect(res.redirects).toEqual([1, 2, 3, 4, 5].map((n) => `${server.origin}/r/${n}`));
    expect(server.connections).toBe(1);

    const err = await expectFailure(fetcher.fetch(`${server.origin}/r/0`, { ...OPTIONS, maxRedirects: 4 }), 'too-many-redirects');
    expect(err.url).toBe(`${server.origin}/r/4`);
    await expectFailure(fetcher.fetch(`${server.origin}/r/0`, { ...OPTIONS, maxRedirects: 0 }), 'too-many-redirects');
    const six = await chain(6);
    await expectFailure(fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [six.port] }).fetch(`${six.origin}/r/0`, OPTIONS), 'too-many-redirects');
  });

  it('resolves relative and scheme-relative Locations, for every redirect status', async () => {
    const server = await startServer((req, res) => {
      const location: Record<string, string> = {
        '/a/b': '../c?x=1',
        '/c?x=1': `//127.0.0.1:${(req.socket.address() as net.AddressInfo).port}/d`,
        '/d': 'e',
        '/e': '/f#top',
      };
      const statuses: Record<string, number> = { '/a/b': 301, '/c?x=1': 303, '/d': 307, '/e': 308 };
      const target = location[req.url ?? ''];
      if (!target) return hello(req, res);
      res.writeHead(statuses[req.url ?? ''], { location: target });
      res.end();
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const res = await fetcher.fetch(`${server.origin}/a/b`, OPTIONS);
    expect(res.redirects).toEqual([`${server.origin}/c?x=1`, `${server.origin}/d`, `${server.origin}/e`, `${server.origin}/f`]);
    expect(res.url).toBe(`${server.origin}/f`);
    expect(server.requests.map((r) => r.url)).toEqual(['/a/b', '/c?x=1', '/d', '/e', '/f']);
  });

  it('refuses a redirect without a Location or with an invalid one', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/none') res.writeHead(302);
      else res.writeHead(302, { location: 'http://[oops' });
      res.end();
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    let err = await expectFailure(fetcher.fetch(`${server.origin}/none`, OPTIONS), 'bad-redirect');
    expect(err.message).toBe(`${server.origin}/none redirected (302) without a Location`);
    err = await expectFailure(fetcher.fetch(`${server.origin}/bad`, OPTIONS), 'bad-redirect');
    expect(err.message).toBe(`${server.origin}/bad redirected (302) to an invalid Location "http://[oops"`);
  });

  it('refuses a redirect to a blocked address before connecting to it', async () => {
    const targets: Record<string, string> = {
      '/metadata': 'http://metadata.test/latest/meta-data/',
      '/private': 'http://intranet.test/',
      '/literal': 'http://169.254.169.254/latest/meta-data/',
      '/file': 'file:///etc/passwd',
      '/port': 'http://intranet.test:6379/',
    };
    const server = await startServer((req, res) => {
      res.writeHead(302, { location: targets[req.url ?? ''] });
      res.end();
    });
    const lookup = lookupFrom({ 'metadata.test': ['169.254.169.254'], 'intranet.test': ['10.0.0.1'] });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port], lookup });

    const err = await expectFailure(fetcher.fetch(`${server.origin}/metadata`, OPTIONS), 'blocked-address');
    expect(err.message).toBe(
      `http://metadata.test/latest/meta-data/ (redirected from ${server.origin}/metadata) is blocked: ` +
        'metadata.test resolves to an address that is not public',
    );
    expect(err.detail).toBe(
      `http://metadata.test/latest/meta-data/ (redirected from ${server.origin}/metadata) is blocked: ` +
        'metadata.test resolves to cloud metadata address 169.254.169.254 (set CAPTURE_ALLOWED_NETWORKS to allow it)',
    );
    expect(err.url).toBe('http://metadata.test/latest/meta-data/');
    await expectFailure(fetcher.fetch(`${server.origin}/private`, OPTIONS), 'blocked-address');
    await expectFailure(fetcher.fetch(`${server.origin}/literal`, OPTIONS), 'blocked-address');
    await expectFailure(fetcher.fetch(`${server.origin}/file`, OPTIONS), 'blocked-scheme');
    await expectFailure(fetcher.fetch(`${server.origin}/port`, OPTIONS), 'blocked-port');
    expect(lookup.asked).toEqual(['metadata.test', 'intranet.test']);
    expect(connectAttempts.every((host) => host === '127.0.0.1')).toBe(true);
  });

  it('refuses a redirect to another loopback address outside the allow-list', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.2:${server.port}/` });
      res.end();
    });
    const other = await startServer(hello, { host: '127.0.0.2', port: server.port });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.1/32'], allowedPorts: [server.port] });
    const err = await expectFailure(fetcher.fetch(`${server.origin}/`, OPTIONS), 'blocked-address');
    expect(err.message).toContain('is blocked: loopback address 127.0.0.2');
    expect(other.connections).toBe(0);
    expect(connectAttempts).toEqual(['127.0.0.1']);
  });
});

describe('bodies', () => {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(2000);
  const encoded: Record<string, Buffer> = {
    gzip: zlib.gzipSync(text),
    'x-gzip': zlib.gzipSync(text),
    br: zlib.brotliCompressSync(text),
    deflate: zlib.deflateSync(text),
    'deflate ': zlib.deflateRawSync(text), // raw deflate, as some servers send it
    'gzip, br': zlib.brotliCompressSync(zlib.gzipSync(text)),
    identity: Buffer.from(text),
    GZip: zlib.gzipSync(text),
  };

  it.each(Object.keys(encoded))('decodes Content-Encoding "%s"', async (encoding) => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding.trim(), 'content-type': 'text/plain' });
      res.end(encoded[encoding]);
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const res = await fetcher.fetch(server.origin, OPTIONS);
    expect(res.body.toString()).toBe(text);
    expect(res.headers['content-encoding']).toBe(encoding.trim());
  });

  it('fails on a corrupt or unsupported encoding', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-encoding': req.url === '/zstd' ? 'zstd' : 'gzip' });
      res.end('this is not gzip at all');
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    let err = await expectFailure(fetcher.fetch(`${server.origin}/gz`, OPTIONS), 'network');
    expect(err.message).toContain('sent a body that is not valid gzip');
    err = await expectFailure(fetcher.fetch(`${server.origin}/zstd`, OPTIONS), 'network');
    expect(err.message).toContain('unsupported Content-Encoding "zstd"');
  });

  it('allows a body of exactly maxBytes', async () => {
    const server = await startServer((_req, res) => res.end(Buffer.alloc(4096, 1)));
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    expect((await fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 4096 })).body.length).toBe(4096);
  });

  it('returns a large body byte for byte, with or without Content-Length', async () => {
    const bytes = Buffer.from(Array.from({ length: 700_000 }, (_, i) => (i * 31) % 251));
    const server = await startServer((req, res) => {
      if (req.url === '/sized') res.writeHead(200, { 'content-length': bytes.length });
      // Written in pieces, so the body arrives as many chunks either way.
      for (let at = 0; at < bytes.length; at += 50_000) res.write(bytes.subarray(at, at + 50_000));
      res.end();
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    for (const path of ['/sized', '/chunked']) {
      const { body } = await fetcher.fetch(server.origin + path, { ...OPTIONS, maxBytes: 1 << 20 });
      expect(body.equals(bytes)).toBe(true);
    }
  });

  it('stops a chunked body without Content-Length the moment it passes maxBytes', async () => {
    let closed = false;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => res.write(Buffer.alloc(1024, 7)), 2);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 8 * 1024 }), 'too-large');
    expect(err.message).toBe(`${server.origin}/ is larger than 8192 bytes`);
    await expect.poll(() => closed).toBe(true);
  });

  it('counts decoded bytes, not the (truthful but small) Content-Length of a gzip bomb', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 1024 * 1024 }), 'too-large');
  });

  it('refuses at once a declared Content-Length above maxBytes', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': 1_000_000 });
      res.write(Buffer.alloc(10));
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 1000 }), 'too-large');
    expect(err.message).toContain('(Content-Length 1000000)');
  });

  it('reports decoded chunk sizes to onBytes and stops when it returns false', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.alloc(200_000, 3)));
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    let total = 0;
    const res = await fetcher.fetch(server.origin, {
      ...OPTIONS,
      onBytes: (n) => {
        total += n;
      },
    });
    expect(res.body.length).toBe(200_000);
    expect(total).toBe(200_000);

    let calls = 0;
    const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, onBytes: () => ++calls < 2 }), 'too-large');
    expect(calls).toBe(2);
    expect(err.message).toContain('byte budget is used up');
  });

  it(`refuses more than ${MAX_CONTENT_CODINGS} stacked Content-Encodings without decoding any`, async () => {
    const text = 'stacked';
    const gzip3 = zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(text)));
    const server = await startServer((req, res) => {
      if (req.url === '/two') {
        res.writeHead(200, { 'content-encoding': 'gzip, gzip' });
        res.end(zlib.gzipSync(zlib.gzipSync(text)));
      } else if (req.url === '/three') {
        res.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip' });
        res.end(gzip3);
      } else {
        // The review's case: thousands of layers (only the header matters, it is refused before decoding).
        res.writeHead(200, { 'content-encoding': Array(2000).fill('gzip').join(',') });
        res.end(gzip3);
      }
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    expect((await fetcher.fetch(`${server.origin}/two`, OPTIONS)).body.toString()).toBe(text);
    let err = await expectFailure(fetcher.fetch(`${server.origin}/three`, OPTIONS), 'network');
    expect(err.message).toBe(`${server.origin}/three used 3 stacked Content-Encodings "gzip, gzip, gzip": at most 2 are decoded`);
    err = await expectFailure(fetcher.fetch(`${server.origin}/many`, OPTIONS), 'network');
    expect(err.message).toContain('used 2000 stacked Content-Encodings "gzip,gzip,');
    expect(err.message.length).toBeLessThan(300);
  });

  it('holds the compressed body to a limit near maxBytes even when it decodes to nothing', async () => {
    // Empty gzip members, one after another: valid gzip that decodes to 0 bytes, however much of it arrives.
    const empties = Buffer.concat(Array(10_000).fill(zlib.gzipSync(Buffer.alloc(0)))); // 200 000 bytes
    const server = await startServer((req, res) => {
      if (req.url === '/wire') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(empties);
      } else {
        // Stacked: a small body whose outer layer decodes to ~10 MB of still-encoded (empty) gzip members.
        res.writeHead(200, { 'content-encoding': 'gzip, gzip' });
        res.end(zlib.gzipSync(Buffer.concat(Array(50).fill(empties))));
      }
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const limit = 1024 + (1024 >> 6) + 64 * 1024;
    let err = await expectFailure(fetcher.fetch(`${server.origin}/wire`, { ...OPTIONS, maxBytes: 1024 }), 'too-large');
    expect(err.message).toBe(`${server.origin}/wire sent more than ${limit} compressed bytes`);
    err = await expectFailure(fetcher.fetch(`${server.origin}/stacked`, { ...OPTIONS, maxBytes: 1024 }), 'too-large');
    expect(err.message).toBe(`${server.origin}/stacked decodes to more than ${limit} bytes that are still encoded`);
    // Under the limit, the same kind of body is fine.
    expect((await fetcher.fetch(`${server.origin}/wire`, { ...OPTIONS, maxBytes: 1024 * 1024 })).body.length).toBe(0);
  });

  describe('a body that has fully arrived but takes long to decode', () => {
    // A few hundred bytes on the wire (so it has all arrived with the headers), 32 MiB (2048 chunks) decoded.
    const decodedSize = 32 * 1024 * 1024;
    const slowToDecode = zlib.gzipSync(zlib.gzipSync(Buffer.alloc(decodedSize)));
    const serve = () =>
      startServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip, gzip', 'content-length': slowToDecode.length });
        res.end(slowToDecode);
      });
    /** Blocks the event loop, as a long decode keeps the fetch busy. */
    const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

    it('still stops at timeoutMs', async () => {
      expect(slowToDecode.length).toBeLessThan(1024);
      const server = await serve();
      const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
      let decoded = 0;
      const onBytes = (n: number) => {
        // The first decoded chunk comes after the headers and the whole body; then the deadline passes.
        if (decoded === 0) sleep(400);
        decoded += n;
      };
      const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 2 * decodedSize, timeoutMs: 250, onBytes }), 'timeout');
      expect(err.message).toBe(`${server.origin}/ did not answer completely within 250 ms`);
      expect(decoded).toBeGreaterThan(0);
      expect(decoded, 'decoding stopped with the fetch').toBeLessThan(decodedSize);
    });

    it("still stops when the caller's signal aborts", async () => {
      const server = await serve();
      const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
      const controller = new AbortController();
      let decoded = 0;
      const onBytes = (n: number) => {
        decoded += n;
        controller.abort();
      };
      const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, maxBytes: 2 * decodedSize, signal: controller.signal, onBytes }), 'aborted');
      expect(err.message).toBe(`Fetching ${server.origin}/ was aborted`);
      expect(decoded, 'decoding stopped with the fetch').toBeLessThan(decodedSize);
    });
  });
});

describe('failures', () => {
  it('fails with the status of a non-2xx answer', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(req.url === '/gone' ? 404 : 500);
      res.end('no');
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    let err = await expectFailure(fetcher.fetch(`${server.origin}/gone`, OPTIONS), 'status');
    expect(err.status).toBe(404);
    expect(err.message).toBe(`${server.origin}/gone answered 404 Not Found`);
    err = await expectFailure(fetcher.fetch(`${server.origin}/boom`, OPTIONS), 'status');
    expect(err.status).toBe(500);
  });

  it('reports a refused connection', async () => {
    const port = await unusedPort();
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [port] });
    const err = await expectFailure(fetcher.fetch(`http://127.0.0.1:${port}/`, OPTIONS), 'refused');
    expect(err.message).toBe(`http://127.0.0.1:${port}/ refused the connection`);
  });

  it('times out a server that never answers, or stops mid-body', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200);
        res.write('partial');
      }
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const err = await expectFailure(fetcher.fetch(`${server.origin}/silent`, { ...OPTIONS, timeoutMs: 200 }), 'timeout');
    expect(err.message).toBe(`${server.origin}/silent did not answer completely within 200 ms`);
    await expectFailure(fetcher.fetch(`${server.origin}/stall`, { ...OPTIONS, timeoutMs: 200 }), 'timeout');
  });

  it('counts the timeout across redirect hops', async () => {
    const server = await startServer((req, res) => {
      const n = Number(req.url?.slice(1));
      setTimeout(() => {
        res.writeHead(302, { location: `/${n + 1}` });
        res.end();
      }, 120);
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    await expectFailure(fetcher.fetch(`${server.origin}/0`, { ...OPTIONS, timeoutMs: 300, maxRedirects: 20 }), 'timeout');
  });

  it('limits OS lookups to 2 at once (the rest wait their turn) and says why a lookup could not wait', async () => {
    expect(SYSTEM_LOOKUP_LIMITS).toEqual({ concurrency: 2, maxWaiting: 32 });
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const slow: LookupHook = async (hostname) => {
      order.push(`start ${hostname}`);
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      order.push(`end ${hostname}`);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const limited = limitLookups(slow, SYSTEM_LOOKUP_LIMITS);
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => limited(name)));
    expect(answers).toHaveLength(5);
    expect(most).toBe(2);
    expect(order.slice(0, 2)).toEqual(['start a', 'start b']);
    expect(order.indexOf('start c')).toBeGreaterThan(order.findIndex((step) => step.startsWith('end ')));

    // More than maxWaiting waiting: refused at once, as the resolver being busy.
    const tiny = limitLookups(slow, { concurrency: 1, maxWaiting: 1 });
    const first = tiny('one');
    const second = tiny('two');
    await expect(tiny('three')).rejects.toBeInstanceOf(ResolverBusy);
    await Promise.all([first, second]);
  });

  it('drops a waiting lookup whose caller gave up, but keeps the turn of a running one until it settles', async () => {
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const manual: LookupHook = (hostname) => {
      started.push(hostname);
      return new Promise((resolve) => finish.set(hostname, () => resolve([{ address: '127.0.0.1', family: 4 }])));
    };
    const limited = limitLookups(manual, { concurrency: 1, maxWaiting: 8 });
    const runningCaller = new AbortController();
    const waitingCaller = new AbortController();
    const running = limited('running', runningCaller.signal);
    const waiting = limited('waiting', waitingCaller.signal);
    const next = limited('next');
    await expect.poll(() => started).toEqual(['running']);

    waitingCaller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    // The running lookup's caller gives up too, but its lookup still holds the only turn.
    runningCaller.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['running']);
    finish.get('running')!();
    await running;
    await expect.poll(() => started).toEqual(['running', 'next']);
    finish.get('next')!();
    await next;
    expect(started).not.toContain('waiting');
  });

  it('gives a limited lookup that waited past the connect timeout up as a connect timeout, without running it', async () => {
    const asked: string[] = [];
    const hanging: LookupHook = (hostname) => {
      asked.push(hostname);
      return new Promise(() => {});
    };
    const lookup = limitLookups(hanging, { concurrency: 1, maxWaiting: 8 });
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [], lookup }, { connectTimeoutMs: 100 });
    const [stalled, queued] = await Promise.all([
      expectFailure(fetcher.fetch('http://stalled.test/', OPTIONS), 'connect-timeout'),
      expectFailure(fetcher.fetch('http://queued.test/', OPTIONS), 'connect-timeout'),
    ]);
    expect(stalled.message).toBe('http://stalled.test/ failed: stalled.test did not resolve within 100 ms');
    expect(queued.message).toBe('http://queued.test/ failed: queued.test did not resolve within 100 ms');
    expect(asked).toEqual(['stalled.test']);

    // One running, one waiting: a third is refused at once.
    const busy = limitLookups(hanging, { concurrency: 1, maxWaiting: 1 });
    const busyFetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [], lookup: busy }, { connectTimeoutMs: 100 });
    const [, , refused] = await Promise.all([
      expectFailure(busyFetcher.fetch('http://stalled.test/', OPTIONS), 'connect-timeout'),
      expectFailure(busyFetcher.fetch('http://queued.test/', OPTIONS), 'connect-timeout'),
      expectFailure(busyFetcher.fetch('http://other.test/', OPTIONS), 'dns'),
    ]);
    expect(refused.message).toBe('http://other.test/ failed: other.test could not be resolved: too many host names are being resolved at once');
  });

  it('times out a lookup that hangs as a connect timeout', async () => {
    const lookup: LookupHook = () => new Promise(() => {});
    const fetcher = fetcherFor({ allowedNetworks: [], allowedPorts: [], lookup }, { connectTimeoutMs: 100 });
    const err = await expectFailure(fetcher.fetch('http://slow-dns.test/', { ...OPTIONS, timeoutMs: 2000 }), 'connect-timeout');
    expect(err.message).toBe('http://slow-dns.test/ failed: slow-dns.test did not resolve within 100 ms');
    expect(connectAttempts).toEqual([]);
  });

  it('stops when the signal aborts, and does not start when it already has', async () => {
    const server = await startServer(() => {});
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await expectFailure(fetcher.fetch(server.origin, { ...OPTIONS, signal: controller.signal }), 'aborted');
    expect(err.message).toBe(`Fetching ${server.origin}/ was aborted`);

    const connections = server.connections;
    await expectFailure(fetcher.fetch(`${server.origin}/again`, { ...OPTIONS, signal: AbortSignal.abort() }), 'aborted');
    expect(server.connections).toBe(connections);
    expect(server.requests.map((r) => r.url)).toEqual(['/']);
  });

  it('stops every fetch that shares the caller signal', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/fast') hello(req, res);
    });
    const fetcher = fetcherFor({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [server.port] });
    const controller = new AbortController();
    const { signal } = controller;
    await fetcher.fetch(`${server.origin}/fast`, { ...OPTIONS, signal });
    const pending = Array.from({ length: 12 }, (_, i) => expectFailure(fetcher.fetch(`${server.origin}/slow${i}`, { ...OPTIONS, signal }), 'aborted'));
    await expect.poll(() => server.requests.length).toBe(9); // the default 8 connections are busy
    controller.abort();
    await Promise.all(pending);
  });
});
