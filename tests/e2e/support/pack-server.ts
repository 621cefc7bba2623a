/**
 * A rule-pack publisher on a loopback port: serves a signed pack and its .sig, and can be told
 * to misbehave (tampered pack, wrong signature, server error, no answer, huge body). Plain http
 * on 127.0.0.1, which Lureguard allows for testing (https everywhere else).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '../../../src/packs/signing';
import type { RulePack } from '../../../src/rules/schema';
import { loadCorePack } from '../../helpers/core';

export type Misbehaviour = 'tampered' | 'wrong-signature' | 'server-error' | 'hang' | 'oversize';

export interface PackServer {
  /** The pack's address: http://127.0.0.1:PORT/pack.json */
  url: string;
  /** Publishes a pack signed with key (PKCS#8 PEM); the ETag changes with every publication. */
  publish(pack: RulePack, privateKeyPem: string): Promise<void>;
  misbehave(how: Misbehaviour | null): void;
  /** Requests for the pack, with their conditional headers. */
  requests: { ifNoneMatch?: string }[];
  close(): Promise<void>;
}

export async function startPackServer(): Promise<PackServer> {
  let body = '';
  let signature = '';
  let etag = '';
  let misbehaviour: Misbehaviour | null = null;
  const requests: PackServer['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/pack.json') requests.push({ ifNoneMatch: request.headers['if-none-match'] });
    if (misbehaviour === 'server-error') return void response.writeHead(500).end('internal error');
    if (misbehaviour === 'hang') {
      // Headers, then nothing more: the download must give up on its own.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      hanging.add(response);
      return;
    }
    if (path === '/pack.json') {
      if (request.headers['if-none-match'] === etag && !misbehaviour) return void response.writeHead(304, { etag }).end();
      const served = misbehaviour === 'tampered' ? body.replace('"publisher": "', '"publisher": "Forged ') : misbehaviour === 'oversize' ? body + ' '.repeat(5 * 1024 * 1024) : body;
      return void response.writeHead(200, { 'content-type': 'application/json', etag }).end(served);
    }
    if (path === '/pack.json.sig') {
      const served = misbehaviour === 'wrong-signature' ? signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) : signature;
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(served);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let published = 0;
  return {
    url: `http://127.0.0.1:${port}/pack.json`,
    requests,
    async publish(pack, privateKeyPem) {
      body = JSON.stringify(pack, null, 2);
      signature = await sign(new TextEncoder().encode(body), privateKeyPem);
      etag = `"v${++published}"`;
    },
    misbehave(how) {
      misbehaviour = how;
      for (const response of hanging) response.destroy();
      hanging.clear();
    },
    close: () => {
      for (const response of hanging) response.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An NGO's pack: one rule, on a word the core pack does not know. */
export function ngoPack(version: string, term: string): RulePack {
  const core = loadCorePack();
  return {
    id: 'ngo-pack',
    name: 'NGO job-scam pack',
    version,
    publisher: 'An NGO',
    updated: '2026-11-20',
    sources: [core.sources[0]!],
    rules: [
      {
        id: `ngo-${term}`,
        category: 'job-abroad',
        role: 'lure',
        label: { en: `the ${term} recruiter`, zh: `${term} 招聘` },
        explanation: { en: 'A recruiter named in recent reports.', zh: '近期报告中提到的招聘方。' },
        terms: [term],
        patterns: [],
        fuzzy: false,
        negatable: false,
        sources: [core.sources[0]!.id],
        samples: { match: [term], noMatch: ['hello'] },
        weight: 3,
      },
    ],
  };
}
