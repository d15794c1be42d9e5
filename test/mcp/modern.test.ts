// MCP 2026-07-28 on /mcp: the SDK's 2.x client (server/discover, then stateless requests with no
// initialize), the revision's wire rules checked request by request (headers, envelope, versions,
// removed methods, cache hints), pages as resources, completion, subscriptions/listen, and the
// earlier revisions' clients served by the same process at the same time.
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { envelope, MODERN_VERSION, modernCall, modernFetch, type ModernRequest } from './modern-wire.ts';
import { SseReader } from './sse-reader.ts';

let outpost: TestOutpost;
let token: string;
let otherToken: string;
/** pages:write only: it may publish, not read. */
let writeOnlyToken: string;

async function apiToken(email: string, scopes?: string[]) {
  const { token: jwt } = await signupAndLogin(outpost, email);
  const created = await outpost.api('/api/tokens', { token: jwt, body: { name: 'modern', ...(scopes ? { scopes } : {}) } });
  expect(created.status).toBe(201);
  return created.body.token as string;
}

beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open', RATE_LIMIT_REQUESTS: '100000' });
  token = await apiToken('modern@example.com');
  otherToken = await apiToken('other@example.com');
  writeOnlyToken = await apiToken('reader@example.com', ['pages:write']);
});
afterAll(async () => {
  await outpost?.stop();
});

const VERSION = MODERN_VERSION;
const META = envelope();

type RequestOptions = Pick<ModernRequest, 'headers' | 'meta' | 'signal'> & { bearer?: string };

function modernRequest(method: string, params: Record<string, unknown> = {}, options: RequestOptions = {}) {
  return modernFetch({ url: new URL('/mcp', outpost.url), bearer: options.bearer ?? token, method, params, ...options });
}

function modern(method: string, params: Record<string, unknown> = {}, options: RequestOptions = {}) {
  return modernCall({ url: new URL('/mcp', outpost.url), bearer: options.bearer ?? token, method, params, ...options });
}

/** A subscriptions/listen stream, read as it comes; closing it cancels the request. */
async function listen(notifications: object, bearer = token): Promise<{ status: number; stream: SseReader }> {
  const abort = new AbortController();
  const res = await modernRequest('subscriptions/listen', { notifications }, { bearer, signal: abort.signal });
  return { status: res.status, stream: new SseReader(res, abort) };
}

