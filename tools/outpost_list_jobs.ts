import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'listJobs',
  title: 'List capture jobs',
  description: 'List your capture jobs (captures of a source_url), newest first; filter by `status`.',
});
