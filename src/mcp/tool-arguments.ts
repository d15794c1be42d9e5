// A tool call's arguments checked against the tool's input schema, before anything (a URL, a
// request body, a tool's own code) is built from them. The schemas are compiled by the same
// validator REST uses, so an argument gets the message its REST field would get.
import Boom from '@hapi/boom';
import { requestValidator, type Validator } from '../rest/validation.ts';
import type { LoadedTool } from './tools-registry.ts';

const validators = new WeakMap<object, Validator>();

/** Why `args` do not fit `schema`, in words naming the arguments; undefined when they fit. */
function schemaProblem(schema: Record<string, unknown>, args: Record<string, unknown>): string | undefined {
  let check = validators.get(schema);
  // Arguments are JSON with their own types: checked as a body is, without the string coercion of query and path values.
  if (!check) validators.set(schema, (check = requestValidator(schema, 'payload')));
  try {
    check(args);
    return undefined;
  } catch (e) {
    if (Boom.isBoom(e)) return e.message;
    throw e;
  }
}

/**
 * Why a call of `tool` with `args` is refused before it runs, or undefined. Unknown and missing
 * arguments are named first (as the contract's error texts do); then the arguments must fit the input schema.
 */
export function argumentProblem(tool: Pick<LoadedTool, 'argumentSchema' | 'sources' | 'operationId'>, args: Record<string, unknown>): string | undefined {
  if (!tool.operationId) {
    const problem = schemaProblem(tool.argumentSchema, args);
    return problem && `Invalid arguments: ${problem}`;
  }
  const unknown = Object.keys(args).filter((k) => !Object.hasOwn(tool.sources, k));
  if (unknown.length) return `Unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;
  for (const [arg, source] of Object.entries(tool.sources)) {
    const value = args[arg];
    if (source.from === 'params' && (value === undefined || value === null || value === '')) return `${arg} is required`;
  }
  return schemaProblem(tool.argumentSchema, args);
}

/** A path segment from a validated argument; `.` and `..` would step to another route, so they are refused. */
export function pathSegment(arg: string, value: unknown): { segment: string } | { problem: string } {
  const text = String(value);
  if (text === '.' || text === '..') return { problem: `${arg} must not be "${text}"` };
  return { segment: encodeURIComponent(text) };
}
