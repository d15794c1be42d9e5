// db:copy's progress lines: redrawn in place on a terminal, whole lines elsewhere, a closing line per collection.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/db-copy/progress.ts';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { out: { isTTY, write: (s: string) => writes.push(s) }, writes };
}

describe('db:copy progress', () => {
  it('prints whole lines with documents of the expected count and megabytes when not on a terminal', () => {
    const { out, writes } = recorder(false);
    const progress = new Progress(out, { intervalMs: 0 });
    progress.begin('page_files.chunks', 6829);
    progress.advance(1000, 3 * 1048576);
    const done = progress.end(', 1 index');
    expect(writes[0]).toMatch(/^ {2}page_files\.chunks: 1,000\/6,829 docs, 3\.0 MB, [\d.]+ MB\/s\n$/);
    expect(writes[1]).toMatch(/^ {2}page_files\.chunks: 1,000 docs, 3\.0 MB, [\d.]+ MB\/s, [\d.]+ s, 1 index\n$/);
    expect(done).toMatchObject({ docs: 1000, bytes: 3 * 1048576 });
  });

  it('redraws one line on a terminal and ends it when the collection is done', () => {
    const { out, writes } = recorder(true);
    const progress = new Progress(out, { intervalMs: 0 });
    progress.begin('users', 2);
    progress.advance(1, 100);
    progress.end();
    const redraw = '\r\x1b[K';
    expect(writes[0].startsWith(`${redraw}  users: 1/2 docs`)).toBe(true);
    expect(writes[0].endsWith('\n')).toBe(false);
    expect(writes[1].startsWith(`${redraw}  users: 1 docs`)).toBe(true);
    expect(writes[1].endsWith('\n')).toBe(true);
  });
});
