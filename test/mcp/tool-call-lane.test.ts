// The tool-call lane (src/mcp/tool-call-lane.ts) answers a lone stateless tools/call before hapi. Its answer must
// be the one the hapi route and the SDK server give: the same call with an empty `_meta` (which the lane leaves to
// hapi, and which changes nothing for the SDK) is the reference, over real HTTP on one server.
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolCallLaneStats } from '../../src/mcp/tool-call-lane.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;
let readOnlyToken: string;
let pageId: string;
const log: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter(Boolean)));
  outpost = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream });
  const { token: jwt } = await signupAndLogin(outpost, 'lane@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'lane' } })).body.token;
  readOnlyToken = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'ro', scopes: ['pages:read'] } })).body.token;
  pageId = (await outpost.api('/api/pages', { token, body: { name: 'lane', html: '<h1>lane</h1>' } })).body.id;
  expect(pageId).toMatch(/^\w+/);
});
afterAll(() => outpost.stop());

const answered = () => toolCallLaneStats(outpost.server)!.answered;

async function post(body: string, headers: Record<string, string> = {}, bearer = token) {
  const res = await fetch(new URL('/mcp', outpost.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  // A page's preview link carries a token minted at each call with its own expiry: compared apart from it.
  const text = (await res.text()).replace(/([?&]preview=)[\w.~-]+/g, '$1<token>');
  const compared = Object.fromEntries([...res.headers].filter(([name]) => !['date', 'x-request-id', 'connection', 'keep-alive'].includes(name)));
  return { status: res.status, headers: compared, requestId: res.headers.get('x-request-id'), text };
}

/** The call through the lane, then through hapi (the same message with `_meta: {}`): both answers, and whether the lane took the first. */
async function both(params: Record<string, unknown>, id: string | number = 7, bearer = token) {
  await post(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } }), {}, bearer); // caches the credential
  const before = answered();
  const lane = await post(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }), {}, bearer);
  const tookIt = answered() === before + 1;
  const hapi = await post(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { ...params, _meta: {} } }), {}, bearer);
  expect(answered()).toBe(before + 1);
  return { lane, hapi, tookIt };
}

describe('the lane answers as hapi and the SDK do', () => {
  const kindOf = (text: string) => {
    const message = JSON.parse(text);
    return message.error ? 'error' : message.result.isError ? 'error result' : 'result';
  };
  const cases: [string, 'result' | 'error result' | 'error', () => Record<string, unknown>, (string | number)?, (() => string)?][] = [
    ['a result with structured content', 'result', () => ({ name: 'outpost_whoami', arguments: {} })],
    ['a string request id', 'result', () => ({ name: 'outpost_whoami' }), 'call-1'],
    ['a list with a page', 'result', () => ({ name: 'outpost_list', arguments: { limit: 5 } })],
    ['a page and its resource link', 'result', () => ({ name: 'outpost_get', arguments: { page_id: pageId } })],
    ['an unknown tool (a JSON-RPC error)', 'error', () => ({ name: 'outpost_nope', arguments: {} })],
    ['arguments that break the schema (an error result)', 'error result', () => ({ name: 'outpost_get', arguments: { page_id: 42 } })],
    [
      'a page that does not exist (the REST 404 as an error result)',
      'error result',
      () => ({ name: 'outpost_get', arguments: { page_id: 'pg_doesnotexist0' } }),
    ],
    ['a tool the token may not use (unknown to it)', 'error', () => ({ name: 'outpost_delete', arguments: { page_id: pageId } }), 9, () => readOnlyToken],
  ];
  for (const [what, kind, params, id, bearer] of cases) {
    it(what, async () => {
      const { lane, hapi, tookIt } = await both(params(), id, bearer?.());
      expect(tookIt).toBe(true);
      expect(lane.status).toBe(hapi.status);
      expect(lane.headers).toEqual(hapi.headers);
      expect(lane.text).toBe(hapi.text);
      expect(lane.requestId).toMatch(/^\d+:[^:]+(:[^:]+)*:\d{6,8}$/);
      expect(kindOf(lane.text)).toBe(kind);
    });
  }

  it('writes the same access-log line as hapi', async () => {
    const { lane, hapi } = await both({ name: 'outpost_whoami', arguments: {} });
    const lineOf = (requestId: string | null) => JSON.parse(log.find((l) => l.includes(`"${requestId}"`) && l.includes('[response]'))!);
    const [a, b] = [lineOf(lane.requestId), lineOf(hapi.requestId)];
    for (const line of [a, b]) {
      expect(line.msg).toMatch(/^\[response\] post \/mcp 200 \(\d+ms\)$/);
      expect(line.req).toMatchObject({ method: 'post', url: '/mcp' });
      expect(line.client).toBe('127.0.0.1');
      expect(line.res.statusCode).toBe(200);
    }
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  });
});

