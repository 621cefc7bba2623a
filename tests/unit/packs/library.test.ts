/**
 * The pack library with a fake publisher: subscriptions, updates, policy and switches, and every
 * way an update can fail, each of which must leave the packs in use as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, scan, segmentText } from '../../../src/engine';
import { NO_INSTALLED_PACKS, type InstalledPacks } from '../../../src/packs/installed';
import { PackLibrary } from '../../../src/packs/library';
import { FIRST_RETRY_MS, HOUR_MS } from '../../../src/packs/schedule';
import { generateKeyPair, sign } from '../../../src/packs/signing';
import type { RulePack } from '../../../src/rules/schema';
import { loadCorePack } from '../../helpers/core';

const core = loadCorePack();
const URL_A = 'https://ngo.example/pack.json';
const LURE = 'Apply now for the zorblax programme abroad';

let keys: { privateKeyPem: string; publicKey: string };
let otherKeys: { privateKeyPem: string; publicKey: string };
beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);
});

/** A small valid pack with one lure rule on the made-up word "zorblax". */
function ngoPack(version: string, extra: Partial<RulePack> = {}, term = 'zorblax'): RulePack {
  return {
    id: 'ngo-pack',
    name: 'NGO pack',
    version,
    publisher: 'An NGO',
    updated: '2026-11-01',
    sources: [{ id: 'ngo-report', url: 'https://ngo.example/report', title: 'Report', publisher: 'An NGO', date: '2026-10', summary: { en: 'A case.', zh: '一个案例。' } }],
    rules: [
      {
        id: `ngo-${term}`,
        category: 'job-abroad',
        role: 'lure',
        label: { en: 'the zorblax lure', zh: '佐布拉克诱饵' },
        explanation: { en: 'A made-up lure for tests.', zh: '测试用的虚构诱饵。' },
        terms: [term],
        patterns: [],
        fuzzy: false,
        negatable: false,
        sources: ['ngo-report'],
        samples: { match: [term], noMatch: ['hello'] },
        weight: 5,
      },
    ],
    ...extra,
  } as RulePack;
}

type Answer = { status?: number; body?: string; headers?: Record<string, string>; hang?: boolean };

/** A publisher: what each address answers, and the requests it got. */
function publisher() {
  const answers = new Map<string, Answer>();
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetcher = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    const answer = answers.get(url) ?? { status: 404, body: 'not found' };
    if (answer.hang) {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    return new Response(answer.status === 304 ? null : (answer.body ?? ''), { status: answer.status ?? 200, headers: answer.headers });
  }) as typeof fetch;
  const publish = async (pack: RulePack, options: { key?: string; url?: string; headers?: Record<string, string>; tamper?: boolean } = {}) => {
    const url = options.url ?? URL_A;
    const text = JSON.stringify(pack);
    const signature = await sign(new TextEncoder().encode(text), options.key ?? keys.privateKeyPem);
    answers.set(url, { body: options.tamper ? text.replace('A made-up lure', 'A changed lure') : text, headers: options.headers });
    answers.set(`${url}.sig`, { body: signature });
  };
  return { answers, requests, fetcher, publish };
}

function library(server: ReturnType<typeof publisher>, clock = { now: 1_000_000 }) {
  let stored: InstalledPacks = NO_INSTALLED_PACKS;
  const library = new PackLibrary({
    bundled: core,
    read: async () => stored,
    write: async (packs) => {
      stored = structuredClone(packs);
    },
    fetch: server.fetcher,
    limits: { timeoutMs: 200, maxBytes: 200_000 },
    now: () => clock.now,
    random: () => 0.5,
  });
  return { library, stored: () => stored, clock };
}

const flags = async (lib: PackLibrary, text = LURE) => scan(segmentText(text), await lib.ruleSet()).findings.some((finding) => finding.rule === 'ngo-zorblax');
const versionOf = async (lib: PackLibrary, id = 'ngo-pack') => (await lib.ruleSet()).packs.find((pack) => pack.id === id)?.version;

