// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WARNING_BAR_STYLE, renderWarningBar } from '../../../src/content/warning-bar';
import { translator } from '../../../src/shared/i18n';

afterEach(() => document.body.replaceChildren());

const setup = (lang: 'en' | 'zh', kind: string, options: { minimized?: boolean; isPersonEvent?: (event: Event) => boolean } = {}) => {
  const actions = { onWhy: vi.fn(), onMinimize: vi.fn(), onExpand: vi.fn(), onDismiss: vi.fn() };
  const mount = document.createElement('div');
  document.body.append(mount);
  renderWarningBar(mount, { risk: 'high', kind, t: translator(lang), minimized: options.minimized ?? false, isPersonEvent: options.isPersonEvent, ...actions });
  return actions;
};

describe('warning bar', () => {
  it('says what was found in one sentence and offers Why?, Minimize and Dismiss, but not trusting the site', () => {
    const actions = setup('en', 'a fake job abroad (trafficking lure)', { isPersonEvent: () => true });
    expect(screen.getByRole('alert').textContent).toContain('Lureguard: this page looks like a fake job abroad (trafficking lure).');
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Why?', 'Minimize', 'Dismiss']);
    fireEvent.click(screen.getByRole('button', { name: 'Why?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Minimize' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(actions.onWhy).toHaveBeenCalledOnce();
    expect(actions.onMinimize).toHaveBeenCalledOnce();
    expect(actions.onDismiss).toHaveBeenCalledOnce();
  });

  it('ignores clicks that a script made (event.isTrusted is false)', () => {
    const actions = setup('en', 'a fake job abroad');
    for (const name of ['Why?', 'Minimize', 'Dismiss']) {
      screen.getByRole('button', { name }).click();
      fireEvent.click(screen.getByRole('button', { name }));
    }
    expect(actions.onWhy).not.toHaveBeenCalled();
    expect(actions.onMinimize).not.toHaveBeenCalled();
    expect(actions.onDismiss).not.toHaveBeenCalled();
  });

  it('minimized, keeps one button that names the risk and opens it again', () => {
    const actions = setup('zh', '虚假境外招聘', { minimized: true, isPersonEvent: () => true });
    const expand = screen.getByRole('button');
    expect(expand.textContent).toContain('Lureguard 警告：高风险');
    fireEvent.click(expand);
    expect(actions.onExpand).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('speaks Chinese', () => {
    setup('zh', '虚假境外招聘（诱骗出境）');
    expect(screen.getByRole('alert').textContent).toContain('此页面疑似虚假境外招聘');
    expect(screen.getByRole('button', { name: '为什么？' })).toBeTruthy();
  });

  it('inserts text as text, never as HTML', () => {
    setup('en', '<img src=x onerror="alert(1)">');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('<img src=x');
  });
});

describe('warning bar colours', () => {
  /** WCAG 2 relative luminance of a #rrggbb colour. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  };

  it('keeps white text readable on both risk colours, in light and dark themes (WCAG AA, 4.5:1)', () => {
    for (const risk of ['medium', 'high']) {
      const backgrounds = [...WARNING_BAR_STYLE.matchAll(new RegExp(`\\.bar\\.${risk} \\{ background: (#[0-9a-f]{6}); \\}`, 'g'))].map((m) => m[1]!);
      expect(backgrounds, risk).toHaveLength(2);
      for (const background of backgrounds) expect(contrast('#ffffff', background), `${risk} ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