describe('2026-07-28 calls: the lane answers as SDK 2.x does', () => {
  const envelope = (clientInfo: Record<string, string>) => ({
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': clientInfo,
  });
  const modernHeaders = (name: string) => ({
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'tools/call',
    'mcp-name': name,
  });
  /** The call through the lane, then through hapi and the SDK (the same call, its client info with a title the lane leaves to them). */
  async function modernBoth(params: { name: string; arguments?: Record<string, unknown> }, bearer = token) {
    await both({ name: 'outpost_whoami' }, 0, bearer); // caches the credential
    const before = answered();
    const send = (clientInfo: Record<string, string>) =>
      post(
        JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { ...params, _meta: envelope(clientInfo) } }),
        modernHeaders(params.name),
        bearer,
      );
    const lane = await send({ name: 'lane-test', version: '1' });
    const tookIt = answered() === before + 1;
    const sdk = await send({ name: 'lane-test', version: '1', title: 'Lane test' });
    expect(answered()).toBe(before + 1);
    return { lane, sdk, tookIt };
  }
  const cases: [string, () => { name: string; arguments?: Record<string, unknown> }, (() => string)?][] = [
    ['a result, stamped with its type and the server', () => ({ name: 'outpost_whoami', arguments: {} })],
    ['a page', () => ({ name: 'outpost_get', arguments: { page_id: pageId } })],
    ['an unknown tool', () => ({ name: 'outpost_nope', arguments: {} })],
    ['arguments that break the schema', () => ({ name: 'outpost_get', arguments: { page_id: 42 } })],
    ['a page that does not exist', () => ({ name: 'outpost_get', arguments: { page_id: 'pg_doesnotexist0' } })],
    ['a tool the token may not use', () => ({ name: 'outpost_delete', arguments: { page_id: pageId } }), () => readOnlyToken],
  ];
  // hapi streams a compressed answer (chunked), the lane knows its length: the framing may differ.
  const framing = ['content-length', 'transfer-encoding'];
  const unframed = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([name]) => !framing.includes(name)));
  for (const [what, params, bearer] of cases) {
    it(what, async () => {
      const { lane, sdk, tookIt } = await modernBoth(params(), bearer?.());
      expect(tookIt).toBe(true);
      expect(lane.status).toBe(sdk.status);
      expect(unframed(lane.headers)).toEqual(unframed(sdk.headers));
      expect(lane.text).toBe(sdk.text);
    });
  }

  it('leaves to hapi a call whose headers do not match it, or whose client declares an extension', async () => {
    await both({ name: 'outpost_whoami' });
    const before = answered();
    const body = (meta: Record<string, unknown>) =>
      JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {}, _meta: meta } });
    const plain = envelope({ name: 'lane-test', version: '1' });
    const mismatched = await post(body(plain), modernHeaders('outpost_list'));
    expect(mismatched.status).toBe(400);
    const tasks = await post(
      body({ ...plain, 'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } } }),
      modernHeaders('outpost_whoami'),
    );
    expect(JSON.parse(tasks.text).result.structuredContent.user.email).toBe('lane@example.com');
    expect(answered()).toBe(before);
  });
});

describe('compression, as hapi does it', () => {
  it('an answer of 1 KiB or more varies on Accept-Encoding and is gzipped for a client that takes it', async () => {
    for (let i = 0; i < 6; i++) await outpost.api('/api/pages', { token, body: { name: `big-${i}`, html: '<p>big</p>' } });
    const params = { name: 'outpost_list', arguments: { limit: 20 } };
    const zipped = { 'accept-encoding': 'gzip, deflate' };
    await post(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'tools/call', params: { name: 'outpost_whoami' } }));
    for (const headers of [{ 'accept-encoding': 'identity' }, zipped]) {
      const before = answered();
      const lane = await post(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params }), headers);
      const hapi = await post(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { ...params, _meta: {} } }), headers);
      expect(answered()).toBe(before + 1);
      expect(lane.text.length).toBeGreaterThan(1024);
      expect(lane.text).toBe(hapi.text);
      const framing = ['content-length', 'transfer-encoding'];
      const without = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([name]) => !framing.includes(name)));
      expect(without(lane.headers)).toEqual(without(hapi.headers));
      expect(lane.headers.vary).toBe('origin,accept-encoding');
      expect(lane.headers['content-encoding']).toBe(headers === zipped ? 'gzip' : undefined);
    }
  });
});