async function modernClient(bearer = token, mode: 'auto' | { pin: string } = { pin: VERSION }) {
  const client = new ModernClient({ name: 'modern-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(new ModernTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } }));
  return client;
}

describe('the 2.x client', () => {
  it('pins 2026-07-28: discover, then tools with no initialize and no session', async () => {
    const client = await modernClient();
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getNegotiatedProtocolVersion()).toBe(VERSION);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['outpost_create', 'outpost_list', 'outpost_get_job']));
    const created = await client.callTool({ name: 'outpost_create', arguments: { html: '<h1>Hi</h1>', name: 'Modern page' } });
    expect(created.isError).toBeFalsy();
    const page = created.structuredContent as { id: string; url: string };
    expect(JSON.parse((created.content as { text: string }[])[0].text)).toMatchObject({ id: page.id, name: 'Modern page' });
    expect((created.content as object[])[1]).toMatchObject({ type: 'resource_link', uri: `outpost://pages/${page.id}`, name: 'Modern page' });
    expect((await fetch(page.url)).status).toBe(200);
    await client.close();
  });

  it('auto mode picks 2026-07-28 too', async () => {
    const client = await modernClient(token, 'auto');
    expect(client.getProtocolEra()).toBe('modern');
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    await client.close();
  });

  it('reads pages as resources, with templates and completion', async () => {
    const client = await modernClient();
    const made = await client.callTool({
      name: 'outpost_create',
      arguments: {
        name: 'Resource site',
        files: [
          { path: 'index.html', content: '<h1>Home</h1>' },
          { path: 'assets/app.css', content: 'h1{color:red}' },
          { path: 'logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64'), encoding: 'base64' },
        ],
      },
    });
    const id = (made.structuredContent as { id: string }).id;
    const { resources } = await client.listResources();
    expect(resources.find((r) => r.uri === `outpost://pages/${id}`)).toMatchObject({
      name: 'Resource site',
      mimeType: 'application/json',
      size: expect.any(Number),
    });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['outpost://pages/{page_id}', 'outpost://pages/{page_id}/{+path}']);

    const page = await client.readResource({ uri: `outpost://pages/${id}` });
    const meta = JSON.parse((page.contents[0] as { text: string }).text);
    expect(meta).toMatchObject({ id, name: 'Resource site', default_file: 'index.html' });
    expect(meta.files.map((f: { path: string }) => f.path)).toEqual(['assets/app.css', 'index.html', 'logo.png']);
    expect(page.contents[1]).toMatchObject({ uri: `outpost://pages/${id}/index.html`, mimeType: expect.stringContaining('text/html'), text: '<h1>Home</h1>' });

    const css = await client.readResource({ uri: `outpost://pages/${id}/assets/app.css` });
    expect(css.contents).toEqual([{ uri: `outpost://pages/${id}/assets/app.css`, mimeType: expect.stringContaining('text/css'), text: 'h1{color:red}' }]);
    const png = await client.readResource({ uri: `outpost://pages/${id}/logo.png` });
    expect(Buffer.from((png.contents[0] as { blob: string }).blob, 'base64')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));

    const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'outpost://pages/{page_id}' }, argument: { name: 'page_id', value: 'Resource' } });
    expect(ids.completion.values).toEqual([id]);
    const paths = await client.complete({
      ref: { type: 'ref/resource', uri: 'outpost://pages/{page_id}/{+path}' },
      argument: { name: 'path', value: 'ass' },
      context: { arguments: { page_id: id } },
    });
    expect(paths.completion.values).toEqual(['assets/app.css']);
    await client.close();
  });

  it("another user's page, a missing page and a missing file are -32602, never an empty result", async () => {
    const mine = await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>mine</p>' } });
    const id = mine.body.result.structuredContent.id;
    for (const [uri, bearer] of [
      [`outpost://pages/${id}`, otherToken],
      [`outpost://pages/${id}/index.html`, otherToken],
      ['outpost://pages/NoSuchPage', token],
      [`outpost://pages/${id}/nope.css`, token],
      ['https://example.com/', token],
    ] as const) {
      const res = await modern('resources/read', { uri }, { bearer });
      expect(res.body.error, uri).toMatchObject({ code: -32602, message: expect.stringMatching(/not found/i) });
    }
    const theirs = await modern('resources/list', {}, { bearer: otherToken });
    expect(theirs.body.result.resources.map((r: { uri: string }) => r.uri)).not.toContain(`outpost://pages/${id}`);
    const completion = await modern(
      'completion/complete',
      { ref: { type: 'ref/resource', uri: 'outpost://pages/{page_id}' }, argument: { name: 'page_id', value: id.slice(0, 3) } },
      { bearer: otherToken },
    );
    expect(completion.body.result.completion.values).not.toContain(id);
  });

  it('a token without pages:read lists no pages (only the page card)', async () => {
    await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>write only</p>' } }, { bearer: writeOnlyToken });
    const res = await modern('resources/list', {}, { bearer: writeOnlyToken });
    expect(res.body.result.resources.map((r: { uri: string }) => r.uri)).toEqual(['ui://outpost/page-card']);
  });
});

