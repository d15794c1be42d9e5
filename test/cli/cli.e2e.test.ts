// The `outpost` command against a live server: sign-in with an API token, deploying a 200-file folder
// (.outpostignore and dotfiles left out, .outpost.json remembering the page), replacing it, a single file,
// a capture from a loopback site (with its progress) and one cancelled with Ctrl-C, list, rm, errors.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { accountWithToken, cliHome, runCli, startCli, type CliHome } from './run-cli.ts';

let outpost: TestOutpost;
let site: FixtureServer;
let home: CliHome;
let token: string;
const cli = (args: string[], cwd?: string) => runCli(args, { env: home.env, cwd });
const json = (result: { stdout: string }) => JSON.parse(result.stdout);

beforeAll(async () => {
  site = await startFixtureServer();
  outpost = await startTestOutpost({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) });
  home = cliHome();
  token = await accountWithToken(outpost.url, 'cli@example.com');
});
afterAll(async () => {
  await outpost?.stop();
  await site?.close();
  home?.remove();
});

function writeSite(dir: string, files: number, marker: string): void {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>${marker}</title><h1>${marker}</h1>`);
  for (let i = 1; i < files; i++) fs.writeFileSync(path.join(dir, 'assets', `file-${String(i).padStart(3, '0')}.txt`), `${marker} ${i}\n`.repeat(20));
}

describe('outpost (command line)', () => {
  let folder: string;
  let pageId: string;

  it('login --token (an argument, or - for stdin) stores the credential (0600) and whoami reads it', async () => {
    const refused = await cli(['login', outpost.url, '--token', 'op_not-a-real-token']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^outpost: .*refused the token: Invalid token\n$/);

    // A config folder and file made earlier with looser modes are tightened by the first write.
    fs.mkdirSync(path.dirname(home.credentialFile), { recursive: true, mode: 0o755 });
    fs.writeFileSync(home.credentialFile, '{"servers":{}}', { mode: 0o644 });
    // `--token -`: from stdin, out of the shell history.
    const login = await runCli(['login', outpost.url, '--token', '-'], { env: home.env, input: `${token}\n` });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toBe(`Signed in to ${outpost.url} as cli@example.com (API token)\n`);
    expect(fs.statSync(home.credentialFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(home.credentialFile)).mode & 0o777).toBe(0o700);

    fs.chmodSync(home.credentialFile, 0o644);
    const whoami = await cli(['whoami', '--json']);
    expect(whoami.code).toBe(0);
    expect(fs.statSync(home.credentialFile).mode & 0o777).toBe(0o600);
    expect(json(whoami)).toMatchObject({ server: outpost.url, user: { email: 'cli@example.com' }, auth: { kind: 'api_token' } });
  });

  it('deploys a folder of 200 files, leaving out dotfiles and what .outpostignore names, and remembers the page', async () => {
    folder = path.join(home.dir, 'site');
    writeSite(folder, 200, 'first');
    fs.mkdirSync(path.join(folder, 'drafts'));
    fs.writeFileSync(path.join(folder, 'drafts', 'secret.html'), 'draft');
    fs.writeFileSync(path.join(folder, 'notes.log'), 'log');
    fs.writeFileSync(path.join(folder, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(folder, '.outpostignore'), '# not published\ndrafts/\n*.log\n');
    // Symbolic links are not followed, out of the folder or in it.
    fs.writeFileSync(path.join(home.dir, 'outside.txt'), 'outside');
    fs.symlinkSync(path.join(home.dir, 'outside.txt'), path.join(folder, 'linked.txt'));
    fs.symlinkSync(path.join(folder, 'assets'), path.join(folder, 'linked-dir'));

    const deployed = await cli(['deploy', '--json', '--name', 'CLI site'], folder);
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);
    const page = json(deployed);
    expect(page).toMatchObject({ name: 'CLI site', file_count: 200, default_file: 'index.html' });
    pageId = page.id;
    expect(JSON.parse(fs.readFileSync(path.join(folder, '.outpost.json'), 'utf8'))).toEqual({ server: outpost.url, page_id: pageId });

    const files = await outpost.api(`/api/pages/${pageId}/files`, { token });
    const paths: string[] = files.body.files.map((f: { path: string }) => f.path);
    expect(paths).toHaveLength(200);
    expect(paths).toContain('assets/file-199.txt');
    expect(paths.filter((p) => /drafts|\.log$|\.env|outpost|linked/.test(p))).toEqual([]);
    const served = await fetch(page.url);
    expect(await served.text()).toContain('<h1>first</h1>');
  });

  it('deploys the same folder again: the remembered page is replaced, its URL kept and copied', async () => {
    writeSite(folder, 10, 'second');
    // No desktop here: an `xsel` on PATH stands in for the clipboard tool clipboardy drives on Linux.
    const bin = path.join(home.dir, 'bin');
    const clipboard = path.join(home.dir, 'clipboard.txt');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'xsel'), `#!/bin/sh\ncat > '${clipboard}'\n`, { mode: 0o755 });
    const env = { ...home.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, WAYLAND_DISPLAY: '' };
    const again = await runCli(['deploy', folder, '--copy'], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('The URL is on the clipboard\n');
    const [summary, url] = again.stdout.trimEnd().split('\n');
    expect(summary).toBe(`Replaced CLI site (${pageId}, public, 200 files, ${summary.match(/, ([\d.]+ KB)\)$/)?.[1]})`);
    expect(fs.readFileSync(clipboard, 'utf8')).toBe(url);
    expect(await (await fetch(url)).text()).toContain('<h1>second</h1>');
    const listed = json(await cli(['list', '--json']));
    expect(listed.pages.map((p: { id: string }) => p.id)).toEqual([pageId]);
  });

  it('deploys one HTML file as a new private page, with a passcode making another shared', async () => {
    const file = path.join(home.dir, 'note.html');
    fs.writeFileSync(file, '<p>one file</p>');
    const single = json(await cli(['deploy', file, '--private', '--json']));
    expect(single).toMatchObject({ visibility: 'private', file_count: 1, default_file: 'index.html' });
    const shared = json(await cli(['deploy', file, '--passcode', 'open sesame', '--json']));
    expect(shared).toMatchObject({ visibility: 'shared', has_passcode: true, passcodes: ['open sesame'] });
    // Where no clipboard can be reached, --copy is a one-line warning: the page is published all the same.
    const noClipboard = await runCli(['deploy', file, '--copy', '--json'], { env: { ...home.env, PATH: '/nonexistent', DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(noClipboard.code).toBe(0);
    expect(json(noClipboard)).toMatchObject({ file_count: 1, copied: false });
    expect(noClipboard.stderr).toMatch(/^outpost: Could not copy the URL: [^\n]+\n$/);
    const clash = await cli(['deploy', file, '--private', '--shared']);
    expect(clash).toEqual({ code: 1, stdout: '', stderr: 'outpost: Choose one of --public, --shared, --private (got --shared, --private)\n' });
  });

  it('captures a loopback page with its assets, showing progress', async () => {
    site.route('/capture/index.html', { type: 'text/html', body: '<link rel="stylesheet" href="style.css"><img src="a.png"><img src="b.png"><p>captured</p>' });
    site.route('/capture/style.css', { type: 'text/css', body: 'p { color: teal }' });
    site.route('/capture/a.png', { type: 'image/png', body: Buffer.from('a'), delayMs: 100 });
    site.route('/capture/b.png', { type: 'image/png', body: Buffer.from('b'), delayMs: 100 });
    const captured = await cli(['capture', site.url('/capture/index.html'), '--name', 'Captured', '--verbose']);
    expect(captured.code).toBe(0);
    expect(captured.stderr).toMatch(/^done: assets 3 of 3, \d+ B$/m);
    const [summary, url] = captured.stdout.trimEnd().split('\n');
    expect(summary).toMatch(/^Captured Captured \(\w+, 3 of 3 assets\)$/);
    expect(await (await fetch(url)).text()).toContain('captured');
  });

  it('Ctrl-C cancels a running capture on the server', async () => {
    site.route('/slow/index.html', { type: 'text/html', body: '<img src="slow.png"><p>slow</p>' });
    site.route('/slow/slow.png', { type: 'image/png', body: Buffer.from('s'), delayMs: 60_000 });
    const run = startCli(['capture', site.url('/slow/index.html'), '--verbose', '--json'], { env: home.env });
    let stderr = '';
    run.child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    await expect.poll(() => /^running: assets 0 of 1/m.test(stderr), { timeout: 20_000 }).toBe(true);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^outpost: Capture cancelled \(job \w+\); the page was not changed$/m);
    // --json: one JSON document on stdout, the error with the job as it ended.
    expect(json(result)).toMatchObject({ error: { message: expect.stringMatching(/^Capture cancelled/), job: { status: 'cancelled' } } });
    const jobs = await outpost.api('/api/jobs?status=cancelled', { token });
    expect(jobs.body.jobs.map((j: { source_url: string }) => j.source_url)).toEqual([site.url('/slow/index.html')]);
  });

  it('open --no-browser prints the URL; rm asks unless --yes; errors are one line with exit code 1', async () => {
    const { body: page } = await outpost.api(`/api/pages/${pageId}`, { token });
    const opened = await cli(['open', pageId, '--no-browser']);
    expect(opened).toEqual({ code: 0, stdout: `${page.url}\n`, stderr: '' });

    const unasked = await cli(['rm', pageId]);
    expect(unasked).toEqual({ code: 1, stdout: '', stderr: `outpost: Not deleting ${pageId} without asking: pass --yes\n` });
    const removed = await cli(['rm', pageId, '--yes', '--json']);
    expect(json(removed)).toEqual({ id: pageId, deleted: true });
    const gone = await cli(['rm', pageId, '--yes', '--json']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^outpost: Page not found[^\n]*\n$/);
    expect(json(gone)).toEqual({ error: { statusCode: 404, error: 'Not Found', message: expect.stringMatching(/^Page not found/) } });
    const listed = json(await cli(['list', '--json']));
    expect(listed.pages.map((p: { id: string }) => p.id)).not.toContain(pageId);

    const missing = await cli(['deploy', path.join(home.dir, 'nothing-here')]);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `outpost: Nothing to deploy at ${path.join(home.dir, 'nothing-here')}\n` });
    const unknown = await cli(['deploy', '--nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')).toHaveLength(2);
    // A value the server refuses: its message, on one line (the keys come with --verbose).
    const refused = await cli(['rm', 'not-an-id', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')).toHaveLength(2);
  });

  it('logout forgets the sign-in', async () => {
    const out = await cli(['logout']);
    expect(out.stdout).toMatch(/^Signed out of http:\/\/127\.0\.0\.1:\d+ \(the API token itself still works/);
    const whoami = await cli(['whoami']);
    expect(whoami).toEqual({ code: 1, stdout: '', stderr: 'outpost: Not signed in: run `outpost login <URL>` (or set OUTPOST_URL and OUTPOST_TOKEN)\n' });
  });
});
