import { listConnectedApps } from '../oauth/connected-apps.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('listConnectedApps', async ({ caller, app }) => ({
  status: 200,
  body: { apps: await listConnectedApps(await app.oauth.provider(), app.db, caller.user.id) },
}));
