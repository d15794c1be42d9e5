import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'createWatch',
  title: 'Watch a URL on a schedule',
  description:
    'Re-capture a URL into a page on a schedule and report what changed. Give page_id and source_url, or job_id of an ' +
    'earlier capture (its page and URL). schedule: {interval_minutes: 15 or more} or {cron: "0 9 * * 1-5", timezone?}. ' +
    'A new version of the page is written only when its text or files changed; each run leaves a signal (outpost_get_signals). ' +
    'Optional webhook_url (signed POST of each signal; the secret is shown once) and email.',
});
