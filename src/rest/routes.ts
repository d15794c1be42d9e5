// Registers one hapi route per operation in the generated table, each served by the handler module
// named after its operationId in src/handlers/. A missing or stray handler stops the start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, ResponseToolkit, RouteOptionsValidate, Server } from '@hapi/hapi';
import { operations, type OperationId } from '../generated/operations.ts';
import { loadModuleFolder, ModuleFolderError } from '../shared/module-folder.ts';
import { callExtras } from './call-extras.ts';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import type { HandlerModule } from './operation.ts';
import { directlyCallable, registerDirectCalls, runHandler, type DirectOperation } from './direct-call.ts';
import { operationValidators, replyChecker } from './route-validators.ts';
import { checkBudgetAndScopes } from './scope-check.ts';

const HAPI_DEFAULT_MAX_BYTES = 1024 * 1024;

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
  const direct = new Map<OperationId, DirectOperation>();
  for (const [id, handler] of handlers) {
    const op = operations[id] as (typeof operations)[OperationId];
    const validators = operationValidators(op);
    const { takesForms, takesUploads } = validators;
    const hook = (check: ((value: unknown) => unknown) | undefined) => check && (async (value: unknown) => check(value));
    const validate: RouteOptionsValidate = {
      failAction: (_request, _h, err) => {
        throw err;
      },
    };
    if (validators.params) validate.params = hook(validators.params) as RouteOptionsValidate['params'];
    validate.query = hook(validators.query) as RouteOptionsValidate['query'];
    if (validators.headers) validate.headers = hook(validators.headers) as RouteOptionsValidate['headers'];
    const payload = validators.payload;
    if (payload) {
      validate.payload = (async (value: unknown, options: { context?: { headers?: Record<string, string> } }) =>
        payload(value, options.context?.headers ?? {})) as RouteOptionsValidate['payload'];
    }
    const checkReply = options.validateResponses ? replyChecker(op) : undefined;
    const maxBytes = (op.tags as readonly string[]).includes('pages') ? Math.ceil(app.config.uploadLimitBytes * 1.4) + 64 * 1024 : undefined;
    if (directlyCallable(op, handler)) {
      // The limit hapi holds this route's body to: its own, else the server's, else hapi's default.
      const limit = maxBytes ?? server.settings.routes?.payload?.maxBytes ?? HAPI_DEFAULT_MAX_BYTES;
      direct.set(id, { op, handler, validators, checkReply, maxBytes: limit });
    }

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
                ...(maxBytes ? { maxBytes } : {}),
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
          const ctx = { params: request.params, query: request.query, body: request.payload ?? undefined, caller, app, request, h };
          const reply = await runHandler(id, handler, ctx, checkReply);
          const response = h.response((reply.stream ?? reply.body) as object | undefined).code(reply.status);
          for (const [k, v] of Object.entries(reply.headers ?? {})) response.header(k, v);
          return response;
        },
      },
    });
  }
  registerDirectCalls(server, app, direct);
}

/**
 * Before validation (scope-check.ts): one request from the caller's budget (shared with MCP, whose tool calls
 * arrive through server.inject or direct-call.ts), then the operation's scopes.
 */
export function registerScopeAndBudgetCheck(server: Server, app: Services): void {
  server.ext('onPostAuth', async (request, h) => {
    const caller = (request.auth.credentials as { caller?: Caller } | null)?.caller;
    if (!caller || request.route.settings.tags?.includes('mcp')) return h.continue;
    const scopes = (request.route.settings.app as { scopes?: readonly string[] | null } | undefined)?.scopes;
    await checkBudgetAndScopes(app, caller, scopes, callExtras(request).prepaid === true);
    return h.continue;
  });
}
