// Registers one hapi route per operation in the generated table, each served by the handler module
// named after its operationId in src/handlers/. A missing or stray handler stops the start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, RouteOptionsValidate, Server } from '@hapi/hapi';
import { operations, type OperationId } from '../generated/operations.ts';
import { withoutRootCombinators } from '../shared/json-schema.ts';
import { loadModuleFolder, ModuleFolderError } from '../shared/module-folder.ts';
import { callExtras } from './call-extras.ts';
import type { Services } from '../services.ts';
import { withResourceMetadata } from '../oauth/resource.ts';
import type { Caller } from '../auth/caller.ts';
import type { AnyReply, HandlerModule, OperationContext } from './operation.ts';
import { FORM_TYPES, isForm, multipartValidator } from './multipart.ts';
import { bodySent, responseChecker, requestValidator, validationError } from './validation.ts';

export const HANDLERS_DIR = fileURLToPath(new URL('../handlers/', import.meta.url));

type AnyHandler = HandlerModule<OperationId>;

export async function loadHandlers(dir = HANDLERS_DIR): Promise<Map<OperationId, AnyHandler>> {
  const loaded = await loadModuleFolder(dir, (exported, file, fail) => {
    const mod = exported as AnyHandler | undefined;
    if (!mod || typeof mod.handle !== 'function') return fail(`must \`export default defineHandler('${file.name}', …)\``);
    if (!Object.hasOwn(operations, mod.operationId)) return fail(`handles "${mod.operationId}", which openapi.yaml does not define`);
    if (mod.operationId !== file.name) return fail(`handles "${mod.operationId}"; the file must be named ${mod.operationId}.ts`);
    return mod;
  });
  const handlers = new Map(loaded.map(({ value }) => [value.operationId, value]));
  for (const id of Object.keys(operations) as OperationId[]) {
    if (!handlers.has(id)) throw new ModuleFolderError(`No handler for operation "${id}": create ${path.join(dir, `${id}.ts`)}`);
  }
  return handlers;
}

export interface RouteOptions {
  /** Check every JSON response against its declared schema (tests and development). */
  validateResponses?: boolean;
}

export function registerOperations(server: Server, app: Services, handlers: Map<OperationId, AnyHandler>, options: RouteOptions = {}): void {
  for (const [id, handler] of handlers) {
    const op = operations[id] as (typeof operations)[OperationId];
    const validate: RouteOptionsValidate = {
      failAction: (_request, _h, err) => {
        throw err;
      },
    };
    const hook = (schema: Parameters<typeof requestValidator>[0] | null, source: 'params' | 'query' | 'payload' | 'headers') => {
      if (!schema) return undefined;
      const check = requestValidator(schema, source, { optional: source === 'payload' && !op.bodyRequired });
      if (source !== 'payload') return async (value: unknown) => check(value);
      return async (value: unknown, options: { context?: { headers?: Record<string, string> } }) => check(value, bodySent(options.context?.headers ?? {}));
    };
    if (op.params) validate.params = hook(op.params, 'params') as RouteOptionsValidate['params'];
    validate.query = (op.query ? hook(op.query, 'query') : rejectAny('query')) as RouteOptionsValidate['query'];
    if (op.headers) validate.headers = hook(op.headers, 'headers') as RouteOptionsValidate['headers'];
    // Operations that also take forms (multipart/form-data uploads, url-encoded fields): the form is
    // decoded into the JSON body's shape and checked by the same schema (see multipart.ts); JSON is
    // validated as usual. An uploaded file is out of the schema's sight, so a root rule over which
    // fields are given (the JSON body's `oneOf`) is left to the handler for forms.
    const takesForms = (op.bodyContentTypes as readonly string[]).some((type) => FORM_TYPES.includes(type));
    const takesUploads = (op.bodyContentTypes as readonly string[]).includes(FORM_TYPES[0]);
    if (op.body && takesForms) {
      const json = hook(op.body, 'payload')!;
      const form = multipartValidator(requestValidator(withoutRootCombinators(op.body), 'payload', { optional: !op.bodyRequired }));
      validate.payload = (async (value: unknown, options: { context?: { headers?: Record<string, string> } }) =>
        isForm(options.context?.headers?.['content-type']) ? form(value) : json(value, options)) as RouteOptionsValidate['payload'];
    } else if (op.body) validate.payload = hook(op.body, 'payload') as RouteOptionsValidate['payload'];
    else if (op.method !== 'GET') validate.payload = rejectAny('payload') as RouteOptionsValidate['payload'];

    const checkers = options.validateResponses
      ? Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, r.schema ? responseChecker(r.schema) : undefined]))
      : undefined;

    server.route({
      method: op.method,
      path: op.path,
      options: {
        id,
        description: op.summary,
        tags: ['api', ...op.tags],
        auth: op.scopes ? 'outpost' : false,
        // Cookies are not hapi's to parse here: one malformed cookie of another app on this host (cookies ignore the
        // port) would make every request a 400. The auth scheme reads the one cookie it takes by hand.
        state: { parse: false, failAction: 'ignore' },
        validate,
        payload:
          op.method === 'GET'
            ? undefined
            : {
                allow: takesForms ? [...op.bodyContentTypes] : ['application/json'],
                // File parts as streams over the bytes hapi read (never written to a temporary file).
                multipart: takesUploads ? { output: 'stream' } : false,
                failAction: 'error',
                // Page content travels inline (base64 inflates it by a third) or as an upload.
                ...((op.tags as readonly string[]).includes('pages') ? { maxBytes: Math.ceil(app.config.uploadLimitBytes * 1.4) + 64 * 1024 } : {}),
              },
        // Read by the onPostAuth check, which runs before validation.
        app: { scopes: op.scopes },
        ext: handler.beforeBody
          ? {
              onPreAuth: {
                method: async (request: Request, h: ResponseToolkit) => {
                  await handler.beforeBody!(request, app);
                  return h.continue;
                },
              },
            }
          : undefined,
        handler: async (request: Request, h: ResponseToolkit) => {
          const caller = (request.auth.credentials as { caller?: Caller } | null)?.caller ?? null;
          const ctx = {
            params: request.params,
            query: request.query,
            body: request.payload ?? undefined,
            caller,
            app,
            request,
            h,
          } as unknown as OperationContext<OperationId>;
          const reply = (await handler.handle(ctx)) as AnyReply;
          if (checkers) {
            const check = checkers[String(reply.status)];
            const problems = check ? check(reply.body) : Object.hasOwn(op.responses, String(reply.status)) ? [] : ['undeclared status'];
            if (problems.length) throw Boom.badImplementation(`Response of ${id} (${reply.status}) breaks openapi.yaml: ${problems.join('; ')}`);
          }
          const response = h.response((reply.stream ?? reply.body) as object | undefined).code(reply.status);
          for (const [k, v] of Object.entries(reply.headers ?? {})) response.header(k, v);
          return response;
        },
      },
    });
  }
}

