// Tool arguments are checked against the tool's input schema before a request is built from them:
// a wrong type or a path-stepping id is a recoverable error inside the result, and no REST route runs.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;
let client: Client;
let pageId: string;
/**
 * Paths of every request the server answered, as its access log shows them: a tool's REST call included, whether
 * it ran through its route or directly.
 */
const answered: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; req?: { url?: string } };
      if (entry.msg?.startsWith('[response] ') && entry.req?.url) answered.push(entry.req.url);
    }
  });
  outpost = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream });
  const { token: jwt } = await signupAndLogin(outpost, 'args@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'args' } })).body.token;
  pageId = (await outpost.api('/api/pages', { token, body: { html: '<p>hi</p>' } })).body.id;
  client = new Client({ name: 'args-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});
afterAll(async () => {
  await client?.close();
  await outpost?.stop();
});

const errorOf = (result: Awaited<ReturnType<Client['callTool']>>) => JSON.parse((result.content as { text: string }[])[0].text).error as string;

/** Calls a tool and returns its result with the paths of the REST routes the call reached. */
async function call(name: string, args: Record<string, unknown>) {
  answered.length = 0;
  const result = await client.callTool({ name, arguments: args });
  return { result, routes: answered.filter((path) => path !== '/mcp') };
}

describe('a page_id of the wrong shape', () => {
  const cases: [string, unknown, RegExp][] = [
    ['an object', { id: 'Ab12Cd34' }, /^"page_id" must be string/],
    ['an object that cannot become a string', { toString: 1 }, /^"page_id" must be string/],
    ['a number', 12345678, /^"page_id" must be string/],
    ['an array', ['Ab12Cd34'], /^"page_id" must be string/],
    ['".."', '..', /^"page_id" must match pattern/],
    ['"."', '.', /^"page_id" must match pattern/],
    ['"../tokens"', '../tokens', /^"page_id" must match pattern/],
    ['an encoded traversal', '..%2Ftokens', /^"page_id" must match pattern/],
  ];
  for (const [what, value, message] of cases) {
    it(`${what}: an isError result naming page_id, and no REST route runs`, async () => {
      for (const name of ['outpost_get', 'outpost_delete', 'outpost_update']) {
        const { result, routes } = await call(name, { page_id: value });
        expect(result.isError, name).toBe(true);
        expect(errorOf(result), name).toMatch(message);
        expect(routes, name).toEqual([]);
      }
    });
  }

  it('a body field of the wrong type is refused the same way', async () => {
    const { result, routes } = await call('outpost_update', { page_id: pageId, name: { $ne: null } });
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatch(/^"name" must be string/);
    expect(routes).toEqual([]);
  });

  it('a query argument of the wrong type is refused before the request is built', async () => {
    const { result, routes } = await call('outpost_list', { limit: { valueOf: 5 } });
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatch(/"limit" must be integer/);
    expect(routes).toEqual([]);
  });

  it('a tool without a REST twin names the argument too', async () => {
    const { result, routes } = await call('outpost_update_files', { page_id: '..' });
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatch(/^Invalid arguments: "page_id" must match pattern/);
    expect(routes).toEqual([]);
  });

  it('valid arguments still run through the route (the checks above are about the values)', async () => {
    const { result, routes } = await call('outpost_get', { page_id: pageId });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { id: string }).id).toBe(pageId);
    expect(routes).toEqual([`/api/pages/${pageId}`]);
    const list = await call('outpost_list', { limit: 1 });
    expect(list.result.isError).toBeFalsy();
    expect(list.routes).toEqual(['/api/pages']);
  });
});