describe('what the lane leaves to hapi arrives whole', () => {
  it('other messages, batches and bodies that are not JSON, after the lane has read them', async () => {
    await both({ name: 'outpost_whoami' });
    const before = answered();
    const list = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    expect(JSON.parse(list.text).result.tools.map((t: { name: string }) => t.name)).toContain('outpost_whoami');
    const batch = await post(JSON.stringify([{ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'outpost_whoami' } }]));
    expect(JSON.parse(batch.text)[0].result.structuredContent.user.email).toBe('lane@example.com');
    const broken = await post('{"jsonrpc":"2.0","id":3,"method":"tools/call"');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text).error.code).toBe(-32700);
    const extra = await post(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'outpost_whoami' }, extra: true }));
    expect(extra.status).toBe(400);
    expect(answered()).toBe(before);
  });

  it('a `__proto__` key and `arguments: null` (hapi refuses the first, the SDK the second)', async () => {
    await both({ name: 'outpost_whoami' });
    const before = answered();
    const poisoned = await post('{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"outpost_whoami","arguments":{"__proto__":{"x":1}}}}');
    expect(poisoned.status).toBe(400);
    expect(JSON.parse(poisoned.text).error.code).toBe(-32700);
    const nulled = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'outpost_whoami', arguments: null } }));
    expect(JSON.parse(nulled.text).error).toBeDefined();
    expect(answered()).toBe(before);
  });

  it('a credential the cache does not hold yet goes through hapi, which answers a bad one with its 401', async () => {
    const before = answered();
    const bad = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_whoami' } }), {}, 'op_notatoken');
    expect(bad.status).toBe(401);
    expect(answered()).toBe(before);
  });

  it('a body sent in many small pieces', async () => {
    await both({ name: 'outpost_whoami' });
    const before = answered();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'outpost_get', arguments: { page_id: pageId } } });
    const reply = await new Promise<string>((resolve, reject) => {
      const req = http.request(new URL('/mcp', outpost.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(body.length) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      void (async () => {
        for (let i = 0; i < body.length; i += 16) {
          req.write(body.slice(i, i + 16));
          await new Promise((r) => setTimeout(r, 2));
        }
        req.end();
      })();
    });
    expect(JSON.parse(reply).result.structuredContent.id).toBe(pageId);
    expect(answered()).toBe(before + 1);
  });
});

describe('a spent budget', () => {
  let limited: TestOutpost;
  let limitedToken: string;
  beforeAll(async () => {
    limited = await startTestOutpost({ RATE_LIMIT_REQUESTS: '3' });
    const { token: jwt } = await signupAndLogin(limited, 'budget@example.com');
    limitedToken = (await limited.api('/api/tokens', { token: jwt, body: { name: 'budget' } })).body.token;
  });
  afterAll(() => limited?.stop());

  it('a 2025 call over the budget is refused in its result, as the route refuses it; a 2026-07-28 one goes to hapi, which answers 429', async () => {
    const call = (headers: Record<string, string>, meta?: Record<string, unknown>) =>
      fetch(new URL('/mcp', limited.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${limitedToken}`, 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'outpost_whoami', arguments: {}, ...(meta ? { _meta: meta } : {}) },
        }),
      });
    const modern = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'budget', version: '1' },
    };
    const modernHeaders = {
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'outpost_whoami',
    };
    // 2025 calls until the budget is spent: the route refuses the call, in its result.
    let refusedInResult = false;
    for (let i = 0; i < 4 && !refusedInResult; i++) {
      const plain = await call({});
      expect(plain.status).toBe(200);
      const result = (await plain.json()).result;
      refusedInResult = result.isError === true && /Rate limit exceeded/.test(result.content[0].text);
    }
    expect(refusedInResult).toBe(true);
    const before = toolCallLaneStats(limited.server)!.answered;
    // Count the charges of the refused call: one, as the SDK path (a non-empty `_meta` it leaves to hapi) makes.
    const limits = limited.app.limits;
    const consume = limits.consumeRequest;
    let charges = 0;
    limits.consumeRequest = (...args) => {
      charges++;
      return consume.apply(limits, args);
    };
    let sdkText: string;
    try {
      const sdk = await call(modernHeaders, { ...modern, 'example.com/via': 'sdk' });
      expect(sdk.status).toBe(429);
      sdkText = await sdk.text();
      expect(charges).toBe(1);
      charges = 0;
    } finally {
      limits.consumeRequest = consume;
    }
    limits.consumeRequest = (...args) => {
      charges++;
      return consume.apply(limits, args);
    };
    let refused: Response;
    try {
      refused = await call(modernHeaders, modern);
    } finally {
      limits.consumeRequest = consume;
    }
    expect(charges).toBe(1);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusedText = await refused.text();
    expect(JSON.parse(refusedText).error.message).toMatch(/^Rate limit exceeded/);
    const retryIn = (text: string) => text.replace(/Retry in \d+ s/, 'Retry in N s');
    expect(retryIn(refusedText)).toBe(retryIn(sdkText));
    // The refused 2026-07-28 call went to hapi, which refused it.
    expect(toolCallLaneStats(limited.server)!.answered).toBe(before);
  });
});
