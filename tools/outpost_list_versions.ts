import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'listPageVersions',
  title: "List a page's versions",
  description:
    "List a page's live version and the earlier versions kept, newest first: number, when, how it was made " +
    '(upload, inline, capture of a URL, rollback), file count, size, and files added/removed/changed. ' +
    'Use outpost_rollback to restore one.',
});
