// TRUST_PROXY: which client a request comes from behind reverse proxies (X-Forwarded-For read from the right,
// trusted proxies skipped), the /64 grouping of IPv6 rate-limit keys, the config errors, and a real Outpost on
// 127.0.0.1 whose passcode-gate budgets follow the forwarded client only when the proxy is trusted.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { GATE_ATTEMPTS } from '../../src/serve/gate.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { clientAddress, rateLimitKey, resolveClientAddress, trustedProxies } from '../../src/shared/client-address.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
const resolve = (peer: string, xff?: string | string[]) => resolveClientAddress(peer, xff, proxies);

describe('resolveClientAddress', () => {
  it('trusts nobody by default: the peer, whatever X-Forwarded-For says', () => {
    const nobody = trustedProxies([]);
    expect(resolveClientAddress('127.0.0.1', '1.2.3.4', nobody)).toBe('127.0.0.1');
    expect(resolveClientAddress('::ffff:127.0.0.1', '1.2.3.4', nobody)).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(resolve('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(resolve('11.0.0.1', '1.2.3.4')).toBe('11.0.0.1');
  });

  it('takes the right-most untrusted entry from a trusted peer', () => {
    expect(resolve('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('127.0.0.1', ' 198.51.100.7 ')).toBe('198.51.100.7');
    // No header, or an empty one: the proxy itself.
    expect(resolve('127.0.0.1')).toBe('127.0.0.1');
    expect(resolve('127.0.0.1', '')).toBe('127.0.0.1');
  });

  it('walks through chains of trusted proxies', () => {
    expect(resolve('127.0.0.1', '198.51.100.7, 10.1.2.3, 10.9.9.9')).toBe('198.51.100.7');
    expect(resolve('10.0.0.1', '198.51.100.7,10.1.2.3')).toBe('198.51.100.7');
    // Repeated headers (as an array) are one list.
    expect(resolve('127.0.0.1', ['198.51.100.7', '10.1.2.3'])).toBe('198.51.100.7');
    // Every hop trusted: the left-most.
    expect(resolve('127.0.0.1', '10.1.1.1, 10.2.2.2')).toBe('10.1.1.1');
  });

  it('ignores spoofed entries left of the first untrusted one', () => {
    expect(resolve('127.0.0.1', '1.1.1.1, 2.2.2.2, 198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('127.0.0.1', '10.0.0.5, 198.51.100.7, 10.0.0.6')).toBe('198.51.100.7');
    expect(resolve('127.0.0.1', 'not-an-ip, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('falls back to the peer on a malformed entry met on the way', () => {
    for (const xff of ['garbage', '198.51.100.7:1234', '198.51.100.7, ', '1.2.3.4,,10.0.0.1', '[2001:db8::1]', '0x7f.1', '1.2.3.4 5.6.7.8', 'unknown']) {
      expect(resolve('127.0.0.1', xff), xff).toBe('127.0.0.1');
    }
    // An unparsable peer (a closed socket) is passed through as is.
    expect(resolveClientAddress(undefined, '1.2.3.4', proxies)).toBe('');
  });

  it('normalizes IPv4-mapped IPv6, in the peer, the entries and the trust list', () => {
    expect(resolve('::ffff:127.0.0.1', '::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('::ffff:10.2.3.4', '198.51.100.7, ::ffff:10.0.0.9')).toBe('198.51.100.7');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.7', trustedProxies(['::ffff:127.0.0.0/104']))).toBe('198.51.100.7');
  });

  it('handles IPv6 peers, entries and proxies', () => {
    expect(resolve('fd00::1', '2001:DB8::7')).toBe('2001:db8::7');
    expect(resolve('fd00::1', '2001:db8::7, fd12::3')).toBe('2001:db8::7');
    expect(resolve('2001:db8::9', '2001:db8::7')).toBe('2001:db8::9');
    expect(resolve('127.0.0.1', '2001:db8:0:0:0:0:0:7')).toBe('2001:db8::7');
  });

  it('`loopback` trusts 127.0.0.0/8 and ::1 (mapped or not), nothing else', () => {
    const loopback = trustedProxies(['loopback']);
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(resolveClientAddress(peer, '198.51.100.7', loopback), peer).toBe('198.51.100.7');
    for (const peer of ['10.0.0.1', '::2', '192.168.1.1']) expect(resolveClientAddress(peer, '198.51.100.7', loopback), peer).toBe(peer);
    expect(resolveClientAddress('127.0.0.1', '198.51.100.7, 10.0.0.1', trustedProxies(['LOOPBACK', '10.0.0.0/8']))).toBe('198.51.100.7');
  });

  it('clientAddress reads the hapi request once', () => {
    const config = { trustProxy: ['127.0.0.1'] };
    const request = { info: { remoteAddress: '127.0.0.1' }, headers: { 'x-forwarded-for': '198.51.100.7' } } as never as Parameters<typeof clientAddress>[0];
    expect(clientAddress(request, config)).toBe('198.51.100.7');
    (request.headers as Record<string, string>)['x-forwarded-for'] = '198.51.100.8';
    expect(clientAddress(request, config)).toBe('198.51.100.7');
  });
});

describe('rateLimitKey', () => {
  it('keeps IPv4 addresses, groups IPv6 ones by /64', () => {
    expect(rateLimitKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2::ffff')).toBe(rateLimitKey('2001:DB8:1:2:aaaa::1'));
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(rateLimitKey('2001:db8:1:2::1'));
    expect(rateLimitKey('::1')).toBe('::/64');
    expect(rateLimitKey('')).toBe('');
  });
});

describe('TRUST_PROXY in the config', () => {
  const load = (value?: string) =>
    loadConfig({ SECRET_KEY: 's'.repeat(32), DATA_DIR: '/nonexistent-outpost-test', ...(value === undefined ? {} : { TRUST_PROXY: value }) });

  it('defaults to nobody; takes CIDRs, addresses and loopback', () => {
    expect(load().trustProxy).toEqual([]);
    expect(load('').trustProxy).toEqual([]);
    expect(load(' 127.0.0.1 , 10.0.0.0/8,fd00::/8,loopback,,').trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback']);
  });

  it('stops the start with one line on a bad entry', () => {
    for (const bad of ['yes', 'true', '10.0.0.0/33', '10.0.0.0/8/1', '300.1.1.1', 'proxy.example.com', '127.0.0.1:80', '10.0.0.0/x', 'fd00::/129']) {
      let error: unknown;
      try {
        load(`127.0.0.1,${bad}`);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`TRUST_PROXY entries must be proxy networks like 10.0.0.0/8, addresses like 127.0.0.1, or loopback (got "${bad}")`);
    }
  });
});

// Against a real Outpost: every request comes from the loopback peer, the visitors differ only in X-Forwarded-For.
interface Res {
  status: number;
  body: string;
}

async function request(outpost: TestOutpost, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  const res = await rawRequest(outpost.url, path, { method: body === undefined ? 'GET' : 'POST', headers, body });
  return { status: res.status, body: res.text };
}

function passIn(outpost: TestOutpost, id: string, passcode: string, xff?: string): Promise<Res> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (xff !== undefined) headers['x-forwarded-for'] = xff;
  return request(outpost, `/p/${id}/__gate`, headers, new URLSearchParams({ passcode }).toString());
}

async function gatedPage(outpost: TestOutpost, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await outpost.api('/api/pages', {
    token,
    body: { files: [{ path: 'index.html', content: '<p>behind the gate</p>' }], visibility: 'shared', passcodes: ['right one'], ...extra },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function exhaust(outpost: TestOutpost, id: string, xff?: string): Promise<void> {
  for (let i = 0; i < GATE_ATTEMPTS; i++) expect((await passIn(outpost, id, `wrong ${i}`, xff)).status).toBe(401);
  expect((await passIn(outpost, id, 'wrong again', xff)).status).toBe(429);
}

describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
  let outpost: TestOutpost;
  let token: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    outpost = await startTestOutpost({ TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' }, { logStream });
    const session = await signupAndLogin(outpost, 'owner@example.com');
    token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'proxy' } })).body.token;
  });
  afterAll(() => outpost?.stop());

  it('gives each forwarded client its own passcode-gate budget', async () => {
    const id = await gatedPage(outpost, token);
    await exhaust(outpost, id, '198.51.100.1');
    // Blocked even with the right passcode, and whatever it puts left of the proxy's entry.
    expect((await passIn(outpost, id, 'right one', '198.51.100.1')).status).toBe(429);
    expect((await passIn(outpost, id, 'right one', '203.0.113.5, 198.51.100.1')).status).toBe(429);
    // Another visitor through the same proxy still gets the gate normally.
    const other = await passIn(outpost, id, 'wrong', '198.51.100.2');
    expect(other.status).toBe(401);
    expect(other.body).toContain('name="passcode"');
    expect((await passIn(outpost, id, 'right one', '198.51.100.2')).status).toBe(303);
  });

  it('counts an IPv6 client by its /64', async () => {
    const id = await gatedPage(outpost, token);
    await exhaust(outpost, id, '2001:db8:1:2::1');
    expect((await passIn(outpost, id, 'right one', '2001:db8:1:2::ffff')).status).toBe(429);
    expect((await passIn(outpost, id, 'right one', '2001:db8:1:3::1')).status).toBe(303);
  });

  it('limits sign-in attempts per forwarded client', async () => {
    const login = (xff: string) =>
      outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: 'wrong password' }, headers: { 'x-forwarded-for': xff } });
    let first = await login('198.51.100.30');
    let attempts = 0;
    while (first.status === 401 && attempts++ < 100) first = await login('198.51.100.30');
    expect(first.status).toBe(429);
    expect((await login('198.51.100.31')).status).toBe(401);
  });

  it('logs the forwarded client', async () => {
    const id = await gatedPage(outpost, token, { visibility: 'public', passcodes: [] });
    // The first reads go through hapi, later ones may take the fast path: both log the forwarded client.
    const fast = fastPathStats(outpost.server)!.served;
    for (let i = 0; i < 3; i++) expect((await request(outpost, `/p/${id}/`, { 'x-forwarded-for': '198.51.100.44' })).status).toBe(200);
    expect(fastPathStats(outpost.server)!.served).toBeGreaterThan(fast);
    const served = lines.filter((l) => typeof l.req === 'object' && (l.req as { url?: string }).url === `/p/${id}/` && l.res !== undefined);
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const line of served) expect(line.client).toBe('198.51.100.44');
  });
});

describe('without TRUST_PROXY', () => {
  let outpost: TestOutpost;
  let token: string;

  beforeAll(async () => {
    outpost = await startTestOutpost();
    const session = await signupAndLogin(outpost, 'owner@example.com');
    token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'direct' } })).body.token;
  });
  afterAll(() => outpost?.stop());

  it('ignores X-Forwarded-For: a spoofed header gets no fresh budget', async () => {
    const id = await gatedPage(outpost, token);
    await exhaust(outpost, id, '198.51.100.1');
    expect((await passIn(outpost, id, 'right one', '198.51.100.2')).status).toBe(429);
    expect((await passIn(outpost, id, 'right one')).status).toBe(429);
  });
});
