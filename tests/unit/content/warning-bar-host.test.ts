// @vitest-environment happy-dom
/**
 * The bar's host against a page that tries to reach, hide or remove it: its shadow root is
 * closed, it carries no name a page could predict, and what the page undoes is put back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOwnUi, ownUiRoot } from '../../../src/content/own-ui';
import { WarningBarHost } from '../../../src/content/warning-bar-host';
import { translator } from '../../../src/shared/i18n';

const props = {
  risk: 'high' as const,
  kind: 'a fake job abroad',
  minimized: false,
  t: translator('en'),
  onWhy: () => undefined,
  onMinimize: () => undefined,
  onExpand: () => undefined,
  onDismiss: () => undefined,
};

const hostOf = () => [...document.documentElement.children].find(isOwnUi);

let bar: WarningBarHost | undefined;
afterEach(() => {
  bar?.remove();
  vi.useRealTimers();
});

describe('WarningBarHost', () => {
  it('shows the bar in a closed shadow root on a plain element', () => {
    bar = new WarningBarHost(document);
    bar.show(props);
    const host = hostOf()!;
    expect(host.localName).toBe('div');
    expect(host.shadowRoot).toBeNull();
    expect(ownUiRoot(host)?.querySelector('[role=alert]')?.textContent).toContain('this page looks like a fake job abroad');
    // The page's own elements are never taken for ours.
    const lookalike = document.createElement('lureguard-warning');
    document.documentElement.append(lookalike);
    expect(isOwnUi(lookalike)).toBe(false);
    lookalike.remove();
  });

  it('puts the bar back when the page removes it or sets attributes on it, waiting longer each time, and reports a page that keeps at it', async () => {
    vi.useFakeTimers();
    const keptAway = vi.fn();
    bar = new WarningBarHost(document, keptAway);
    bar.show(props);
    const host = hostOf()!;
    host.remove();
    await vi.advanceTimersByTimeAsync(1);
    expect(hostOf()).toBe(host);

    host.setAttribute('hidden', '');
    host.setAttribute('style', 'display:none');
    await vi.advanceTimersByTimeAsync(1);
    // The first restore after a calm spell is at once, the next ones wait: 50 ms, then 100 ms.
    expect(host.hasAttribute('style')).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(host.hasAttribute('hidden')).toBe(false);
    expect(host.hasAttribute('style')).toBe(false);

    host.remove();
    await vi.advanceTimersByTimeAsync(60);
    expect(hostOf()).toBeUndefined();
    expect(keptAway).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(hostOf()).toBe(host);
    expect(keptAway).toHaveBeenCalledOnce();
    host.remove();
    await vi.advanceTimersByTimeAsync(500);
    expect(hostOf()).toBe(host);
    expect(keptAway).toHaveBeenCalledOnce();
  });

  it('stays away once Lureguard itself removes it', async () => {
    vi.useFakeTimers();
    bar = new WarningBarHost(document);
    bar.show(props);
    bar.remove();
    await vi.advanceTimersByTimeAsync(3000);
    expect(hostOf()).toBeUndefined();
    expect(bar.shown).toBe(false);
  });
});
