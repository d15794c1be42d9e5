// Every tool's schemas, as a real MCP client lists them, keep to the subset the major clients accept:
// an object root without combinators (Claude's and OpenAI's APIs refuse the whole tool list
// otherwise) and no `type` arrays (the MCP Inspector's portability lint flags them; some
// validators refuse them), nullable values being `anyOf` with `{"type":"null"}`. A rule the
// dropped root combinator stated is said in the tool's description, and still enforced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadTools } from '../../src/mcp/tools-registry.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const CONTENT_RULE = "Give the page's content in exactly one of html, files, source_url or (uploading) file";

let outpost: TestOutpost;
let client: Client;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const jwt = (await signupAndLogin(outpost, 'owner@example.com')).token;
  const token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'all scopes' } })).body.token;
  client = new Client({ name: 'portability-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});
afterAll(async () => {
  await client?.close();
  await outpost?.stop();
});

/** Where a schema (at `at`) or any subschema in it spells `type` as an array. */
function typeArrays(schema: unknown, at: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((s, i) => typeArrays(s, `${at}/${i}`));
  const found = Array.isArray((schema as { type?: unknown }).type) ? [`${at}/type`] : [];
  // `properties` maps names to schemas; a property named "type" is a schema, not the keyword.
  return found.concat(Object.entries(schema).flatMap(([key, value]) => (key === 'type' ? [] : typeArrays(value, `${at}/${key}`))));
}

describe('tool schemas through tools/list', () => {
  it('every tool has an object root without oneOf/anyOf/allOf/not, and no type arrays anywhere', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual((await loadTools()).map((t) => t.name).sort());
    const problems: string[] = [];
    for (const tool of tools) {
      for (const [part, schema] of [
        ['inputSchema', tool.inputSchema],
        ['outputSchema', tool.outputSchema],
      ] as const) {
        if (!schema) continue;
        if (schema.type !== 'object') problems.push(`${tool.name} ${part}: root type is ${JSON.stringify(schema.type)}`);
        for (const keyword of ['oneOf', 'anyOf', 'allOf', 'not']) {
          if (Object.hasOwn(schema, keyword)) problems.push(`${tool.name} ${part}: root ${keyword}`);
        }
        problems.push(...typeArrays(schema, `${tool.name} ${part}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('nullable values are anyOf with {"type":"null"}, their constraints in the typed branch and their description beside it', async () => {
    const { tools } = await client.listTools();
    const output = (name: string) => tools.find((t) => t.name === name)!.outputSchema as any;
    // `type: [string, 'null']` in openapi.yaml.
    expect(output('outpost_list').properties.next_cursor).toEqual({
      description: expect.stringContaining('null when there are no more'),
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(output('outpost_get_job').properties.started_at).toEqual({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] });
  });

  it('outpost_create states the content rule its schema cannot carry at the root, and refuses a call that breaks it', async () => {
    const { tools } = await client.listTools();
    const create = tools.find((t) => t.name === 'outpost_create')!;
    expect(create.description).toContain('Exactly one of `html`, `files`, `source_url` is required.');
    for (const args of [{}, { html: '<p>x</p>', source_url: 'http://127.0.0.1/' }]) {
      const result = await client.callTool({ name: 'outpost_create', arguments: args });
      expect(result.isError).toBe(true);
      expect(JSON.parse((result.content as { text: string }[])[0].text).error).toBe(CONTENT_RULE);
    }
  });

  it('outpost_update_files refuses html with files together with the clear message, as a tool result', async () => {
    const created = await client.callTool({ name: 'outpost_create', arguments: { html: '<p>x</p>' } });
    const pageId = (created.structuredContent as { id: string }).id;
    const result = await client.callTool({
      name: 'outpost_update_files',
      arguments: { page_id: pageId, html: '<p>y</p>', files: [{ path: 'index.html', content: '<p>z</p>' }] },
    });
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content as { text: string }[])[0].text).error).toBe(CONTENT_RULE);
  });
});
