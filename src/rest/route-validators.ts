// An operation's request checks, built once from the generated schemas: hapi's validate hooks (routes.ts) and
// the direct call of an operation (direct-call.ts) run the same functions.
import type { Operations, OperationId } from '../generated/operations.ts';
import { withoutRootCombinators } from '../shared/json-schema.ts';
import { FORM_TYPES, isForm, multipartValidator } from './multipart.ts';
import { bodySent, requestValidator, responseChecker, validationError } from './validation.ts';

type Operation = Operations[OperationId];
type Headers = Record<string, string | string[] | undefined>;

export interface OperationValidators {
  params?: (value: unknown) => unknown;
  query: (value: unknown) => unknown;
  headers?: (value: unknown) => unknown;
  /** The body as hapi parsed it (null when none), with the request's headers (is it a form, was a body sent). */
  payload?: (value: unknown, headers: Headers) => unknown;
  /** Whether the operation also takes forms (multipart/form-data uploads, url-encoded fields). */
  takesForms: boolean;
  takesUploads: boolean;
}

export function operationValidators(op: Operation): OperationValidators {
  const takesForms = (op.bodyContentTypes as readonly string[]).some((type) => FORM_TYPES.includes(type));
  const takesUploads = (op.bodyContentTypes as readonly string[]).includes(FORM_TYPES[0]);
  const validators: OperationValidators = { query: op.query ? requestValidator(op.query, 'query') : rejectAny('query'), takesForms, takesUploads };
  if (op.params) validators.params = requestValidator(op.params, 'params');
  if (op.headers) validators.headers = requestValidator(op.headers, 'headers');
  if (op.body) {
    const check = requestValidator(op.body, 'payload', { optional: !op.bodyRequired });
    const json = (value: unknown, headers: Headers) => check(value, bodySent(headers));
    // Forms are decoded into the JSON body's shape and checked by the same schema (see multipart.ts). An uploaded file
    // is out of the schema's sight, so a root rule over which fields are given (the JSON body's `oneOf`) is left to the
    // handler for forms.
    const form = takesForms ? multipartValidator(requestValidator(withoutRootCombinators(op.body), 'payload', { optional: !op.bodyRequired })) : undefined;
    validators.payload = form ? (value, headers) => (isForm(headers['content-type'] as string | undefined) ? form(value) : json(value, headers)) : json;
  } else if (op.method !== 'GET') validators.payload = rejectAny('payload');
  return validators;
}

function rejectAny(source: 'query' | 'payload') {
  return (value: unknown) => {
    if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return value;
    throw validationError(
      source,
      source === 'query' ? 'This operation takes no query parameters' : 'This operation takes no request body',
      typeof value === 'object' ? Object.keys(value) : [],
    );
  };
}

/** Checks every JSON response against its declared schema (tests and development): the problems, or none. */
export function replyChecker(op: Operation): (status: number, body: unknown) => string[] {
  const checkers = Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, r.schema ? responseChecker(r.schema) : undefined]));
  return (status, body) => {
    const check = checkers[String(status)];
    return check ? check(body) : Object.hasOwn(op.responses, String(status)) ? [] : ['undeclared status'];
  };
}
