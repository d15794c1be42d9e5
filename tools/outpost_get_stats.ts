import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'getPageStats',
  title: "Get a page's view counts",
  description:
    'How often one of your pages was viewed: total views, views and estimated unique visitors per day for the last 30 days, ' +
    'the views left under its max_views and its expiry (status "expired" once either ended it), and for a page with ' +
    'allowed_emails which address opened its emailed link and when.',
});