describe('the revision on the wire', () => {
  it('server/discover: versions, capabilities, serverInfo in _meta, instructions, private cache hints', async () => {
    const res = await modern('server/discover');
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: [VERSION],
      capabilities: {
        tools: { listChanged: true },
        resources: { listChanged: true, subscribe: true },
        completions: {},
        extensions: { 'io.modelcontextprotocol/tasks': {} },
      },
      instructions: expect.stringContaining('Outpost'),
      ttlMs: 0,
      cacheScope: 'private',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'outpost', version: expect.any(String) } },
    });
    expect(res.headers.get('mcp-session-id')).toBeNull();
  });

  it('every list and resources/read carry ttlMs and cacheScope "private"', async () => {
    for (const method of ['tools/list', 'resources/list', 'resources/templates/list']) {
      const res = await modern(method);
      expect(res.body.result, method).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'private' });
    }
    const made = await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>x</p>' } });
    const read = await modern('resources/read', { uri: `outpost://pages/${made.body.result.structuredContent.id}` });
    expect(read.body.result).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'private' });
    expect(made.body.result.resultType).toBe('complete');
  });

  it('a missing or contradicting header is -32020 with HTTP 400, never a 500', async () => {
    const cases: [string, Record<string, unknown>, Record<string, string | undefined>][] = [
      ['tools/list', {}, { 'Mcp-Method': undefined }],
      ['tools/list', {}, { 'Mcp-Method': 'resources/list' }],
      ['tools/list', {}, { 'MCP-Protocol-Version': undefined }],
      ['tools/call', { name: 'outpost_list', arguments: {} }, { 'Mcp-Name': undefined }],
      ['tools/call', { name: 'outpost_list', arguments: {} }, { 'Mcp-Name': 'outpost_get' }],
      ['resources/read', { uri: 'outpost://pages/x' }, { 'Mcp-Name': 'outpost://pages/y' }],
    ];
    for (const [method, params, headers] of cases) {
      const res = await modern(method, params, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(400);
      expect(res.body.error!.code, JSON.stringify(headers)).toBe(-32020);
    }
    // A Base64-encoded Mcp-Name that decodes to the body's value matches.
    const encoded = `=?base64?${Buffer.from('outpost_whoami').toString('base64')}?=`;
    const ok = await modern('tools/call', { name: 'outpost_whoami', arguments: {} }, { headers: { 'Mcp-Name': encoded } });
    expect(ok.status).toBe(200);
    expect(ok.body.result.structuredContent.user.email).toBe('modern@example.com');
  });

  it('an unsupported version is -32022 with what was requested and what is supported', async () => {
    const res = await modern(
      'tools/list',
      {},
      { meta: { 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }, headers: { 'MCP-Protocol-Version': '2099-01-01' } },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: -32022, data: { requested: '2099-01-01', supported: expect.arrayContaining([VERSION]) } });
  });

  it('the modern header without the envelope is -32602; removed and unknown methods are 404 with -32601', async () => {
    const bare = await fetch(new URL('/mcp', outpost.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'MCP-Protocol-Version': VERSION, 'Mcp-Method': 'tools/list' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(bare.status).toBe(400);
    expect((await bare.json()).error.code).toBe(-32602);
    for (const method of ['ping', 'logging/setLevel', 'resources/subscribe', 'outpost/nothing']) {
      const res = await modern(
        method,
        method === 'logging/setLevel' ? { level: 'info' } : method === 'resources/subscribe' ? { uri: 'outpost://pages/x' } : {},
      );
      expect(res.status, method).toBe(404);
      expect(res.body.error!.code, method).toBe(-32601);
    }
  });

  it('a call with a progress token streams its progress, then its result, over SSE', async () => {
    const res = await modernRequest('tools/call', { name: 'outpost_create', arguments: { html: '<p>progress</p>' } }, { meta: { progressToken: 'p1' } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = (await res.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));
    const progress = events.filter((e) => e.method === 'notifications/progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((e) => e.params.progressToken === 'p1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ id: 1, result: { resultType: 'complete', structuredContent: { visibility: 'public' } } });
  });

  it('CORS lets browsers send the revision headers', async () => {
    const res = await fetch(new URL('/mcp', outpost.url), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://client.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, mcp-protocol-version, mcp-method, mcp-name',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('mcp-method'));
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('mcp-name'));
  });

  it('subscriptions/listen: acknowledged first, then list changes and updates of the listener’s own pages only', async () => {
    const made = await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>watched</p>' } });
    const id = made.body.result.structuredContent.id;
    const res = await modernRequest('subscriptions/listen', {
      notifications: { resourcesListChanged: true, resourceSubscriptions: [`outpost://pages/${id}`] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = new SseReader(res, new AbortController());
    const message = async () => JSON.parse((await events.next((e) => e.data.startsWith('{'))).data);
    const first = await message();
    expect(first).toMatchObject({ method: 'notifications/subscriptions/acknowledged', params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 1 } } });
    // Another user's page changes: nothing arrives for them here.
    await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>theirs</p>' } }, { bearer: otherToken });
    await modern('tools/call', { name: 'outpost_update', arguments: { page_id: id, name: 'Renamed' } });
    // A rename changes the page and its list entry.
    expect([await message(), await message()]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'notifications/resources/updated',
          params: { uri: `outpost://pages/${id}`, _meta: { 'io.modelcontextprotocol/subscriptionId': 1 } },
        }),
        expect.objectContaining({ method: 'notifications/resources/list_changed' }),
      ]),
    );
    await modern('tools/call', { name: 'outpost_create', arguments: { html: '<p>new</p>' } });
    const listChanged = await message();
    expect(listChanged).toMatchObject({ method: 'notifications/resources/list_changed' });
    events.close();
  });
});

