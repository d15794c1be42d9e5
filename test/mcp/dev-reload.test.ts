// `npm run dev`: adding, changing or removing a file in tools/ takes effect without a restart, and
// connected clients get notifications/tools/list_changed: on a 2025 session's GET stream, and on a
// 2026-07-28 subscriptions/listen stream.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { SseReader } from './sse-reader.ts';

const toolFile = (title: string, operation = 'getMe') =>
  `import { defineTool } from '${path.resolve('src/mcp/tool.ts')}';\nexport default defineTool({ operation: '${operation}', title: '${title}' });\n`;

let dir: string;
let outpost: TestOutpost;
let client: Client;
let changes = 0;
let bearer: string;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-tools-'));
  fs.writeFileSync(path.join(dir, 'first.ts'), toolFile('First'));
  outpost = await startTestOutpost({}, { toolsDir: dir, watchTools: true });
  const { token } = await signupAndLogin(outpost, 'dev@example.com');
  bearer = token;
  client = new Client({ name: 'dev-test', version: '1' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    changes++;
  });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});
afterAll(async () => {
  await client.close();
  await outpost.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = async () => (await client.listTools()).tools.map((t) => `${t.name}:${t.title}`);

it('picks up an added, a changed and a removed tool file and notifies the client each time', async () => {
  expect(await names()).toEqual(['first:First']);
  // The client's GET stream must be open before the first change.
  await new Promise((r) => setTimeout(r, 500));

  fs.writeFileSync(path.join(dir, 'second.ts'), toolFile('Second'));
  await until(() => changes >= 1, 'the first list_changed');
  expect(await names()).toEqual(['first:First', 'second:Second']);

  fs.writeFileSync(path.join(dir, 'second.ts'), toolFile('Second, renamed'));
  await until(() => changes >= 2, 'the second list_changed');
  expect(await names()).toEqual(['first:First', 'second:Second, renamed']);

  fs.rmSync(path.join(dir, 'first.ts'));
  await until(() => changes >= 3, 'the third list_changed');
  expect(await names()).toEqual(['second:Second, renamed']);
});

it('tells a 2026-07-28 listen stream that the tools changed', async () => {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'dev-test', version: '1' },
  };
  const res = await fetch(new URL('/mcp', outpost.url), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'MCP-Protocol-Version': '2026-07-28',
      'Mcp-Method': 'subscriptions/listen',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 'listen-1',
      method: 'subscriptions/listen',
      params: { notifications: { toolsListChanged: true }, _meta: meta },
    }),
  });
  const stream = new SseReader(res, new AbortController());
  const next = async () => JSON.parse((await stream.next((e) => e.data.startsWith('{'))).data);
  expect(await next()).toMatchObject({ method: 'notifications/subscriptions/acknowledged' });
  fs.writeFileSync(path.join(dir, 'third.ts'), toolFile('Third'));
  expect(await next()).toMatchObject({
    method: 'notifications/tools/list_changed',
    params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' } },
  });
  stream.close();
  fs.rmSync(path.join(dir, 'third.ts'));
  await new Promise((r) => setTimeout(r, 300));
});

it('keeps the previous tools when a changed file is broken', async () => {
  const before = await names();
  fs.writeFileSync(path.join(dir, 'broken.ts'), toolFile('Broken', 'noSuchOperation'));
  await new Promise((r) => setTimeout(r, 600));
  expect(await names()).toEqual(before);
  fs.rmSync(path.join(dir, 'broken.ts'));
});
