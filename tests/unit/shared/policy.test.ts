import { describe, expect, it } from 'vitest';
import { effectiveSettings } from '../../../src/shared/policy';
import { parsePolicy } from '../../../src/shared/policy-schema';
import { DEFAULT_SETTINGS, trustedFor } from '../../../src/shared/settings';

describe('admin policy', () => {
  it('reads each field on its own: a malformed one is ignored and named, the rest apply', () => {
    const policy = parsePolicy({ warningThreshold: 'high', highlight: 'yes', subscriptions: [{ url: 'https://it.example/pack.json', publicKey: 'KEY' }], unknownField: 1 });
    expect(policy).toEqual({ warningThreshold: 'high', subscriptions: [{ url: 'https://it.example/pack.json', publicKey: 'KEY' }], ignored: ['highlight', 'unknownField'] });
    expect(parsePolicy(undefined)).toEqual({});
    // The same address forced twice is one subscription.
    const twice = { url: 'https://it.example/pack.json', publicKey: 'KEY' };
    expect(parsePolicy({ subscriptions: [twice, { ...twice }] }).subscriptions).toEqual([twice]);
  });

  it("puts locked settings over the user's, and allows no pause when the switch is hidden", () => {
    const user = { ...DEFAULT_SETTINGS, warningThreshold: 'off' as const, paused: true, language: 'zh' as const };
    expect(effectiveSettings(user, { warningThreshold: 'medium', hidePauseSwitch: true })).toEqual({ ...user, warningThreshold: 'medium', paused: false });
    expect(effectiveSettings(user, {})).toEqual(user);
  });

  it("adds the policy's trusted sites, and trusts nothing on a site it always scans", () => {
    const policy = parsePolicy({ trustedSites: ['Intranet.Example'], alwaysScanSites: ['Jobs.Example.com'] });
    expect(trustedFor('www.intranet.example', ['example.com'], policy)).toEqual(['example.com', 'intranet.example']);
    expect(trustedFor('jobs.example.com', ['example.com'], policy)).toEqual([]);
  });
});
