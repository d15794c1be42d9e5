// `npm run codegen`: openapi.yaml → src/generated/ (schemas, operations table, openapi-typescript types) and
// the same types into the SDK package (`packages/sdk/src/generated/openapi.ts`, a `.ts` so that its build
// emits them). `npm run codegen -- --check` fails when a generated file is stale.
// `--out` elsewhere (a test's spec) leaves the SDK alone unless `--sdk-out` names a folder too.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { responseConstants, SchemaConstants } from './constants.ts';
import { operationsModule, schemasModule } from './modules.ts';
import { buildComponents, buildOperations, collectFormats } from './operations.ts';
import { sdkTypes } from './sdk-types.ts';
import { loadSpec, SpecError } from './spec.ts';

const SDK_TYPES_FILE = 'openapi.ts';
const HEADER = '// Generated from openapi.yaml by `npm run codegen`. Do not edit.\n';

export async function generate(specFile: string): Promise<Map<string, string>> {
  const loaded = loadSpec(specFile);
  const operations = buildOperations(loaded);
  const components = buildComponents(loaded);
  const constants = new SchemaConstants(components, loaded.locate);
  const responses = responseConstants(operations, loaded.locate);
  const formats = [...collectFormats([operations, components])].sort();
  const files = new Map<string, string>();
  files.set('operations.ts', `${HEADER}${operationsModule(operations, constants, responses, formats)}`);
  files.set('schemas.ts', `${HEADER}${schemasModule(constants)}`);
  files.set('openapi.d.ts', `${HEADER}${await sdkTypes(loaded.spec)}`);
  return files;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      spec: { type: 'string', default: 'openapi.yaml' },
      out: { type: 'string', default: 'src/generated' },
      'sdk-out': { type: 'string' },
    },
  });
  const sdkOut = values['sdk-out'] ?? (values.out === 'src/generated' ? 'packages/sdk/src/generated' : undefined);
  let files: Map<string, string>;
  try {
    files = await generate(path.resolve(values.spec));
  } catch (e) {
    if (e instanceof SpecError) {
      console.error(`codegen: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const targets = [...files].map(([name, content]) => [path.join(values.out, name), content]);
  if (sdkOut) targets.push([path.join(sdkOut, SDK_TYPES_FILE), files.get('openapi.d.ts')!]);
  const stale: string[] = [];
  for (const [target, content] of targets) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    if (values.check) stale.push(target);
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      console.log(`codegen: wrote ${target}`);
    }
  }
  if (stale.length) {
    console.error(`codegen: stale generated files (run \`npm run codegen\` and commit them):\n  ${stale.join('\n  ')}`);
    return 1;
  }
  if (values.check) console.log('codegen: generated files are up to date');
  return 0;
}

if (import.meta.main) process.exitCode = await main();
