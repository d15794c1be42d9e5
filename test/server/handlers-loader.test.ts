// Routes come from the operations table; a missing, stray or misnamed handler stops the start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/generated/operations.ts';
import { HANDLERS_DIR, loadHandlers } from '../../src/rest/routes.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A copy of src/handlers (imports rewritten to stay valid) that the test can break. */
function handlersCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-handlers-'));
  dirs.push(dir);
  const src = path.resolve(HANDLERS_DIR);
  for (const file of fs.readdirSync(src)) {
    const text = fs.readFileSync(path.join(src, file), 'utf8').replaceAll("'../", `'${path.dirname(src)}/`);
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('loadHandlers', () => {
  it('finds exactly one handler per operation in src/handlers', async () => {
    const handlers = await loadHandlers();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(operations).sort());
  });

  it('fails with the operation and the file to create when a handler is missing', async () => {
    const dir = handlersCopy();
    fs.rmSync(path.join(dir, 'getMe.ts'));
    await expect(loadHandlers(dir)).rejects.toThrow(`No handler for operation "getMe": create ${path.join(dir, 'getMe.ts')}`);
  });

  it('fails on a handler for an operation openapi.yaml does not define', async () => {
    const dir = handlersCopy();
    fs.writeFileSync(
      path.join(dir, 'deletePlanet.ts'),
      fs.readFileSync(path.join(dir, 'getMe.ts'), 'utf8').replace("defineHandler('getMe'", "defineHandler('deletePlanet' as any"),
    );
    await expect(loadHandlers(dir)).rejects.toThrow(/deletePlanet\.ts: handles "deletePlanet", which openapi.yaml does not define/);
  });

  it('fails when the file name does not match its operationId', async () => {
    const dir = handlersCopy();
    fs.renameSync(path.join(dir, 'getMe.ts'), path.join(dir, 'whoAmI.ts'));
    await expect(loadHandlers(dir)).rejects.toThrow(/whoAmI\.ts: handles "getMe"; the file must be named getMe\.ts/);
  });

  it('fails on a file without a default handler export', async () => {
    const dir = handlersCopy();
    fs.writeFileSync(path.join(dir, 'getMe.ts'), 'export const nothing = 1;\n');
    await expect(loadHandlers(dir)).rejects.toThrow(/getMe\.ts: must `export default defineHandler\('getMe', …\)`/);
  });
});
