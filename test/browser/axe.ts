// axe-core in the page (through @axe-core/playwright): the WCAG 2.1 A and AA rules, and the violations a
// person would hit hardest (serious, critical) in words a failing test can show.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Serious and critical violations on the page as it is now, one line per rule and element (or colour contrast only). */
export async function seriousViolations(page: Page, { contrastOnly = false } = {}): Promise<string[]> {
  // Legacy mode runs in the page itself; the default opens a blank page for every run, seconds each.
  const builder = new AxeBuilder({ page }).setLegacyMode();
  const results = await (contrastOnly ? builder.withRules(['color-contrast']) : builder.withTags(TAGS)).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`));
}
