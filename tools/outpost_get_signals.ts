import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'listSignals',
  title: 'Get the latest signals',
  description:
    'What the latest runs of one watch (watch_id) or of all your watches found, newest first: outcome (changed, unchanged, ' +
    'failed), a change score 0–1, a summary, text lines added/removed, files added/removed/changed, or why the run failed ' +
    '(e.g. HTTP 404, unreachable, blocked address). Pass next_cursor as cursor for older ones.',
});
