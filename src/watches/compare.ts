// What changed between the page's live version and a new capture of its source: files by (path, SHA-256),
// visible text by lines, the title. The score (0–1) is 0.6 × the share of text lines' characters added or
// removed plus 0.4 × the share of files added, removed or changed; a change of the title alone scores 0.05.
import { createHash } from 'node:crypto';
import { diffFileSets } from '../pages/file-store.ts';
import type { Baseline } from './watches.ts';
import type { SignalChanges } from './signals.ts';

/** Excerpts kept per direction, and their length. */
const MAX_EXCERPTS = 5;
const MAX_EXCERPT_CHARS = 200;
/** File paths kept per list. */
const MAX_PATHS = 20;
const TITLE_ONLY_SCORE = 0.05;

export interface CapturedContent {
  files: { path: string; content: Buffer }[];
  title?: string;
  text: string;
}

export interface Comparison {
  changed: boolean;
  score: number;
  changes: SignalChanges;
  summary: string;
  /** The new capture's text and title, the next run's baseline. */
  baseline: Baseline;
}

/** `live`: the live version's files; `before`: the text and title the last run saw (null before the first). */
export function compareCapture(capture: CapturedContent, live: readonly { path: string; sha256: string }[], before: Baseline | null): Comparison {
  const after = new Map(capture.files.map((f) => [f.path, createHash('sha256').update(f.content).digest('hex')]));
  const files = diffFileSets(new Map(live.map((f) => [f.path, f.sha256])), after);
  const union = after.size + files.removed;
  const fileShare = union === 0 ? 0 : (files.added + files.removed + files.changed) / union;

  const text = before ? lineDiff(before.text, capture.text) : { added: [], removed: [], share: 0 };
  const titleAfter = capture.title ?? null;
  const titleChanged = before !== null && before.title !== titleAfter;
  const changed = fileShare > 0 || text.share > 0 || titleChanged;
  let score = changed ? 0.6 * text.share + 0.4 * fileShare : 0;
  if (titleChanged) score = Math.max(score, TITLE_ONLY_SCORE);
  const changes: SignalChanges = {
    title: titleChanged ? { before: before.title, after: titleAfter } : null,
    text_added: excerpts(text.added),
    text_removed: excerpts(text.removed),
    text_added_count: text.added.length,
    text_removed_count: text.removed.length,
    assets_added: files.added_paths.slice(0, MAX_PATHS),
    assets_removed: files.removed_paths.slice(0, MAX_PATHS),
    assets_changed: files.changed_paths.slice(0, MAX_PATHS),
  };
  return {
    changed,
    score: Math.min(1, Math.round(score * 1000) / 1000),
    changes,
    summary: summarize(changed, changes, files.added, files.removed, files.changed),
    baseline: { title: titleAfter, text: capture.text },
  };
}

/** Lines of `after` not in `before` and the reverse (as multisets), and the share of characters they make up. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[]; share: number } {
  const beforeLines = before === '' ? [] : before.split('\n');
  const afterLines = after === '' ? [] : after.split('\n');
  const unmatched = (lines: string[], other: string[]) => {
    const left = new Map<string, number>();
    for (const line of other) left.set(line, (left.get(line) ?? 0) + 1);
    return lines.filter((line) => {
      const n = left.get(line) ?? 0;
      if (n === 0) return true;
      left.set(line, n - 1);
      return false;
    });
  };
  const added = unmatched(afterLines, beforeLines);
  const removed = unmatched(beforeLines, afterLines);
  const chars = (lines: string[]) => lines.reduce((sum, l) => sum + l.length, 0);
  const total = chars(beforeLines) + chars(afterLines);
  return { added, removed, share: total === 0 ? 0 : Math.min(1, (chars(added) + chars(removed)) / total) };
}

function excerpts(lines: string[]): string[] {
  return lines.slice(0, MAX_EXCERPTS).map((l) => (l.length > MAX_EXCERPT_CHARS ? `${l.slice(0, MAX_EXCERPT_CHARS - 1)}…` : l));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summarize(changed: boolean, c: SignalChanges, added: number, removed: number, changedFiles: number): string {
  if (!changed) return 'No change';
  const parts: string[] = [];
  if (c.title) parts.push('Title changed');
  if (c.text_added_count || c.text_removed_count) parts.push(`${plural(c.text_added_count, 'line')} added, ${c.text_removed_count} removed`);
  const files = [added && `${added} added`, removed && `${removed} removed`, changedFiles && `${changedFiles} changed`].filter(Boolean);
  if (files.length) parts.push(`files: ${files.join(', ')}`);
  return parts.length ? parts.join('; ') : 'Changed';
}
