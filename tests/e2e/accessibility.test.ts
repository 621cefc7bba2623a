/**
 * Accessibility, checked by axe-core in real Chromium: the popup (a lure tab's explanation, in
 * light and dark colour schemes), the options page, and the warning bar (rendered where axe can
 * see it: its real shadow root is closed to every script, axe's included).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/engine/types';
import { waitForReport, warningBarOf } from './support/browser';
import { extensionSession } from './support/session';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const session = extensionSession();

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2 A and AA violations on the page, as "rule: help (elements)". */
async function violationsOf(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which extension pages' script policy does not block.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('the popup explaining a lure tab, in light and dark', async () => {
    const { page, tabId } = await session.open('/job-board-en.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    for (const colorScheme of ['light', 'dark'] as const) {
      const popup = await session.browser.context.newPage();
      await popup.emulateMedia({ colorScheme });
      await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tab=${tabId}`);
      await popup.locator('.what-to-do').waitFor();
      expect(await violationsOf(popup), colorScheme).toEqual([]);
      await popup.close();
    }
    await page.close();
  });

  it('the options page, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const options = await session.browser.context.newPage();
      await options.emulateMedia({ colorScheme });
      await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
      await options.locator('main').waitFor();
      expect(await violationsOf(options), colorScheme).toEqual([]);
      await options.close();
    }
  });

  it('the warning bar: announced as an alert, every control a button reachable by keyboard', async () => {
    const { page, tabId } = await session.open('/job-board-en.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    // A person tabbing through the page reaches the bar's buttons: focus goes into its closed
    // shadow root, which the page sees as focus on the bar's host.
    const onBar = () => page.evaluate(() => {
      const active = document.activeElement;
      return !!active && active.localName === 'div' && active.parentElement === document.documentElement && active.shadowRoot === null;
    });
    let presses = 0;
    while (!(await onBar()) && presses++ < 40) await page.keyboard.press('Tab');
    expect(await onBar()).toBe(true);
    // Focus is on "Why?"; the next button is "Minimize", and Enter works it like a click.
    await page.keyboard.press('Tab');
    expect(await onBar()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => warningBarOf(page)).toMatchObject({ minimized: true });
    await page.close();
  });
});