describe('every revision from one process', () => {
  it('a 2.x modern client, a 1.x session, the legacy SSE client and the seed curl, interleaved', async () => {
    const modernOne = await modernClient();
    const legacy = new LegacyClient({ name: 'legacy', version: '1' });
    await legacy.connect(new LegacyTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const sse = new LegacyClient({ name: 'sse', version: '1' });
    await sse.connect(
      new SSEClientTransport(new URL('/sse', outpost.app.config.publicUrl), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as object), Authorization: `Bearer ${token}` } }) },
      }),
    );
    // The seed's curls, verbatim: initialize with empty params, tools/list and tools/call without a session.
    const curl = async (body: string) => {
      const res = await fetch(new URL('/mcp', outpost.url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
      });
      return res.json();
    };
    const seed = async () => {
      const [init, list, call] = await Promise.all([
        curl('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'),
        curl('{"jsonrpc":"2.0","id":2,"method":"tools/list"}'),
        curl('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"outpost_whoami","arguments":{}}}'),
      ]);
      expect(init.result).toMatchObject({ protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } });
      expect(list.result.tools.map((t: { name: string }) => t.name)).toContain('outpost_whoami');
      expect(call.result.content).toHaveLength(1);
      return JSON.parse(call.result.content[0].text).user.email;
    };
    for (let round = 0; round < 2; round++) {
      const [a, b, c, d] = await Promise.all([
        modernOne.callTool({ name: 'outpost_whoami', arguments: {} }),
        legacy.callTool({ name: 'outpost_whoami', arguments: {} }),
        sse.callTool({ name: 'outpost_whoami', arguments: {} }),
        seed(),
      ]);
      for (const r of [a, b, c]) expect((r.structuredContent as { user: { email: string } }).user.email).toBe('modern@example.com');
      expect(d).toBe('modern@example.com');
    }
    expect(legacy.getServerVersion()?.name).toBe('outpost');
    // The 2025 session answers resources too; the 2024-11-05 SSE client gets no resource_link it would not know.
    const viaSse = await sse.callTool({ name: 'outpost_create', arguments: { html: '<p>sse</p>' } });
    expect((viaSse.content as object[]).length).toBe(1);
    const viaSession = await legacy.callTool({ name: 'outpost_create', arguments: { html: '<p>session</p>' } });
    expect((viaSession.content as { type: string }[]).map((c) => c.type)).toEqual(['text', 'resource_link']);
    expect((await legacy.listResources()).resources.length).toBeGreaterThan(0);
    await Promise.all([modernOne.close(), legacy.close(), sse.close()]);
  });
});