function rejectAny(source: 'query' | 'payload') {
  return async (value: unknown) => {
    if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return value;
    throw validationError(
      source,
      source === 'query' ? 'This operation takes no query parameters' : 'This operation takes no request body',
      typeof value === 'object' ? Object.keys(value) : [],
    );
  };
}

/**
 * Before validation, so a refused request still costs its budget and a credential without the
 * needed scope learns nothing about the payload rules: the operation's scopes, then one request
 * from the caller's budget (shared with MCP, whose tool calls arrive here through server.inject).
 */
export function registerScopeAndBudgetCheck(server: Server, app: Services): void {
  server.ext('onPostAuth', async (request, h) => {
    const caller = (request.auth.credentials as { caller?: Caller } | null)?.caller;
    if (!caller || request.route.settings.tags?.includes('mcp')) return h.continue;
    if (!callExtras(request).prepaid) await app.limits.consumeRequest(caller.user.id);
    const scopes = (request.route.settings.app as { scopes?: readonly string[] | null } | undefined)?.scopes;
    if (scopes) {
      const missing = scopes.filter((s) => !caller.scopes.includes(s));
      if (missing.length) throw forbidden(missing, caller, app.config.publicUrl);
    }
    return h.continue;
  });
}

function forbidden(missing: readonly string[], caller: Caller, publicUrl: string): Boom.Boom {
  const needs = `This operation needs the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  if (missing.includes('account') && caller.kind === 'api_token') {
    return Boom.forbidden(`${needs}: API tokens cannot manage accounts, tokens or invitations. Sign in and use a session token.`);
  }
  if (missing.includes('account') && caller.kind === 'oauth') {
    return Boom.forbidden(`${needs}: apps connected through OAuth cannot manage accounts, tokens or invitations. Sign in to the web app.`);
  }
  if (missing.includes('admin')) return Boom.forbidden(`${needs}: only administrators may do this.`);
  if (caller.kind === 'oauth') {
    // Step-up: the client may ask the person for the missing scope (RFC 6750 insufficient_scope).
    const err = Boom.forbidden(`${needs}, which this app was not granted; it may ask you to approve it.`);
    err.output.headers['WWW-Authenticate'] = withResourceMetadata(
      `Bearer error="insufficient_scope", error_description="${needs}"`,
      publicUrl,
      missing.join(' '),
    );
    return err;
  }
  return Boom.forbidden(`${needs}, which this API token was not given.`);
}
