// `outpost versions` and `outpost rollback` against a live server: a folder deployed twice, its versions
// listed from the folder (.outpost.json) and by id, rollbacks by id and from the folder served, and the errors.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { accountWithToken, cliHome, runCli, type CliHome } from './run-cli.ts';

let outpost: TestOutpost;
let home: CliHome;
const cli = (args: string[], cwd?: string) => runCli(args, { env: home.env, cwd });

beforeAll(async () => {
  outpost = await startTestOutpost();
  home = cliHome();
  const token = await accountWithToken(outpost.url, 'versions@example.com');
  expect((await runCli(['login', outpost.url, '--token', '-'], { env: home.env, input: `${token}\n` })).code).toBe(0);
});
afterAll(async () => {
  await outpost?.stop();
  home?.remove();
});

describe('outpost versions / rollback', () => {
  it('lists the versions of the deployed folder, rolls back to version 1, and shows the rollback', async () => {
    const folder = path.join(home.dir, 'site');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'index.html'), '<h1>first</h1>');
    fs.writeFileSync(path.join(folder, 'app.js'), 'run()');
    const first = JSON.parse((await cli(['deploy', '--public', '--json'], folder)).stdout);
    fs.writeFileSync(path.join(folder, 'index.html'), '<h1>second</h1>');
    fs.writeFileSync(path.join(folder, 'new.css'), 'h1{}');
    expect((await cli(['deploy', '--json'], folder)).code).toBe(0);

    const listed = await cli(['versions'], folder);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {3}2 \(live\) {2}\S+Z .* 3 files {2}\+1 -0 ~1 +upload$/);
    expect(lines[1]).toMatch(/^ {3}1 {9}\S+Z .* 2 files {2}\+2 -0 ~0 +upload$/);

    const rolled = await cli(['rollback', first.id, '1']);
    expect(rolled.stderr).toBe('');
    expect(rolled.stdout).toBe(`${first.name} shows version 1 again: ${first.url}\n`);
    expect(await (await fetch(first.url)).text()).toBe('<h1>first</h1>');

    // In the deployed folder the page can be left out.
    const fromFolder = await cli(['rollback', '2', '--json'], folder);
    expect(fromFolder.stderr).toBe('');
    expect(JSON.parse(fromFolder.stdout)).toEqual({ id: first.id, url: first.url, rolled_back_to: 2 });
    expect(await (await fetch(first.url)).text()).toBe('<h1>second</h1>');
    expect((await cli(['rollback', '1'], folder)).code).toBe(0);

    const history = JSON.parse((await cli(['versions', first.id, '--json'])).stdout);
    expect(history.versions.map((v: any) => [v.number, v.live, v.origin])).toEqual([
      [5, true, { kind: 'rollback', from_version: 1 }],
      [4, false, { kind: 'rollback', from_version: 2 }],
      [3, false, { kind: 'rollback', from_version: 1 }],
      [2, false, { kind: 'upload' }],
      [1, false, { kind: 'upload' }],
    ]);
  });

  it('says what is wrong: a version not kept, a missing argument, no page', async () => {
    const ids = JSON.parse((await cli(['list', '--json'])).stdout).pages.map((p: { id: string }) => p.id);
    const missing = await cli(['rollback', ids[0], '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^outpost: Version 99 of this page is not kept/);
    const noVersion = await cli(['rollback', ids[0]]);
    expect(noVersion.code).toBe(1);
    expect(noVersion.stderr).toMatch(/Name the version: `outpost rollback \[ID\] VERSION`/);
    const noPage = await cli(['rollback', '1'], home.dir);
    expect(noPage.code).toBe(1);
    expect(noPage.stderr).toMatch(/Name the page: `outpost rollback ID VERSION`/);
    const nowhere = await cli(['versions'], home.dir);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/Name the page: `outpost versions ID`/);
  });
});
