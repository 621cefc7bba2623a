// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WarningBar } from '../../../src/content/WarningBar';
import { translator } from '../../../src/shared/i18n';

afterEach(cleanup);

const setup = (lang: 'en' | 'zh', kind: string) => {
  const actions = { onWhy: vi.fn(), onDismiss: vi.fn(), onTrust: vi.fn() };
  render(<WarningBar risk="high" kind={kind} t={translator(lang)} {...actions} />);
  return actions;
};

describe('WarningBar', () => {
  it('says what was found in one sentence and offers Why?, Dismiss and Trust this site', () => {
    const actions = setup('en', 'a fake job abroad (trafficking lure)');
    expect(screen.getByRole('alert').textContent).toContain('Lureguard: this page looks like a fake job abroad (trafficking lure).');
    fireEvent.click(screen.getByRole('button', { name: 'Why?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    fireEvent.click(screen.getByRole('button', { name: 'Trust this site' }));
    expect(actions.onWhy).toHaveBeenCalledOnce();
    expect(actions.onDismiss).toHaveBeenCalledOnce();
    expect(actions.onTrust).toHaveBeenCalledOnce();
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
