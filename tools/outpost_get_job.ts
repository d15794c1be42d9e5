import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'getJob',
  title: 'Get a capture job',
  description:
    'Get one capture job: its status (pending, running, done, failed, cancelled), asset counts, the first problems ' +
    '(skipped or failed assets, with reasons), the error if it failed, and page_id once it is done.',
});