describe('subscribing', () => {
  it('adds a signed pack only after it downloaded, verified and compiled; its rule then flags text', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib, stored } = library(server);
    expect(await flags(lib)).toBe(false);
    expect(await lib.subscribe(URL_A, keys.publicKey)).toEqual({ ok: true });
    expect(await flags(lib)).toBe(true);
    expect(stored().subscriptions[0]!.status).toMatchObject({ failures: 0, lastChecked: 1_000_000, lastUpdated: 1_000_000 });
  });

  it('refuses, and adds nothing, when the address, the key or the signature is wrong', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'), { key: otherKeys.privateKeyPem });
    const { library: lib, stored } = library(server);
    expect(await lib.subscribe('http://ngo.example/pack.json', keys.publicKey)).toMatchObject({ ok: false, error: expect.stringContaining('https://') });
    expect(await lib.subscribe(URL_A, 'not a key')).toMatchObject({ ok: false, error: expect.stringContaining('public key') });
    expect(await lib.subscribe(URL_A, keys.publicKey)).toMatchObject({ ok: false, error: expect.stringContaining('signature does not match') });
    expect(stored().subscriptions).toEqual([]);
    expect(await flags(lib)).toBe(false);
  });

  it('allows plain http from this computer only (for testing a pack)', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'), { url: 'http://127.0.0.1:8080/pack.json' });
    const { library: lib } = library(server);
    expect(await lib.subscribe('http://127.0.0.1:8080/pack.json', keys.publicKey)).toEqual({ ok: true });
  });

  it("refuses a pack that reuses a core rule's id without saying it overrides it", async () => {
    const server = publisher();
    const clash = ngoPack('1.0.0');
    clash.rules[0] = { ...clash.rules[0]!, id: core.rules[0]!.id };
    await server.publish(clash);
    const { library: lib, stored } = library(server);
    expect(await lib.subscribe(URL_A, keys.publicKey)).toMatchObject({ ok: false, error: expect.stringContaining('overrides') });
    expect(stored().subscriptions).toEqual([]);
  });
});

