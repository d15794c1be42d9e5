// Per-user isolation, generated from the operations table: user B tries every operation and every
// tool that takes a page_id (or a job_id) on user A's page (or capture job); each answers exactly like
// a missing one, and A's records are unchanged. A new page or job operation fails this test until it
// has a sample request below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { operations } from '../../src/generated/operations.ts';
import { loadTools } from '../../src/mcp/tools-registry.ts';
import { insertJob } from '../../src/capture/jobs.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

/** A valid request body for each page operation (so only ownership can make it fail). */
const SAMPLE_BODIES: Record<string, unknown> = {
  getPage: undefined,
  exportPage: undefined,
  updatePage: { name: 'taken over', visibility: 'public', passcodes: [], allowed_emails: [] },
  updatePageSettings: { name: 'taken over', visibility: 'public', passcodes: [], allowed_emails: [] },
  deletePage: undefined,
  replacePageFiles: { html: '<p>defaced</p>' },
  getJob: undefined,
  cancelJob: undefined,
  listPageFiles: undefined,
  getPageFile: undefined,
  getPageStats: undefined,
  listPageVersions: undefined,
  getPageVersion: undefined,
  rollbackPage: undefined,
};

/** Path parameters besides the id. */
const SAMPLE_PARAMS: Record<string, Record<string, string>> = { getPageVersion: { number: '1' }, rollbackPage: { number: '1' } };

/** Query strings for operations that need one besides the id. */
const SAMPLE_QUERIES: Record<string, string> = { getPageFile: '?path=index.html' };

/** Arguments for tools without a REST twin besides the id (loopback: refused by the default capture policy too). */
const COMPONENT_TOOL_SAMPLES: Record<string, object[]> = {
  outpost_update_files: [{}, { html: '<p>defaced</p>' }],
  outpost_update_from_url: [{ source_url: 'http://127.0.0.1:9/' }],
};

/** Arguments for operation tools that take the page id in their body (their operation is not in SAMPLE_BODIES). */
const BODY_ID_TOOL_SAMPLES: Record<string, object[]> = {
  outpost_create_watch: [{ source_url: 'https://example.com/', schedule: { interval_minutes: 15 } }],
};
const withParams = (path: string, operationId: string) =>
  Object.entries(SAMPLE_PARAMS[operationId] ?? {}).reduce((p, [name, value]) => p.replace(`{${name}}`, value), path);

const takesId = (op: (typeof operations)[keyof typeof operations]) =>
  op.params && ('page_id' in (op.params.properties as object) || 'job_id' in (op.params.properties as object));
const pageOperations = Object.values(operations).filter(takesId);

let outpost: TestOutpost;
let aliceToken: string;
let bobToken: string;
let pageId: string;
let jobId: string;

beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
  const alice = await signupAndLogin(outpost, 'owner@example.com');
  const bob = await signupAndLogin(outpost, 'intruder@example.com');
  aliceToken = (await outpost.api('/api/tokens', { token: alice.token, body: { name: 'a' } })).body.token;
  bobToken = (await outpost.api('/api/tokens', { token: bob.token, body: { name: 'b' } })).body.token;
  pageId = (await outpost.api('/api/pages', { token: aliceToken, body: { html: '<p>mine</p>', visibility: 'shared', passcodes: ['p'] } })).body.id;
  // A capture job of Alice's still marked running (no fetch happens: the job is only recorded).
  jobId = (await insertJob(outpost.app.db, alice.user.id, 'replace', 'https://alice.example/', pageId))._id;
});
afterAll(() => outpost.stop());

const snapshot = async () => ({
  // preview_url is minted afresh (with its expiry) on every read; everything else must not change.
  page: (({ preview_url: _preview, ...page }) => page)((await outpost.api(`/api/pages/${pageId}`, { token: aliceToken })).body),
  files: await outpost.app.db.collection('page_files.files').find({ 'metadata.pageId': pageId }).project({ _id: 1 }).toArray(),
  job: await outpost.app.db.collection('jobs').findOne({ _id: jobId as never }),
});

