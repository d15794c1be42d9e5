import { describe, expect, it } from 'vitest';
import { warmUp } from '../../src/shared/warm-up.ts';

describe('warmUp', () => {
  it('runs every step in order and reports a step that fails without stopping the others', async () => {
    const ran: string[] = [];
    const reports: string[] = [];
    const missing = './no-such-module.ts';
    await warmUp(
      [
        ['the first module', async () => ran.push('first')],
        ['a missing module', () => import(missing)],
        ['the last module', async () => ran.push('last')],
      ],
      (message) => reports.push(message),
    );
    expect(ran).toEqual(['first', 'last']);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^a missing module could not be loaded: .*no-such-module/);
  });
});