describe('updates', () => {
  it('replaces the pack with a newer version, asking the server conditionally', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'), { headers: { etag: '"v1"' } });
    const { library: lib, clock } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    await server.publish(ngoPack('1.1.0', {}, 'quuxjob'), { headers: { etag: '"v2"' } });
    clock.now += HOUR_MS;
    expect(await lib.update(URL_A)).toEqual({ ok: true });
    expect(server.requests.at(-2)!.headers['If-None-Match']).toBe('"v1"');
    expect(await versionOf(lib)).toBe('1.1.0');
    expect(await flags(lib)).toBe(false);
    expect(scan(segmentText('a quuxjob offer'), await lib.ruleSet()).findings.some((f) => f.rule === 'ngo-quuxjob')).toBe(true);
  });

  it('keeps the pack when the server says it has not changed (304)', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'), { headers: { etag: '"v1"' } });
    const { library: lib, stored } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    server.answers.set(URL_A, { status: 304 });
    expect(await lib.update(URL_A)).toEqual({ ok: true });
    expect(await versionOf(lib)).toBe('1.0.0');
    expect(stored().subscriptions[0]!.status.error).toBeUndefined();
  });

  const failures: [string, (server: ReturnType<typeof publisher>) => Promise<void> | void, RegExp][] = [
    ['a tampered pack', (s) => s.publish(ngoPack('2.0.0'), { tamper: true }), /signature does not match/],
    ['a pack signed with another key', (s) => s.publish(ngoPack('2.0.0'), { key: otherKeys.privateKeyPem }), /signature does not match/],
    ['a server error', (s) => void s.answers.set(URL_A, { status: 500, body: 'oops' }), /answered 500/],
    ['a server that never answers', (s) => void s.answers.set(URL_A, { hang: true }), /no complete answer within/],
    ['an oversize body', (s) => s.publish(ngoPack('2.0.0', { name: 'x'.repeat(300_000) })), /larger than/],
    ['a missing signature', async (s) => {
      await s.publish(ngoPack('2.0.0'));
      s.answers.delete(`${URL_A}.sig`);
    }, /answered 404.*signature/],
    ['a version going backwards', (s) => s.publish(ngoPack('0.9.0', {}, 'quuxjob')), /older than 1\.0\.0/],
    ['an invalid pack', (s) => s.publish({ ...ngoPack('2.0.0'), rules: [] }), /not valid/],
    ['bad JSON', async (s) => {
      const text = '{"id": "ngo-pack", ';
      s.answers.set(URL_A, { body: text });
      s.answers.set(`${URL_A}.sig`, { body: await sign(new TextEncoder().encode(text), keys.privateKeyPem) });
    }, /not valid JSON/],
  ];

  it.each(failures)('keeps the last good pack after %s, and records the error with its time', async (_name, breakServer, error) => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib, stored, clock } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    await breakServer(server);
    clock.now += HOUR_MS;
    const outcome = await lib.update(URL_A);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(error) });
    expect(await versionOf(lib)).toBe('1.0.0');
    expect(await flags(lib)).toBe(true);
    const { status } = stored().subscriptions[0]!;
    expect(status.error).toEqual({ message: (outcome as { error: string }).error, at: clock.now });
    // The failure still moves the schedule on: no retry storm.
    expect(status.nextCheck).toBeGreaterThanOrEqual(clock.now + FIRST_RETRY_MS);
  });

  it('checks only subscriptions that are due, waiting longer after each failure in a row, never longer than the interval', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0', { updateInterval: 6 }));
    const { library: lib, stored, clock } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    // Jitter: up to a tenth of the interval on top (random() is 0.5 here).
    expect(stored().subscriptions[0]!.status.nextCheck).toBe(clock.now + 6 * HOUR_MS + 0.05 * 6 * HOUR_MS);
    const asked = server.requests.length;
    await lib.updateDue();
    expect(server.requests.length).toBe(asked);
    server.answers.set(URL_A, { status: 503 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      clock.now = stored().subscriptions[0]!.status.nextCheck;
      await lib.updateDue();
      waits.push(Math.round((stored().subscriptions[0]!.status.nextCheck - clock.now) / 1.05));
    }
    expect(waits).toEqual([1, 2, 4, 8, 16].map((n) => n * FIRST_RETRY_MS).concat(6 * HOUR_MS));
    expect(await lib.nextCheck()).toBe(stored().subscriptions[0]!.status.nextCheck);
  });
});

describe('a restarted background', () => {
  it('loads the rule set it compiled before from the cache, and compiles again when the packs changed', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const cache = new Map<string, CompiledRuleSet>();
    let stored: InstalledPacks = NO_INSTALLED_PACKS;
    const start = () =>
      new PackLibrary({
        bundled: core,
        read: async () => stored,
        write: async (packs) => void (stored = structuredClone(packs)),
        fetch: server.fetcher,
        now: () => 0,
        random: () => 0,
        cached: async (key) => cache.get(key),
        cache: async (key, ruleSet) => void cache.set(key, ruleSet),
      });
    const first = start();
    await first.subscribe(URL_A, keys.publicKey);
    const compiled = await first.ruleSet();
    expect(await start().ruleSet()).toBe(compiled);
    await first.setRuleEnabled('ngo-zorblax', false);
    const restarted = await start().ruleSet();
    expect(restarted).not.toBe(compiled);
    expect(restarted.ruleById.has('ngo-zorblax')).toBe(false);
  });
});

