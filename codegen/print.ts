// Normalized schemas as TypeScript source, laid out like JSON.stringify(value, null, 2), except that
// a component's schema is written as its constant's name, so each component's JSON is emitted once.
// Where a $ref's siblings changed some keys the result is `{ ...Constant, "key": … }`; a merged
// allOf's properties spread the properties of the components it joins. The printed source always
// evaluates to the same JSON, key order included, as the value it was printed from.
import type { NamedConstant } from './constants.ts';
import { mergedPartsOf } from './schema.ts';
import type { Json, JsonObject } from './spec.ts';

export interface Printer {
  /** The constant a value was resolved from (a component $ref), if it has one. */
  constantFor(value: JsonObject): NamedConstant | undefined;
  /** How the printed source names a constant (e.g. `schemas.JobSchema` from another module). */
  nameOf(constant: NamedConstant): string;
  /** Collects the constants the printed source refers to. */
  used: Set<NamedConstant>;
}

type Entry = { spread: string } | { key: string; value: Json };

export function printValue(value: Json, printer: Printer, indent = ''): string {
  if (Array.isArray(value))
    return block(
      '[',
      ']',
      value.map((v) => printValue(v, printer, `${indent}  `)),
      indent,
    );
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const constant = printer.constantFor(value);
  if (constant && sameJson(value, constant.value)) return reference(constant, printer);
  const entries = (constant && overrides(value, constant, printer)) ?? entriesOf(value, printer);
  const lines = entries.map((e) => ('spread' in e ? `...${e.spread}` : `${JSON.stringify(e.key)}: ${printValue(e.value, printer, `${indent}  `)}`));
  return block('{', '}', lines, indent);
}

function block(open: string, close: string, lines: string[], indent: string): string {
  if (!lines.length) return `${open}${close}`;
  return `${open}\n${lines.map((line) => `${indent}  ${line}`).join(',\n')}\n${indent}${close}`;
}

function reference(constant: NamedConstant, printer: Printer, member = ''): string {
  printer.used.add(constant);
  return `${printer.nameOf(constant)}${member}`;
}

/**
 * A component with some keys changed or added (`{ ...Constant, "description": … }`). Spreading
 * keeps the constant's key order, so it works only when `value` starts with the constant's keys.
 */
function overrides(value: JsonObject, constant: NamedConstant, printer: Printer): Entry[] | undefined {
  const base = Object.keys(constant.value);
  const keys = Object.keys(value);
  if (!base.every((key, i) => keys[i] === key)) return undefined;
  const changed = keys.filter((key, i) => i >= base.length || !sameJson(value[key], constant.value[key]));
  return [{ spread: reference(constant, printer) }, ...changed.map((key) => ({ key, value: value[key] }))];
}

/** The object's own entries; the properties of a merged allOf spread each component part's properties. */
function entriesOf(value: JsonObject, printer: Printer): Entry[] {
  const own = Object.entries(value).map(([key, v]) => ({ key, value: v }));
  const parts = mergedPartsOf(value);
  // Only while the parts still add up to the object (nothing changed it after the merge).
  if (!parts || !sameJson(Object.assign({}, ...parts.map(propertiesOf)), value)) return own;
  return parts.flatMap((part): Entry[] => {
    const properties = propertiesOf(part);
    const constant = printer.constantFor(part);
    if (constant && Object.keys(properties).length && sameJson(properties, constant.value.properties)) {
      return [{ spread: reference(constant, printer, '.properties') }];
    }
    return Object.entries(properties).map(([key, v]) => ({ key, value: v }));
  });
}

const propertiesOf = (schema: JsonObject) => (schema.properties ?? {}) as JsonObject;

/** Equal as JSON, key order included (the generated JSON must be byte-identical). */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
