import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'updateWatch',
  title: 'Change a watch',
  description:
    'Pause (state: "paused") or resume (state: "active") a watch, or change its schedule, webhook_url (null removes it; ' +
    'a new URL gets a new secret, shown once) or email (null removes it).',
});