describe('precedence, switches and policy', () => {
  const overriding = (origin: string, term: string): Partial<RulePack> => ({
    id: `${origin}-pack`,
    rules: [{ ...ngoPack('1.0.0').rules[0]!, id: 'shared-rule', terms: [term], samples: { match: [term], noMatch: ['hello'] }, overrides: true }],
  });

  it('a policy pack outranks a subscribed one, which outranks an imported one', async () => {
    const server = publisher();
    const policyUrl = 'https://it.example/pack.json';
    await server.publish(ngoPack('1.0.0', overriding('subscribed', 'subterm')));
    await server.publish(ngoPack('1.0.0', overriding('policy', 'policyterm')), { url: policyUrl });
    const { library: lib } = library(server);
    const ruleOwner = async () => (await lib.ruleSet()).ruleById.get('shared-rule')!.pack;
    expect(await lib.importPack(JSON.stringify(ngoPack('1.0.0', overriding('imported', 'importterm'))), 'pack.json')).toEqual({ ok: true });
    expect(await ruleOwner()).toBe('imported-pack');
    await lib.subscribe(URL_A, keys.publicKey);
    expect(await ruleOwner()).toBe('subscribed-pack');
    await lib.applyPolicy({ subscriptions: [{ url: policyUrl, publicKey: keys.publicKey }] });
    expect(await ruleOwner()).toBe('policy-pack');
    const ruleSet = await lib.ruleSet();
    expect(ruleSet.replaced.map((r) => r.rule)).toContain('shared-rule');
  });

  it("a pack's disables turn off weaker packs' rules, and a person's switches turn off packs and rules but not a policy's", async () => {
    const server = publisher();
    const coreRule = core.rules[0]!.id;
    await server.publish(ngoPack('1.0.0', { disables: [coreRule] }));
    const { library: lib } = library(server);
    await lib.applyPolicy({ subscriptions: [{ url: URL_A, publicKey: keys.publicKey }] });
    expect((await lib.ruleSet()).ruleById.has(coreRule)).toBe(false);
    await lib.setRuleEnabled('ngo-zorblax', false);
    await lib.setPackEnabled('ngo-pack', false);
    expect(await flags(lib)).toBe(true);
    await lib.setRuleEnabled(core.rules[2]!.id, false);
    expect((await lib.ruleSet()).ruleById.has(core.rules[2]!.id)).toBe(false);
    await lib.setPackEnabled(core.id, false);
    expect((await lib.ruleSet()).packs.map((pack) => pack.id)).toEqual(['ngo-pack']);
  });

  it('a policy that forbids user packs leaves them installed but unused, and people cannot add more', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib, stored } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    await lib.applyPolicy({ allowUserPacks: false });
    expect(await flags(lib)).toBe(false);
    expect(stored().subscriptions).toHaveLength(1);
    expect(await lib.importPack(JSON.stringify(ngoPack('1.0.0')), 'pack.json')).toMatchObject({ ok: false, error: expect.stringContaining('policy') });
    await lib.applyPolicy({});
    expect(await flags(lib)).toBe(true);
  });

  it('a subscription the policy no longer forces is dropped; people cannot remove a forced one', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib, stored } = library(server);
    await lib.applyPolicy({ subscriptions: [{ url: URL_A, publicKey: keys.publicKey }] });
    expect(await flags(lib)).toBe(true);
    expect(await lib.remove('ngo-pack')).toMatchObject({ ok: false });
    await lib.applyPolicy({ subscriptions: [] });
    expect(stored().subscriptions).toEqual([]);
    expect(await flags(lib)).toBe(false);
  });

  it('imports a valid file, refuses a broken one with the reasons, and replaces an import with a newer version', async () => {
    const { library: lib } = library(publisher());
    const broken = await lib.importPack('{"id": 1}', 'broken.json');
    expect(broken).toMatchObject({ ok: false, error: expect.stringContaining('broken.json: $.id') });
    expect(await lib.importPack(JSON.stringify(ngoPack('1.0.0')), 'pack.json')).toEqual({ ok: true });
    expect(await lib.importPack(JSON.stringify(ngoPack('1.0.0')), 'pack.json')).toMatchObject({ ok: false, error: expect.stringContaining('already imported') });
    expect(await lib.importPack(JSON.stringify(ngoPack('1.2.0')), 'pack.json')).toEqual({ ok: true });
    expect(await versionOf(lib)).toBe('1.2.0');
    expect(await lib.remove('ngo-pack')).toEqual({ ok: true });
    expect(await flags(lib)).toBe(false);
  });
});

