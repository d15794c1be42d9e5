// The web app's screens, in hapi's path syntax: the server answers each with the app's HTML shell and the
// app's router matches the same patterns. Keep clear of the server's own paths (/api, /p, /mcp, /sse,
// /docs, /openapi.*, /healthz, /.well-known, /app).
export const APP_PATHS = {
  home: '/',
  signIn: '/sign-in',
  signUp: '/sign-up',
  publish: '/publish',
  page: '/pages/{page_id}',
  pageVersions: '/pages/{page_id}/versions',
  jobs: '/jobs',
  watches: '/watches',
  tokens: '/tokens',
  invitations: '/invitations',
  connect: '/connect',
  account: '/account',
  apps: '/apps',
  authorize: '/authorize/{uid}',
} as const;

export type ScreenName = keyof typeof APP_PATHS;
