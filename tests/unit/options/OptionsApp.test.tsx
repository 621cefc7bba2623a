// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsData } from '../../../src/options/App';
import { NO_INSTALLED_PACKS, type InstalledPacks } from '../../../src/packs/installed';
import type { Outcome } from '../../../src/packs/library';
import { packsOverview } from '../../../src/packs/overview';
import type { Policy } from '../../../src/shared/policy';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { loadCorePack } from '../../helpers/core';

afterEach(cleanup);

const core = loadCorePack();

function renderOptions(data: Partial<OptionsData> = {}, answer: Outcome = { ok: true }) {
  const actions = { saveSettings: vi.fn(), saveTrustedSites: vi.fn(), runPackCommand: vi.fn(async () => answer) };
  render(
    <OptionsApp
      data={{ lang: 'en', settings: DEFAULT_SETTINGS, trustedSites: ['bank.example'], overview: packsOverview(core, NO_INSTALLED_PACKS, {}), policy: {}, ...data }}
      actions={actions}
    />,
  );
  return actions;
}

/** A subscribed pack with one rule, as the background would list it. */
function withSubscription(status: InstalledPacks['subscriptions'][number]['status'], policy: Policy = {}) {
  const pack = { ...core, id: 'ngo-pack', name: 'NGO job-scam pack', version: '2.1.0', publisher: 'An NGO', rules: [{ ...core.rules[0]!, id: 'ngo-rule' }], disables: [core.rules[1]!.id] };
  const installed: InstalledPacks = { ...NO_INSTALLED_PACKS, subscriptions: [{ url: 'https://ngo.example/pack.json', publicKey: 'k', origin: 'subscribed', pack, status }] };
  return packsOverview(core, installed, policy);
}

describe('options page', () => {
  it('saves highlight, warning threshold and language', () => {
    const actions = renderOptions();
    fireEvent.click(screen.getByLabelText('Highlight suspicious text on pages'));
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ highlight: false });
    fireEvent.change(screen.getByLabelText(/Show the warning bar for/), { target: { value: 'high' } });
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ warningThreshold: 'high' });
    fireEvent.change(screen.getByLabelText(/Language/), { target: { value: 'zh' } });
    expect(actions.saveSettings).toHaveBeenLastCalledWith({ language: 'zh' });
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

  it('lists the bundled pack, which can be switched off but not removed, with its rules, their explanations and sources', () => {
    const actions = renderOptions();
    const card = screen.getByRole('listitem', { name: 'Lureguard core pack' });
    expect(card.textContent).toMatch(/Built in/);
    expect(card.textContent).toMatch(/Version 1\.0\.0 · \d+ rules · published by/);
    expect(within(card).queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Update now' })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Show its rules' }));
    const rule = core.rules[0]!;
    expect(screen.getByText(rule.explanation.en)).toBeTruthy();
    const source = core.sources.find((s) => s.id === rule.sources[0])!;
    expect(screen.getAllByRole('link', { name: source.title })[0]!.getAttribute('href')).toBe(source.url);
    fireEvent.click(screen.getAllByRole('checkbox', { name: new RegExp(rule.label.en) })[0]!);
    expect(actions.runPackCommand).toHaveBeenLastCalledWith({ type: 'set-rule-enabled', ruleId: rule.id, enabled: false });
  });

  it('subscribes with an address and a key, and shows what went wrong in plain words', async () => {
    const actions = renderOptions({}, { ok: false, error: "the signature does not match the publisher's key" });
    fireEvent.input(screen.getByLabelText(/Pack address/), { target: { value: 'https://ngo.example/pack.json' } });
    fireEvent.input(screen.getByLabelText("Publisher's public key"), { target: { value: 'KEY' } });
    fireEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(actions.runPackCommand).toHaveBeenLastCalledWith({ type: 'subscribe', url: 'https://ngo.example/pack.json', publicKey: 'KEY' });
    expect((await screen.findByRole('alert')).textContent).toBe("Nothing was changed: the signature does not match the publisher's key");
  });

  it('shows a subscription with its address, the time and text of its last error, and updates it on request', () => {
    const at = Date.UTC(2026, 10, 20, 9, 30);
    const actions = renderOptions({ overview: withSubscription({ failures: 1, nextCheck: at + 1, lastChecked: at, lastUpdated: at - 86_400_000, error: { message: 'the server answered 500', at } }) });
    const card = screen.getByRole('listitem', { name: 'NGO job-scam pack' });
    expect(card.textContent).toContain('From https://ngo.example/pack.json');
    expect(card.textContent).toMatch(/Last update failed \(.*2026.*\): the server answered 500\. The pack in use is unchanged\./);
    fireEvent.click(within(card).getByRole('button', { name: 'Update now' }));
    expect(actions.runPackCommand).toHaveBeenLastCalledWith({ type: 'update-pack', url: 'https://ngo.example/pack.json' });
    fireEvent.click(within(card).getByRole('button', { name: 'Remove' }));
    expect(actions.runPackCommand).toHaveBeenLastCalledWith({ type: 'remove-pack', packId: 'ngo-pack' });
  });

  it("marks a core rule that a subscribed pack turns off, and lets no one switch it back on", () => {
    renderOptions({ overview: withSubscription({ failures: 0, nextCheck: 0 }) });
    fireEvent.click(screen.getAllByRole('button', { name: 'Show its rules' })[0]!);
    expect(screen.getByText('Turned off by the pack ngo-pack')).toBeTruthy();
  });

  it("locks what the organization's policy sets, and hides adding packs when the policy forbids it", () => {
    const policy: Policy = { warningThreshold: 'high', allowUserPacks: false, trustedSites: ['intranet.example'] };
    renderOptions({ policy, settings: { ...DEFAULT_SETTINGS, warningThreshold: 'high' }, overview: withSubscription({ failures: 0, nextCheck: 0 }, policy) });
    expect((screen.getByLabelText(/Show the warning bar for/) as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getAllByText('Set by your organization').length).toBeGreaterThan(0);
    expect(screen.getByText('intranet.example')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Subscribe' })).toBeNull();
    expect(screen.getByText('Your organization does not allow adding rule packs in this browser.')).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'NGO job-scam pack' }).textContent).toContain('Not in use');
  });

  it('speaks Chinese', () => {
    renderOptions({ lang: 'zh' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lureguard 设置');
  });
});