describe('what nothing may do: stop protection, lose a pack, or stall judging', () => {
  it("keeps judging with the bundled and policy packs when people's packs, allowed again, conflict with a policy's", async () => {
    const server = publisher();
    const policyUrl = 'https://it.example/pack.json';
    const shared = (id: string, overrides?: true) => ngoPack('1.0.0', { id, rules: [{ ...ngoPack('1.0.0').rules[0]!, id: 'shared-rule', ...(overrides && { overrides }) }] });
    await server.publish(shared('policy-pack'), { url: policyUrl });
    const { library: lib } = library(server);
    await lib.importPack(JSON.stringify(shared('mine', true)), 'mine.json');
    await lib.applyPolicy({ subscriptions: [{ url: policyUrl, publicKey: keys.publicKey }], allowUserPacks: false });
    await lib.applyPolicy({ subscriptions: [{ url: policyUrl, publicKey: keys.publicKey }] });
    const ruleSet = await lib.ruleSet();
    expect(ruleSet.packs.map((pack) => pack.id)).toEqual([core.id, 'policy-pack']);
  });

  it('applies the policy last read before its first compile after a restart', async () => {
    const server = publisher();
    let stored: InstalledPacks = { ...NO_INSTALLED_PACKS, imported: [{ pack: ngoPack('1.0.0'), importedAt: 0, fileName: 'pack.json' }] };
    const lib = new PackLibrary({ bundled: core, read: async () => stored, write: async (p) => void (stored = p), fetch: server.fetcher, now: () => 0, random: () => 0, lastPolicy: async () => ({ allowUserPacks: false }) });
    expect(await flags(lib)).toBe(false);
  });

  it('answers for the active rule set at once while an update waits on a slow server', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib } = library(server);
    await lib.subscribe(URL_A, keys.publicKey);
    server.answers.set(URL_A, { hang: true });
    let updated = false;
    const updating = lib.update(URL_A).then(() => (updated = true));
    expect(await flags(lib)).toBe(true);
    expect(updated).toBe(false);
    await updating;
  });

  it('keeps the packs in use, and says why, when they cannot be saved', async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const lib = new PackLibrary({ bundled: core, read: async () => NO_INSTALLED_PACKS, write: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')), fetch: server.fetcher, now: () => 0, random: () => 0 });
    expect(await lib.subscribe(URL_A, keys.publicKey)).toMatchObject({ ok: false, error: expect.stringContaining('could not be saved (QUOTA_BYTES quota exceeded)') });
    expect(await flags(lib)).toBe(false);
  });

  it("lets no pack of a person's block the pack a policy forces, and keeps a forced pack through a change of key", async () => {
    const server = publisher();
    await server.publish(ngoPack('1.0.0'));
    const { library: lib, stored } = library(server);
    // The person's own pack, with the id the forced one will have, imported first.
    expect(await lib.importPack(JSON.stringify(ngoPack('0.1.0', {}, 'quuxjob')), 'mine.json')).toEqual({ ok: true });
    await lib.applyPolicy({ subscriptions: [{ url: URL_A, publicKey: keys.publicKey }] });
    expect(await flags(lib)).toBe(true);
    expect((await lib.ruleSet()).ruleById.has('ngo-quuxjob')).toBe(false);
    // The admin rotates the key: the pack held stays in use until an update signed with the new key.
    server.answers.set(URL_A, { status: 500 });
    await lib.applyPolicy({ subscriptions: [{ url: URL_A, publicKey: otherKeys.publicKey }] });
    expect(stored().subscriptions[0]).toMatchObject({ publicKey: otherKeys.publicKey, pack: { version: '1.0.0' } });
    expect(await flags(lib)).toBe(true);
  });

  it('refuses a first download that the server answers with 304, and an imported version older than the one held', async () => {
    const server = publisher();
    server.answers.set(URL_A, { status: 304 });
    const { library: lib } = library(server);
    expect(await lib.subscribe(URL_A, keys.publicKey)).toMatchObject({ ok: false, error: expect.stringContaining('304') });
    await lib.importPack(JSON.stringify(ngoPack('1.2.0')), 'pack.json');
    expect(await lib.importPack(JSON.stringify(ngoPack('1.1.0')), 'pack.json')).toMatchObject({ ok: false, error: expect.stringContaining('only a newer version') });
  });
});
