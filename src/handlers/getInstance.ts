import fs from 'node:fs';
import { hasUsers } from '../accounts/users.ts';
import { defineHandler } from '../rest/operation.ts';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export default defineHandler('getInstance', async ({ app }) => {
  const { publicUrl, signupMode } = app.config;
  // Whether the instance has an account is no secret (sign-up tells it too); nothing else about them is said.
  const signup: 'first_account' | 'open' | 'invitation' = !(await hasUsers(app.db)) ? 'first_account' : signupMode === 'open' ? 'open' : 'invitation';
  return {
    status: 200,
    body: {
      version: VERSION,
      public_url: publicUrl,
      mcp_url: `${publicUrl}/mcp`,
      docs_url: `${publicUrl}/docs`,
      signup,
      invitation_required: signup === 'invitation',
      limits: { max_upload_bytes: app.pageLimits.maxBytes, user_quota_bytes: app.pageLimits.quotaBytes },
    },
  };
});
