// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsData } from '../../../src/options/App';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { coreRuleSet } from '../../helpers/core';

afterEach(cleanup);

function renderOptions(data: Partial<OptionsData> = {}) {
  const actions = { saveSettings: vi.fn(), saveTrustedSites: vi.fn() };
  render(<OptionsApp data={{ lang: 'en', settings: DEFAULT_SETTINGS, trustedSites: ['bank.example'], packs: coreRuleSet().packs, ...data }} actions={actions} />);
  return actions;
}

describe('options page', () => {
  it('saves highlight, warning threshold and language', () => {
    const actions = renderOptions();
    fireEvent.click(screen.getByLabelText('Highlight suspicious text on pages'));
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, highlight: false });
    fireEvent.change(screen.getByLabelText(/Show the warning bar for/), { target: { value: 'high' } });
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, warningThreshold: 'high' });
    fireEvent.change(screen.getByLabelText(/Language/), { target: { value: 'zh' } });
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, language: 'zh' });
  });

  it('adds and removes trusted sites, and says what is wrong with a bad one', () => {
    const actions = renderOptions();
    const input = screen.getByPlaceholderText('example.com');
    fireEvent.input(input, { target: { value: 'https://www.Jobs.Example.org/list' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(actions.saveTrustedSites).toHaveBeenLastCalledWith(['bank.example', 'jobs.example.org']);
    fireEvent.input(input, { target: { value: 'not a site' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('"not a site" is not a site name. Type a domain such as example.com.');
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(actions.saveTrustedSites).toHaveBeenLastCalledWith([]);
  });

  it('names the bundled rule pack and leaves a place for subscriptions', () => {
    renderOptions();
    expect(screen.getByText(/^Built in: Lureguard core pack 1\.0\.0 \(\d+ rules\)/)).toBeTruthy();
    expect(screen.getByText(/Subscribing to rule packs/)).toBeTruthy();
  });

  it('speaks Chinese', () => {
    renderOptions({ lang: 'zh' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lureguard 设置');
  });
});