describe('REST', () => {
  it('covers every operation that takes a page_id', () => {
    expect(pageOperations.map((op) => op.operationId).sort()).toEqual(Object.keys(SAMPLE_BODIES).sort());
  });

  for (const op of pageOperations) {
    it(`${op.operationId}: another user's page is not found, and nothing changes`, async () => {
      const before = await snapshot();
      const isJob = op.path.includes('{job_id}');
      const request = (id: string) =>
        outpost.api(withParams(op.path.replace(isJob ? '{job_id}' : '{page_id}', id), op.operationId) + (SAMPLE_QUERIES[op.operationId] ?? ''), {
          method: op.method,
          token: bobToken,
          body: SAMPLE_BODIES[op.operationId],
        });
      const missing = await request(isJob ? 'ZZZZZZZZZZZZ' : 'ZZZZZZZZ');
      const foreign = await request(isJob ? jobId : pageId);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      // REST clients are pointed to the REST list; MCP tool results name the list tool (below).
      expect(foreign.body.message).toBe(
        isJob ? 'Job not found. Use GET /api/jobs to see your capture jobs.' : 'Page not found. Use GET /api/pages to see your pages.',
      );
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe('MCP tools', () => {
  it("every tool that takes a page_id answers not found for another user's page, and nothing changes", async () => {
    const tools = (await loadTools()).filter((t) => Object.hasOwn(t.sources, 'page_id'));
    expect(tools.length).toBeGreaterThan(0);
    const client = new Client({ name: 'isolation', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${bobToken}` } } }),
    );
    try {
      for (const tool of tools) {
        // Operation tools take their operation's sample; tools without a REST twin are tried with
        // just the page id and with content.
        const variants = BODY_ID_TOOL_SAMPLES[tool.name] ?? (tool.operationId ? [SAMPLE_BODIES[tool.operationId]] : COMPONENT_TOOL_SAMPLES[tool.name]);
        expect(variants, `${tool.name} needs a sample in COMPONENT_TOOL_SAMPLES`).toBeDefined();
        for (const body of variants) {
          const before = await snapshot();
          const params = Object.fromEntries(Object.entries(SAMPLE_PARAMS[tool.operationId ?? ''] ?? {}).map(([k, v]) => [k, Number(v)]));
          const result = await client.callTool({ name: tool.name, arguments: { page_id: pageId, ...params, ...(body as object) } });
          expect(result.isError, tool.name).toBe(true);
          expect(JSON.parse((result.content as { text: string }[])[0].text)).toEqual({ error: 'Page not found. Use outpost_list to see your pages.' });
          expect(await snapshot()).toEqual(before);
        }
      }
    } finally {
      await client.close();
    }
  });
});

describe('MCP job tools', () => {
  it("every tool that takes a job_id answers not found for another user's job, and nothing changes", async () => {
    const tools = (await loadTools()).filter((t) => Object.hasOwn(t.sources, 'job_id'));
    expect(tools.map((t) => t.name).sort()).toEqual(['outpost_cancel_job', 'outpost_create_watch', 'outpost_get_job']);
    const client = new Client({ name: 'isolation', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${bobToken}` } } }),
    );
    try {
      for (const tool of tools) {
        const before = await snapshot();
        const extra = tool.name === 'outpost_create_watch' ? { schedule: { interval_minutes: 15 } } : {};
        const result = await client.callTool({ name: tool.name, arguments: { job_id: jobId, ...extra } });
        expect(result.isError, tool.name).toBe(true);
        expect(JSON.parse((result.content as { text: string }[])[0].text)).toEqual({ error: 'Job not found. Use outpost_list_jobs to see your capture jobs.' });
        expect(await snapshot()).toEqual(before);
      }
      const listed = await client.callTool({ name: 'outpost_list_jobs', arguments: {} });
      expect((listed.structuredContent as { jobs: unknown[] }).jobs).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
