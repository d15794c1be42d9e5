// The packages as someone installs them: `npm pack` both, install the tarballs into an empty project (their
// dependencies from the npm cache when it has them), then `npx outpost --help` and an SDK script run by plain
// Node (the one running this test: 22.18+, the project's toolchain where the system's is older), no TypeScript.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { accountWithToken } from './run-cli.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('fixtures/sdk-script.mjs', import.meta.url));

let dir: string;
let project: string;
let outpost: TestOutpost;
let site: FixtureServer;
let token: string;
// `node` (for npx and the script) is this test's Node; npm is the system's.
const env = () => ({ ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-pack-'));
  project = path.join(dir, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-outpost', private: true, type: 'module' }));
  site = await startFixtureServer();
  site.route('/page.html', { type: 'text/html', body: '<img src="a.png"><p>captured</p>' });
  site.route('/a.png', { type: 'image/png', body: Buffer.from('png') });
  outpost = await startTestOutpost({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) });
  token = await accountWithToken(outpost.url, 'pack@example.com');
});
afterAll(async () => {
  await outpost?.stop();
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('install from their tarballs; `npx outpost --help` runs and an SDK script works against a live server', async () => {
    // dist/ was built by `npm install`'s prepare; packing without scripts leaves it alone while other tests run it.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, '-w', 'packages/sdk', '-w', 'packages/cli'], {
      cwd: ROOT,
      env: env(),
    });
    const tarballs = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]).map((p) => ({
      file: path.join(dir, p.filename),
      files: p.files.map((f) => f.path),
    }));
    expect(tarballs.map((t) => path.basename(t.file))).toEqual(['outpost-sdk-0.1.0.tgz', 'outpost-cli-0.1.0.tgz']);
    expect(tarballs[0].files).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/generated/openapi.d.ts', 'package.json']),
    );
    expect(tarballs[0].files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(tarballs[1].files).toContain('dist/main.js');

    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => t.file)], {
      cwd: project,
      env: env(),
      timeout: 120_000,
    });
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/@outpost/sdk/package.json'), 'utf8'));
    expect(Object.keys(installed.dependencies).sort()).toEqual(['client-zip', 'openapi-fetch']);

    const help = await run('npx', ['--no-install', 'outpost', '--help'], { cwd: project, env: env() });
    expect(help.stdout).toMatch(/^outpost: publish pages to an Outpost server from the command line\.\n\nUsage: outpost <command> \[options\]/);
    expect(help.stdout).toMatch(/^ {2}deploy {3}/m);

    // CommonJS callers load it too: Node 22.12+ require()s an ES module.
    const required = await run(process.execPath, ['-e', "const sdk = require('@outpost/sdk'); console.log(typeof sdk.createClient, typeof sdk.OutpostError)"], {
      cwd: project,
      env: env(),
    });
    expect(required.stdout).toBe('function function\n');

    const siteDir = path.join(dir, 'site');
    fs.mkdirSync(path.join(siteDir, 'img'), { recursive: true });
    fs.writeFileSync(path.join(siteDir, 'index.html'), '<h1>folder</h1>');
    fs.writeFileSync(path.join(siteDir, 'img', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(siteDir, '.hidden'), 'left out');
    const script = path.join(project, 'script.mjs');
    fs.copyFileSync(SCRIPT, script);
    const { stdout } = await run(process.execPath, [script], {
      cwd: project,
      env: { ...env(), OUTPOST_URL: outpost.url, OUTPOST_TOKEN: token, SITE_DIR: siteDir, CAPTURE_URL: site.url('/page.html') },
    });
    const result = JSON.parse(stdout);
    expect(result.fromFiles).toMatchObject({ name: 'SDK files', file_count: 2, default_file: 'index.html' });
    const total = result.progress.at(-1)[1];
    expect(result.progress.at(-1)).toEqual([total, total]);
    expect(result.fromFolder).toMatchObject({ visibility: 'private', file_count: 2 });
    expect(result.listed).toEqual([result.fromFolder.id, result.fromFiles.id]);
    expect(result.refused).toMatchObject({ isOutpostError: true, statusCode: 400, keys: ['visibility'] });
    expect(result.job).toMatchObject({ status: 'done', counts: { assets_found: 1, assets_fetched: 1 } });
    expect(result.seen.at(-1)).toBe('done');
    expect(await (await fetch(result.fromFiles.url)).text()).toBe('<h1>from the sdk</h1>');
  });
});
