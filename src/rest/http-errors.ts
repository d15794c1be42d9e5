// The HTTP error for the errors the domain layer throws, and clearer texts for hapi's own: used by the server's
// onPreResponse and by operations run directly for MCP tool calls (direct-call.ts), so both answer alike.
import Boom from '@hapi/boom';
import { InvalidInput, SignupRejected } from '../shared/errors.ts';
import { ContentTooLarge, DiskSpaceLow, PageNotFound, VersionNotFound } from '../pages/pages.ts';
import { VersionGone } from '../pages/file-store.ts';
import { ZipRejected } from '../pages/zip-intake.ts';
import { UploadLinkRefused } from '../pages/upload-links.ts';
import { JobFinished, JobNotFound } from '../capture/jobs.ts';
import { TooManyJobs } from '../capture/capture-runner.ts';
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import { WatchNotFound } from '../watches/watches.ts';

export interface ErrorContext {
  /** The content types the route's payload takes (for the 415 text). */
  allowedTypes?: string | readonly string[];
  /** An MCP tool call: a not-found error points to the list tool instead of the list operation. */
  toolCall: boolean;
}

export function toHttpError<T>(response: T, { allowedTypes, toolCall }: ErrorContext): T | Boom.Boom {
  if (response instanceof RateLimitExceeded) {
    const err = Boom.tooManyRequests(response.message);
    err.output.headers['Retry-After'] = String(response.retryAfterSeconds);
    return err;
  }
  if (response instanceof InvalidInput) {
    const err = Boom.badRequest(response.message);
    (err.output.payload as Record<string, unknown>).validation = { source: response.source, keys: [snakeCase(response.field)] };
    return err;
  }
  if (response instanceof SignupRejected) return Boom.badRequest(response.message);
  if (response instanceof PageNotFound) return Boom.notFound(toolCall ? response.toolMessage : response.message);
  if (response instanceof VersionNotFound) return Boom.notFound(toolCall ? response.toolMessage : response.message);
  if (response instanceof VersionGone) return Boom.conflict(response.message);
  if (response instanceof ContentTooLarge) return Boom.entityTooLarge(response.message);
  if (response instanceof DiskSpaceLow) return new Boom.Boom(response.message, { statusCode: 507 });
  if (response instanceof ZipRejected) return Boom.badRequest(response.message);
  if (response instanceof JobNotFound) return Boom.notFound(toolCall ? response.toolMessage : response.message);
  if (response instanceof WatchNotFound) return Boom.notFound(toolCall ? response.toolMessage : response.message);
  if (response instanceof JobFinished) return Boom.conflict(response.message);
  if (response instanceof TooManyJobs) return Boom.tooManyRequests(response.message);
  if (response instanceof UploadLinkRefused) return new Boom.Boom(response.message, { statusCode: response.status });
  // A multipart body that outgrows maxBytes without a Content-Length fails inside the form parser.
  if (Boom.isBoom(response) && response.output.statusCode === 400 && Boom.isBoom(response.data) && response.data.output.statusCode === 413) {
    response = response.data as T;
  }
  if (Boom.isBoom(response) && response.output.statusCode === 413 && !response.message.includes('bytes')) {
    response.output.payload.message = 'The request body is larger than this server accepts (see UPLOAD_LIMIT_MB)';
  }
  if (Boom.isBoom(response) && response.output.statusCode === 415) {
    response.output.payload.message = [allowedTypes ?? []].flat().includes('multipart/form-data')
      ? 'The request body must be JSON (Content-Type: application/json) or an upload (Content-Type: multipart/form-data)'
      : 'The request body must be JSON (Content-Type: application/json)';
  }
  return response;
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
