// Capture over MCP with the real SDK client (Streamable HTTP, an op_ token): outpost_create with a
// source_url (and progress notifications while the assets come in), outpost_update_from_url,
// outpost_get_job, outpost_list_jobs, outpost_cancel_job, a capture still running at `wait`, a failing
// source, and the client cancelling the call (the job ends cancelled). Loopback fixtures only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { captureApi, getBytes, kitchenSink, sha256, startFixtureServer, type CaptureApi } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const fixture = await startFixtureServer();
const cross = await startFixtureServer({ host: '127.0.0.2' });
const site = kitchenSink(fixture, { crossOrigin: cross, manyCount: 10 });

let outpost: TestOutpost;
let token: string;
let api: CaptureApi;
let client: Client;

beforeAll(async () => {
  outpost = await startTestOutpost({
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: `${fixture.port},${cross.port}`,
  });
  const session = await signupAndLogin(outpost, 'mcp-capture@example.com');
  token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'mcp capture' } })).body.token;
  expect(token).toMatch(/^op_/);
  api = captureApi(outpost, token);
  client = new Client({ name: 'outpost-capture-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
});

afterAll(async () => {
  await client?.close();
  await outpost?.stop();
  await fixture.close();
  await cross.close();
});

const structured = (r: Awaited<ReturnType<Client['callTool']>>) => r.structuredContent as any;

describe('capture tools over MCP', () => {
  it('lists the capture tools', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['outpost_create', 'outpost_update_from_url', 'outpost_get_job', 'outpost_list_jobs', 'outpost_cancel_job']));
    const create = tools.find((t) => t.name === 'outpost_create')!;
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['source_url']));
    const update = tools.find((t) => t.name === 'outpost_update_from_url')!;
    expect(update.inputSchema.required).toEqual(expect.arrayContaining(['page_id', 'source_url']));
  });

  it('outpost_create with a source_url: the page plus its job, with progress notifications (assets fetched of found) on the way', async () => {
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool({ name: 'outpost_create', arguments: { source_url: site.slow.url } }, undefined, {
      onprogress: (p) => {
        seen.push(p);
      },
      timeout: 60_000,
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const page = structured(result);
    expect(page).toMatchObject({
      id: expect.any(String),
      url: expect.stringContaining(`/p/${page.id}`),
      file_count: site.slow.assets.length + 1,
      message: expect.stringMatching(/source_url/),
    });
    expect(page.job).toMatchObject({
      status: 'done',
      action: 'create',
      page_id: page.id,
      counts: { assets_found: site.slow.assets.length, assets_fetched: site.slow.assets.length },
    });
    // Progress: several notifications, never going back, reaching every asset found.
    expect(seen.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.progress, `progress went back: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(seen[i - 1]!.progress);
    const n = site.slow.assets.length;
    expect(seen.filter((s) => new RegExp(`\\b\\d+ of ${n} assets`).test(s.message ?? '')).length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    expect(
      seen.some((s) => (s.message ?? '').includes(`${n} of ${n} assets`)),
      JSON.stringify(seen),
    ).toBe(true);
    expect(Math.max(...seen.map((s) => s.total ?? 0))).toBeGreaterThanOrEqual(n);
    expect(seen.at(-1)!.progress).toBe(seen.at(-1)!.total);
    // The captured files are the fixture's.
    const img = await getBytes(api.served(page.id, new URL(site.slow.assets[0]!).pathname.slice(1)));
    expect(sha256(img.body)).toBe(sha256(site.bytes(site.slow.assets[0]!)!));
  });

  it('outpost_update_from_url replaces the files, keeping the id and URL; outpost_get_job and outpost_list_jobs show the jobs', async () => {
    const created = structured(await client.callTool({ name: 'outpost_create', arguments: { source_url: site.replace.first, name: 'Via MCP' } }));
    expect(created.name).toBe('Via MCP');
    const updated = await client.callTool({ name: 'outpost_update_from_url', arguments: { page_id: created.id, source_url: site.replace.second } });
    expect(updated.isError, JSON.stringify(updated.content)).toBeFalsy();
    const page = structured(updated);
    expect(page).toMatchObject({ id: created.id, url: created.url, name: 'Via MCP' });
    expect(page.job).toMatchObject({ action: 'replace', status: 'done', page_id: created.id, source_url: site.replace.second });
    expect(page.default_file).toBe('replace/second.html');
    expect((await api.opened(created.id, page.default_file)).doc.body.toString()).toContain('second version');

    const job = structured(await client.callTool({ name: 'outpost_get_job', arguments: { job_id: page.job.id } }));
    expect(job).toEqual((await api.job(page.job.id)).body);
    const list = structured(await client.callTool({ name: 'outpost_list_jobs', arguments: { limit: 5 } }));
    expect(list.jobs.map((j: any) => j.id).slice(0, 2)).toEqual([page.job.id, created.job.id]);
    const done = structured(await client.callTool({ name: 'outpost_list_jobs', arguments: { status: 'done' } }));
    expect(done.jobs.every((j: any) => j.status === 'done')).toBe(true);
  });

  it('a capture still running at `wait` returns its job; outpost_get_job follows it to done', async () => {
    const result = await client.callTool({ name: 'outpost_create', arguments: { source_url: site.slow.url, wait: 0 } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const reply = structured(result);
    expect(reply.job.status).toMatch(/^(pending|running)$/);
    expect(reply.id).toBeUndefined();
    let job = reply.job;
    for (let i = 0; i < 100 && (job.status === 'pending' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = structured(await client.callTool({ name: 'outpost_get_job', arguments: { job_id: reply.job.id } }));
    }
    expect(job).toMatchObject({ status: 'done', page_id: expect.any(String) });
  });

  it('a failing source is a tool error with the reason, not a protocol error', async () => {
    const result = await client.callTool({ name: 'outpost_create', arguments: { source_url: site.replace.notFound } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/404/);
    const refused = await client.callTool({ name: 'outpost_create', arguments: { source_url: 'file:///etc/passwd' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/source_url/);
  });

  it('outpost_cancel_job stops a running capture', async () => {
    const reply = structured(await client.callTool({ name: 'outpost_create', arguments: { source_url: site.slow.url, wait: 0 } }));
    const cancelled = await client.callTool({ name: 'outpost_cancel_job', arguments: { job_id: reply.job.id } });
    expect(cancelled.isError, JSON.stringify(cancelled.content)).toBeFalsy();
    expect(structured(cancelled)).toMatchObject({ id: reply.job.id, status: 'cancelled', page_id: null });
  });

  it('the client cancelling the call cancels the job', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'outpost_create', arguments: { source_url: site.slow.url } }, undefined, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    await expect(call).rejects.toThrow();
    const newest = () => api.jobs('?limit=1').then((r) => r.body.jobs[0]);
    let job = await newest();
    expect(job.source_url).toBe(site.slow.url);
    for (let i = 0; i < 50 && (job.status === 'pending' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await newest();
    }
    expect(job).toMatchObject({ status: 'cancelled', page_id: null });
  });
});
