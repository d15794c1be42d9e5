// `node codegen/index.ts`: --check on the repository, errors on broken specs (file:line:col and a
// reason), generating into --out, and stale detection.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/codegen/fixtures';
const GENERATED = ['openapi.d.ts', 'operations.ts', 'schemas.ts'];
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-codegen-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function codegen(...args: string[]) {
  const result = spawnSync(process.execPath, ['codegen/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(result.error).toBeUndefined();
  return result;
}

describe('the repository', () => {
  it('npm run codegen -- --check: src/generated/ and the SDK package types are up to date', () => {
    const result = codegen('--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('codegen: generated files are up to date\n');
  });
});

describe('broken specs', () => {
  it.each([
    ['dangling-ref.yaml', '16:23', '$ref "#/components/schemas/Missing" points to nothing'],
    ['missing-operation-id.yaml', '14:7', 'POST /things has no operationId'],
    ['duplicate-operation-id.yaml', '15:20', `duplicate operationId "getThing" (first used at ${FIXTURES}/duplicate-operation-id.yaml:8:20)`],
    ['invalid-yaml.yaml', '9:40', 'invalid YAML: Implicit keys need to be on a single line'],
    ['missing-security.yaml', '8:7', 'getThing declares no security; use `security: []` for a public operation'],
  ])('%s: exits 1 naming the file, line:col and the reason', (fixture, position, reason) => {
    const out = tempDir();
    const result = codegen('--spec', `${FIXTURES}/${fixture}`, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`codegen: ${FIXTURES}/${fixture}:${position}: ${reason}\n`);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('a spec file that does not exist: exits 1 with a one-line message naming it', () => {
    const result = codegen('--spec', `${FIXTURES}/no-such-spec.yaml`, '--out', tempDir());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^codegen: .*no-such-spec\.yaml.*\n$/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a valid minimal spec', () => {
  // Generated once; tests that change files work on copies.
  let generatedDir: string;
  let firstRun: ReturnType<typeof codegen>;

  beforeAll(() => {
    generatedDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-codegen-')), 'generated');
    firstRun = codegen('--spec', `${FIXTURES}/minimal.yaml`, '--out', generatedDir);
  });

  afterAll(() => {
    fs.rmSync(path.dirname(generatedDir), { recursive: true, force: true });
  });

  function copyOfGenerated(): string {
    const out = tempDir();
    fs.cpSync(generatedDir, out, { recursive: true });
    return out;
  }

  it('generates the three files into --out', async () => {
    const out = generatedDir;
    expect(firstRun.stderr).toBe('');
    expect(firstRun.status).toBe(0);
    expect(firstRun.stdout.trim().split('\n').sort()).toEqual(GENERATED.map((f) => `codegen: wrote ${out}/${f}`));
    expect(fs.readdirSync(out).sort()).toEqual(GENERATED);
    for (const file of GENERATED) {
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toMatch(/^\/\/ Generated from openapi\.yaml by `npm run codegen`\. Do not edit\.\n/);
    }
    expect(fs.readFileSync(path.join(out, 'openapi.d.ts'), 'utf8')).toContain('getThing');

    const generated = await import(pathToFileURL(path.join(out, 'operations.ts')).href);
    expect(Object.keys(generated.operations)).toEqual(['getThing']);
    expect(generated.operations.getThing).toMatchObject({
      operationId: 'getThing',
      method: 'GET',
      path: '/things/{thing_id}',
      scopes: null,
      params: { type: 'object', properties: { thing_id: { type: 'string' } }, required: ['thing_id'], additionalProperties: false },
      query: null,
      body: null,
      bodyRequired: false,
    });
    expect(generated.operations.getThing.responses['200'].schema).toEqual({
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    });
    expect(generated.formats).toEqual([]);

    const schemas = await import(pathToFileURL(path.join(out, 'schemas.ts')).href);
    expect(Object.keys(schemas.inputSchemas)).toEqual(['Thing']);
    expect(Object.keys(schemas.outputSchemas)).toEqual(['Thing']);
  });

  it('--sdk-out writes the same types into the SDK package as openapi.ts (a module its build emits)', () => {
    const out = tempDir();
    const sdkOut = path.join(tempDir(), 'sdk-generated');
    const result = codegen('--spec', `${FIXTURES}/minimal.yaml`, '--out', out, '--sdk-out', sdkOut);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`codegen: wrote ${sdkOut}/openapi.ts`);
    expect(fs.readFileSync(path.join(sdkOut, 'openapi.ts'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'openapi.d.ts'), 'utf8'));
  });

  it('a second run writes nothing', () => {
    const out = copyOfGenerated();
    const second = codegen('--spec', `${FIXTURES}/minimal.yaml`, '--out', out);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('');
  });

  it('--check reports a modified generated file as stale and leaves it alone', () => {
    const out = copyOfGenerated();
    const target = path.join(out, 'operations.ts');
    fs.appendFileSync(target, '// hand edit\n');
    const stale = codegen('--check', '--spec', `${FIXTURES}/minimal.yaml`, '--out', out);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('codegen: stale generated files');
    expect(stale.stderr).toContain(target);
    expect(stale.stderr).not.toContain(path.join(out, 'schemas.ts'));
    expect(fs.readFileSync(target, 'utf8').endsWith('// hand edit\n')).toBe(true);
  });

  it('--check reports a missing generated file as stale without creating it', () => {
    const out = copyOfGenerated();
    fs.rmSync(path.join(out, 'schemas.ts'));
    const stale = codegen('--check', '--spec', `${FIXTURES}/minimal.yaml`, '--out', out);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(path.join(out, 'schemas.ts'));
    expect(fs.existsSync(path.join(out, 'schemas.ts'))).toBe(false);
  });
});
