// Loading openapi.yaml with source positions, so every error names a file, line and column.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export class SpecError extends Error {}

export interface LoadedSpec {
  file: string;
  spec: JsonObject;
  /** `file:line:col` of the node at a JSON-pointer-like path (best effort: the nearest existing parent). */
  locate(pathParts: (string | number)[]): string;
}

export function loadSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecError(`${file}: cannot read the spec (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  const display = path.relative(process.cwd(), file) || file;
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    throw new SpecError(`${display}:${line}:${col}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const spec = doc.toJS({ maxAliasCount: 100 }) as JsonObject;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new SpecError(`${display}:1:1: the document must be a mapping`);
  const locate = (parts: (string | number)[]) => {
    for (let n = parts.length; n >= 0; n--) {
      const node = doc.getIn(parts.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const range = node && (isMap(node) || isScalar(node) || 'range' in node) ? node.range : undefined;
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        return `${display}:${line}:${col}`;
      }
    }
    return `${display}:1:1`;
  };
  return { file, spec, locate };
}

/** The name in `#/components/<section>/<name>`, if `ref` points at a whole component of that section. */
export function componentName(ref: string, section: 'schemas' | 'responses'): string | undefined {
  const parts = ref.split('/');
  if (parts.length !== 4 || parts[0] !== '#' || parts[1] !== 'components' || parts[2] !== section) return undefined;
  return parts[3].replace(/~1/g, '/').replace(/~0/g, '~');
}
