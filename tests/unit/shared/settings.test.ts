import { describe, expect, it } from 'vitest';
import { isTrusted, siteFromInput } from '../../../src/shared/settings';

describe('trusted sites', () => {
  it('trusts a site and its subdomains, not look-alikes', () => {
    expect(isTrusted('example.com', ['example.com'])).toBe(true);
    expect(isTrusted('www.example.com', ['example.com'])).toBe(true);
    expect(isTrusted('badexample.com', ['example.com'])).toBe(false);
    expect(isTrusted('example.com.evil.net', ['example.com'])).toBe(false);
  });

  it('turns what a person types into a host name, or refuses it', () => {
    expect(siteFromInput('https://www.Example.com/jobs?id=1')).toBe('example.com');
    expect(siteFromInput(' jobs.example.org ')).toBe('jobs.example.org');
    expect(siteFromInput('not a site')).toBeNull();
    expect(siteFromInput('')).toBeNull();
    expect(siteFromInput('localhost')).toBeNull();
  });
});
