// `import { createClient } from '@outpost/sdk'`: the typed client (everything the REST API offers, generated
// from openapi.yaml) and the few helpers that save real work. Folders on disk: '@outpost/sdk/node'.
export { createClient, type OutpostClient, type OutpostClientOptions } from './client.ts';
export { OutpostError, unwrap, type ErrorBody } from './errors.ts';
export { iterateJobs, iteratePages, type PageThroughOptions } from './pagination.ts';
export { jobEnded, waitForJob, type Job, type WaitForJobOptions } from './jobs.ts';
export { publishFile, publishFiles, updatePageSettings, type Page, type PageSettings, type PublishFile, type PublishOptions } from './publish.ts';
export type { components, operations, paths } from './generated/openapi.ts';
