// checkUrl: schemes, credentials, ports, and IP literals in every notation WHATWG URL parsing folds into
// a canonical address (all judged without DNS). Pure: nothing here opens a connection.
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../src/capture/net/address-policy.ts';
import { checkUrl, ipLiteral, type UrlPolicy } from '../../../src/capture/net/url-policy.ts';

const strict: UrlPolicy = { addresses: createAddressPolicy([]), allowedPorts: [] };

function blocked(url: string, policy = strict) {
  const verdict = checkUrl(url, policy);
  if (verdict.ok) throw new Error(`${url} was allowed`);
  return { reason: verdict.reason, why: verdict.why };
}

describe('checkUrl', () => {
  it.each([
    'http://example.com/',
    'https://example.com/a/b?c=d#e',
    'HTTP://EXAMPLE.COM',
    'http://example.com:80/',
    'https://example.com:443/',
    'http://example.com:443/',
    'https://example.com:80/',
    'http://8.8.8.8/',
    'http://[2606:4700:4700::1111]/',
    'http://localhost/',
    'http://127.0.0.1.nip.io/',
  ])('lets %s through (host names are judged after DNS)', (url) => {
    const verdict = checkUrl(url, strict);
    expect(verdict.ok).toBe(true);
  });

  it('returns the parsed URL', () => {
    const verdict = checkUrl('HTTPS://Example.COM:443/a/../b', strict);
    expect(verdict.ok && verdict.url.href).toBe('https://example.com/b');
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['gopher://example.com:70/', 'gopher:'],
    ['ftp://example.com/', 'ftp:'],
    ['data:text/html,<h1>x</h1>', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
    ['ws://example.com/', 'ws:'],
    ['wss://example.com/', 'wss:'],
    ['blob:https://example.com/x', 'blob:'],
    ['dict://127.0.0.1:11211/', 'dict:'],
    ['ldap://example.com/', 'ldap:'],
    ['about:blank', 'about:'],
    ['mailto:a@example.com', 'mailto:'],
  ])('refuses %s (scheme %s)', (url, scheme) => {
    expect(blocked(url)).toEqual({ reason: 'blocked-scheme', why: `only http and https URLs are fetched (not ${scheme})` });
  });

  it.each(['/relative', 'example.com', '', 'http://', 'http://[::1', 'http://1.2.3.4.5/', 'http://exa mple.com/'])(
    'refuses "%s", which is not an absolute URL',
    (url) => {
      expect(blocked(url)).toEqual({ reason: 'blocked-scheme', why: 'it is not an absolute http(s) URL' });
    },
  );

  it.each(['http://user@example.com/', 'http://user:secret@example.com/', 'https://:secret@example.com/', 'http://a%40b@example.com/'])(
    'refuses credentials in %s',
    (url) => {
      expect(blocked(url).reason).toBe('blocked-credentials');
    },
  );

  it.each([
    ['http://example.com:8080/', 8080],
    ['https://example.com:8443/', 8443],
    ['http://example.com:22/', 22],
    ['http://example.com:6379/', 6379],
    ['http://example.com:0/', 0],
    ['http://example.com:00443/', 443],
  ])('judges the port of %s', (url, port) => {
    if (port === 443) {
      expect(checkUrl(url, strict).ok).toBe(true);
      return;
    }
    expect(blocked(url)).toEqual({ reason: 'blocked-port', why: `port ${port} is not allowed` });
  });

  it('allows the ports in allowedPorts', () => {
    const policy: UrlPolicy = { addresses: createAddressPolicy([]), allowedPorts: [8080, 3000] };
    expect(checkUrl('http://example.com:8080/', policy).ok).toBe(true);
    expect(checkUrl('https://example.com:3000/', policy).ok).toBe(true);
    expect(blocked('http://example.com:8081/', policy).reason).toBe('blocked-port');
  });

  // Every notation below is a loopback, private or metadata address once WHATWG URL has parsed it.
  it.each([
    ['http://127.0.0.1/', 'loopback address 127.0.0.1'],
    ['http://2130706433/', 'loopback address 127.0.0.1'],
    ['http://0x7f000001/', 'loopback address 127.0.0.1'],
    ['http://017700000001/', 'loopback address 127.0.0.1'],
    ['http://0x7f.1/', 'loopback address 127.0.0.1'],
    ['http://0x7F.0x0.0x0.0x1/', 'loopback address 127.0.0.1'],
    ['http://0177.0.0.1/', 'loopback address 127.0.0.1'],
    ['http://0177.1/', 'loopback address 127.0.0.1'],
    ['http://127.1/', 'loopback address 127.0.0.1'],
    ['http://127.0.1/', 'loopback address 127.0.0.1'],
    ['http://127.0.0.1./', 'loopback address 127.0.0.1'],
    ['http://%31%32%37.0.0.1/', 'loopback address 127.0.0.1'],
    ['http://１２７.０.０.１/', 'loopback address 127.0.0.1'],
    ['http://127.000.000.001/', 'loopback address 127.0.0.1'],
    ['http://0/', 'unspecified address 0.0.0.0'],
    ['http://0.0.0.0/', 'unspecified address 0.0.0.0'],
    ['http://167772161/', 'private address 10.0.0.1'],
    ['http://0xa9fea9fe/', 'cloud metadata address 169.254.169.254'],
    ['http://0251.0376.0251.0376/', 'cloud metadata address 169.254.169.254'],
    ['http://169.254.43518/', 'cloud metadata address 169.254.169.254'],
    ['http://[::1]/', 'loopback address ::1'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback address ::1'],
    ['http://[::ffff:127.0.0.1]/', 'loopback address ::ffff:7f00:1 (IPv4 127.0.0.1)'],
    ['http://[::ffff:7f00:1]/', 'loopback address ::ffff:7f00:1 (IPv4 127.0.0.1)'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'loopback address ::ffff:7f00:1 (IPv4 127.0.0.1)'],
    ['http://[::ffff:a9fe:a9fe]/', 'cloud metadata address ::ffff:a9fe:a9fe (IPv4 169.254.169.254)'],
    ['http://[::127.0.0.1]/', 'reserved address ::7f00:1'],
    ['http://[fd00:ec2::254]/', 'cloud metadata address fd00:ec2::254'],
    ['http://[fe80::1]/', 'link-local address fe80::1'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64 address 64:ff9b::7f00:1'],
    ['https://10.0.0.1:443/', 'private address 10.0.0.1'],
  ])('blocks %s without DNS: %s', (url, why) => {
    expect(blocked(url)).toEqual({ reason: 'blocked-address', why });
  });

  it('lets allow-listed literals through in any notation', () => {
    const policy: UrlPolicy = { addresses: createAddressPolicy(['127.0.0.0/8', '::1/128']), allowedPorts: [8080] };
    for (const url of ['http://127.0.0.1:8080/', 'http://2130706433:8080/', 'http://0x7f.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/']) {
      expect(checkUrl(url, policy).ok, url).toBe(true);
    }
    expect(blocked('http://10.0.0.1/', policy).reason).toBe('blocked-address');
  });

  it('checks the scheme before credentials, ports and addresses', () => {
    expect(blocked('ftp://user:pw@127.0.0.1:21/').reason).toBe('blocked-scheme');
    expect(blocked('http://user:pw@127.0.0.1:21/').reason).toBe('blocked-credentials');
    expect(blocked('http://127.0.0.1:21/').reason).toBe('blocked-port');
  });
});

describe('ipLiteral', () => {
  it('unwraps IPv6 brackets and ignores DNS names', () => {
    expect(ipLiteral('[::1]')).toBe('::1');
    expect(ipLiteral('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteral('example.com')).toBeUndefined();
    expect(ipLiteral('127.0.0.1.nip.io')).toBeUndefined();
  });
});
