// What a watch's run compares: files by SHA-256, visible-text lines, the title; the score's definition; and
// the schedules a watch may have.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareCapture } from '../../src/watches/compare.ts';
import { checkSchedule, nextRunAfter } from '../../src/watches/schedule.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const file = (path: string, content: string) => ({ path, content: Buffer.from(content) });

describe('compareCapture', () => {
  const live = [
    { path: 'index.html', sha256: sha('<p>a</p>') },
    { path: 'style.css', sha256: sha('css') },
  ];

  it('the same files and text: unchanged, score 0', () => {
    const c = compareCapture({ files: [file('index.html', '<p>a</p>'), file('style.css', 'css')], title: 'T', text: 'one\ntwo' }, live, {
      title: 'T',
      text: 'one\ntwo',
    });
    expect(c).toMatchObject({ changed: false, score: 0, summary: 'No change' });
  });

  it('a changed line and file: the lines, the paths, the score as defined', () => {
    const c = compareCapture({ files: [file('index.html', '<p>b</p>'), file('style.css', 'css')], title: 'T', text: 'one\nthree' }, live, {
      title: 'T',
      text: 'one\ntwo',
    });
    expect(c.changes).toMatchObject({
      text_added: ['three'],
      text_removed: ['two'],
      assets_changed: ['index.html'],
      assets_added: [],
      assets_removed: [],
      title: null,
    });
    // text: (5 + 3) / (3 + 3 + 3 + 5) of the characters; files: 1 of 2.
    expect(c.score).toBeCloseTo(0.6 * (8 / 14) + 0.4 * 0.5, 3);
    expect(c.summary).toBe('1 line added, 1 removed; files: 1 changed');
  });

  it('files added and removed; a new title alone scores 0.05', () => {
    const files = compareCapture({ files: [file('index.html', '<p>a</p>'), file('app.js', 'js')], text: '' }, live, null);
    expect(files.changes).toMatchObject({ assets_added: ['app.js'], assets_removed: ['style.css'] });
    const title = compareCapture({ files: [file('index.html', '<p>a</p>'), file('style.css', 'css')], title: 'New', text: 'x' }, live, {
      title: 'Old',
      text: 'x',
    });
    expect(title).toMatchObject({ changed: true, score: 0.05, changes: { title: { before: 'Old', after: 'New' } }, summary: 'Title changed' });
  });

  it('keeps five excerpts of at most 200 characters', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `${i}`.repeat(300));
    const c = compareCapture({ files: [], text: lines.join('\n') }, [], { title: null, text: '' });
    expect(c.changes.text_added).toHaveLength(5);
    expect(c.changes.text_added_count).toBe(8);
    expect(c.changes.text_added[0]).toHaveLength(200);
  });
});

describe('schedules', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  it('an interval runs that many minutes later; a cron at its next time, in its timezone', () => {
    expect(nextRunAfter(checkSchedule({ interval_minutes: 30 }, now), now).toISOString()).toBe('2026-03-02T08:30:00.000Z');
    expect(nextRunAfter(checkSchedule({ cron: '0 9 * * 1-5' }, now), now).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(nextRunAfter(checkSchedule({ cron: '0 9 * * *', timezone: 'Europe/Paris' }, now), now).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });
  it('refuses what runs too often or cannot be read, saying which', () => {
    expect(() => checkSchedule({ interval_minutes: 14 }, now)).toThrow(/15 or more/);
    expect(() => checkSchedule({ cron: '*/10 * * * *' }, now)).toThrow(/more often than every 15 minutes/);
    expect(() => checkSchedule({ cron: '0 9 * *' }, now)).toThrow(/5 fields/);
    expect(() => checkSchedule({ cron: '0 9 31 2 *' }, now)).toThrow(/never runs|not valid/);
    expect(() => checkSchedule({}, now)).toThrow(/exactly one/);
  });
});