describe('limits and endings', () => {
  it('a body that is no JSON-RPC message is still the 2025 transport’s 400', async () => {
    for (const body of ['null', '"x"', '42', '[]']) {
      const res = await fetch(new URL('/mcp', outpost.url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.code, body).toBe(-32600);
    }
  });

  it('listen streams take the same per-user slots as the 2025 streams', async () => {
    const open: SseReader[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const { status, stream } = await listen({ toolsListChanged: true }, writeOnlyToken);
        expect(status).toBe(200);
        open.push(stream);
        await stream.next((e) => e.data.includes('acknowledged'));
      }
      const refused = await modern('subscriptions/listen', { notifications: { toolsListChanged: true } }, { bearer: writeOnlyToken });
      expect(refused.status).toBe(429);
      expect(refused.body.error!.message).toMatch(/Too many open streams/);
      // Another user is not affected.
      const theirs = await listen({ toolsListChanged: true }, otherToken);
      expect(theirs.status).toBe(200);
      theirs.stream.close();
    } finally {
      for (const stream of open) stream.close();
    }
    // A closed stream gives its slot back.
    await expect
      .poll(async () => {
        const again = await listen({ toolsListChanged: true }, writeOnlyToken);
        again.stream.close();
        return again.status;
      })
      .toBe(200);
  });

  it('every message pays from the budget, one the SDK refuses too; a graceful stop ends listen streams with their result', async () => {
    const small = await startTestOutpost({ SIGNUP_MODE: 'open', RATE_LIMIT_REQUESTS: '6' });
    try {
      const { token: jwt } = await signupAndLogin(small, 'budget@example.com');
      const bearer = (await small.api('/api/tokens', { token: jwt, body: { name: 'budget' } })).body.token;
      const post = (headers: Record<string, string>, body: object) =>
        fetch(new URL('/mcp', small.url), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${bearer}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'MCP-Protocol-Version': VERSION,
            ...headers,
          },
          body: JSON.stringify(body),
        });
      const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {}, _meta: META } };
      const listen = await post(
        { 'Mcp-Method': 'subscriptions/listen' },
        { jsonrpc: '2.0', id: 'sub', method: 'subscriptions/listen', params: { notifications: { toolsListChanged: true }, _meta: META } },
      );
      const stream = new SseReader(listen, new AbortController());
      await stream.next((e) => e.data.includes('acknowledged'));
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await post({ 'Mcp-Method': 'tools/call', 'Mcp-Name': 'wrong' }, call)).status);
      // Sign-up, the token and the listen stream spent some of the 6: the refused calls spend the rest.
      const spent = statuses.indexOf(429);
      expect(spent).toBeGreaterThan(0);
      expect(statuses).toEqual([...Array(spent).fill(400), ...Array(8 - spent).fill(429)]);
      const limited = await post({ 'Mcp-Method': 'tools/call', 'Mcp-Name': 'outpost_whoami' }, call);
      expect(limited.status).toBe(429);
      expect((await limited.json()).error.code).toBe(-32029);

      await small.stop();
      const last = JSON.parse((await stream.next((e) => e.data.includes('"result"'))).data);
      expect(last).toEqual({ jsonrpc: '2.0', id: 'sub', result: { resultType: 'complete', _meta: { 'io.modelcontextprotocol/subscriptionId': 'sub' } } });
    } finally {
      await small.stop().catch(() => {});
    }
  });

  it('completes the id of a page older than the newest hundred', async () => {
    const bearer = await apiToken('many@example.com');
    const create = (name: string) => outpost.api('/api/pages', { token: bearer, body: { name, html: `<p>${name}</p>` } });
    expect((await create('zzz oldest')).status).toBe(201);
    for (let i = 0; i < 105; i++) await create(`page ${i}`);
    const res = await modern(
      'completion/complete',
      { ref: { type: 'ref/resource', uri: 'outpost://pages/{page_id}' }, argument: { name: 'page_id', value: 'zzz' } },
      { bearer },
    );
    expect(res.body.result.completion.values).toHaveLength(1);
  });
});
