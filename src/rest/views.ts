// API shapes of stored records (snake_case fields, RFC 3339 UTC timestamps).
import type { Invitation } from '../accounts/invitations.ts';
import type { ApiToken } from '../accounts/tokens.ts';
import type { User } from '../accounts/users.ts';
import type { PageDoc } from '../pages/pages.ts';
import { maxViewsOf, pageStatus } from '../pages/page-end.ts';
import type { JobDoc } from '../capture/jobs.ts';

/** The last date shown (a cached caller's creation date is shown on every tool call), with the time it held then. */
let last: { date: Date; time: number; text: string } | undefined;

export function timestamp(d: Date): string {
  const time = d.getTime();
  if (last?.date === d && last.time === time) return last.text;
  // toISOString always ends in `.sssZ`: the milliseconds are dropped.
  const text = `${d.toISOString().slice(0, -5)}Z`;
  last = { date: d, time, text };
  return text;
}

export const userView = (u: User) => ({ id: u.id, email: u.email, admin: u.admin, created_at: timestamp(u.createdAt) });

export const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  created_at: timestamp(t.createdAt),
  last_used_at: t.lastUsedAt ? timestamp(t.lastUsedAt) : null,
});

export const invitationView = (i: Invitation) => ({
  id: i.id,
  ...(i.note ? { note: i.note } : {}),
  created_at: timestamp(i.createdAt),
  expires_at: timestamp(i.expiresAt),
  used_at: i.usedAt ? timestamp(i.usedAt) : null,
});

export const pageSummaryView = (p: PageDoc, publicUrl: string) => ({
  id: p._id,
  name: p.name,
  visibility: p.visibility,
  default_file: p.default_file,
  url: `${publicUrl}/p/${p._id}`,
  has_passcode: p.passcodes.length > 0,
  allowed_emails: p.allowed_emails,
  size: p.size,
  file_count: p.file_count,
  script_shims: p.script_shims === true,
  created_at: timestamp(p.created_at),
  updated_at: timestamp(p.updated_at),
  status: pageStatus(p),
  expires_at: p.expires_at ? timestamp(p.expires_at) : null,
  max_views: maxViewsOf(p),
});

export const jobView = (j: JobDoc) => ({
  id: j._id,
  action: j.action,
  status: j.status,
  source_url: j.source_url,
  page_id: j.page_id,
  watch_id: j.watch_id ?? null,
  counts: j.counts,
  problems: j.problems,
  problem_count: j.problem_count,
  error: j.error,
  created_at: timestamp(j.created_at),
  started_at: j.started_at ? timestamp(j.started_at) : null,
  finished_at: j.finished_at ? timestamp(j.finished_at) : null,
  duration_ms: j.started_at && j.finished_at ? j.finished_at.getTime() - j.started_at.getTime() : null,
});
