// When a watch runs: every N minutes (15 or more), or at the times of a cron expression (croner), which
// must also leave 15 minutes between runs. A schedule that breaks a rule is refused with what is wrong.
import { Cron } from 'croner';
import { InvalidInput } from '../shared/errors.ts';

export const MIN_INTERVAL_MINUTES = 15;
/** How many upcoming cron runs are checked for the minimum gap. */
const GAP_CHECKED_RUNS = 12;

export interface WatchSchedule {
  interval_minutes?: number;
  cron?: string;
  timezone?: string;
}

/** A copy of the schedule with only its meaningful fields, or InvalidInput naming the problem. */
export function checkSchedule(schedule: WatchSchedule, now: Date): WatchSchedule {
  const { interval_minutes: interval, cron, timezone } = schedule;
  if ((interval === undefined) === (cron === undefined)) {
    throw new InvalidInput('schedule', 'schedule needs exactly one of interval_minutes (15 or more) or cron (a 5-field cron expression)');
  }
  if (interval !== undefined) {
    if (!Number.isInteger(interval) || interval < MIN_INTERVAL_MINUTES) {
      throw new InvalidInput('schedule', `schedule.interval_minutes must be a whole number of minutes, ${MIN_INTERVAL_MINUTES} or more`);
    }
    if (timezone !== undefined) throw new InvalidInput('schedule', 'schedule.timezone applies only to a cron schedule');
    return { interval_minutes: interval };
  }
  const pattern = cron!.trim();
  if (pattern.split(/\s+/).length !== 5) {
    throw new InvalidInput('schedule', `schedule.cron must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"; got "${pattern}"`);
  }
  let runs: Date[];
  try {
    runs = new Cron(pattern, { timezone: timezone ?? 'UTC' }).nextRuns(GAP_CHECKED_RUNS, now);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InvalidInput('schedule', `schedule.cron "${pattern}"${timezone ? ` (timezone ${timezone})` : ''} is not valid: ${why}`);
  }
  if (runs.length === 0) throw new InvalidInput('schedule', `schedule.cron "${pattern}" never runs`);
  for (let i = 1; i < runs.length; i++) {
    if (runs[i].getTime() - runs[i - 1].getTime() < MIN_INTERVAL_MINUTES * 60_000) {
      throw new InvalidInput('schedule', `schedule.cron "${pattern}" runs more often than every ${MIN_INTERVAL_MINUTES} minutes`);
    }
  }
  return { cron: pattern, ...(timezone !== undefined && { timezone }) };
}

/** The first run after `after` (a schedule already checked). */
export function nextRunAfter(schedule: WatchSchedule, after: Date): Date {
  if (schedule.interval_minutes !== undefined) return new Date(after.getTime() + schedule.interval_minutes * 60_000);
  const next = new Cron(schedule.cron!, { timezone: schedule.timezone ?? 'UTC' }).nextRun(after);
  // A cron that stops having runs (a date long past) waits a year rather than spinning.
  return next ?? new Date(after.getTime() + 365 * 86_400_000);
}
