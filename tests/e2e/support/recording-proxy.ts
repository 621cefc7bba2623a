/**
 * A recording proxy for the privacy test. The browser is started with all its traffic sent here
 * (loopback included) and every request is written down: method, full URL, headers and body.
 *
 * - Plain HTTP is forwarded only to the hosts the test allows (its own page server); a request
 *   for any other host is recorded and answered 502 without being sent on.
 * - HTTPS (and wss:) come as CONNECT host:port. The CONNECT is recorded, then the proxy itself
 *   ends the TLS with a throwaway self-signed certificate (the browser is started with
 *   --ignore-certificate-errors) and records the requests inside: their URL and body are seen,
 *   not just the host name. They are answered 502; nothing is ever sent on, and the machine
 *   reaches no one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket, createSecureContext, type SecureContext } from 'node:tls';

export interface RecordedRequest {
  /** GET, POST, …; CONNECT for the opening of a tunnel (HTTPS, wss:). */
  method: string;
  /** The absolute URL (https:// for a request inside a tunnel); `host:port` for CONNECT. */
  url: string;
  /** host:port the request was for (for a request inside a tunnel, the CONNECT's target). */
  host: string;
  /** The request body as received (empty for GET and CONNECT). */
  body: Buffer;
  headers: IncomingMessage['headers'];
  /** The status the proxy answered with (the upstream status when forwarded). */
  status: number;
}

export interface RecordingProxy {
  /** http://127.0.0.1:PORT, for --proxy-server. */
  url: string;
  /** Every request seen so far, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** A self-signed certificate made for this run only (openssl, as on any Debian). */
function throwawayCertificate(): SecureContext {
  const dir = mkdtempSync(join(tmpdir(), 'lureguard-proxy-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=lureguard-test-proxy', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return createSecureContext({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `forwardTo`: the host:port pairs plain HTTP may be forwarded to (the test's page server). */
export async function startRecordingProxy(forwardTo: readonly string[]): Promise<RecordingProxy> {
  const allowed = new Set(forwardTo);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const tunnelTarget = new WeakMap<Socket, string>();
  const secureContext = throwawayCertificate();

  /** Reads the whole request, records it, then answers or forwards it. */
  const handle = (incoming: IncomingMessage, answer: ServerResponse, tunnel: string | undefined) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = incoming.url ?? '/';
      let target: URL | null = null;
      try {
        // Inside a tunnel the request line has a path; to the proxy, plain HTTP has the absolute URL.
        target = tunnel ? new URL(raw, `https://${tunnel}`) : new URL(raw);
      } catch {
        target = null;
      }
      const entry: RecordedRequest = {
        method: incoming.method ?? '',
        url: target?.href ?? raw,
        host: tunnel ?? target?.host ?? incoming.headers.host ?? '',
        body: Buffer.concat(chunks),
        headers: incoming.headers,
        status: 502,
      };
      requests.push(entry);
      if (tunnel || !target || target.protocol !== 'http:' || !allowed.has(target.host)) {
        answer.writeHead(502, { 'content-type': 'text/plain' }).end('not forwarded by the test proxy');
        return;
      }
      const headers = { ...incoming.headers };
      delete headers['proxy-connection'];
      const upstream = httpRequest({ host: target.hostname, port: target.port || 80, method: incoming.method, path: `${target.pathname}${target.search}`, headers }, (response) => {
        entry.status = response.statusCode ?? 0;
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      });
      upstream.on('error', () => {
        if (!answer.headersSent) answer.writeHead(502, { 'content-type': 'text/plain' });
        answer.end();
      });
      upstream.end(entry.body);
    });
  };

  const recordUpgrade = (incoming: IncomingMessage, socket: Socket, tunnel: string | undefined) => {
    const host = tunnel ?? incoming.headers.host ?? '';
    const url = tunnel ? new URL(incoming.url ?? '/', `https://${tunnel}`).href : (incoming.url ?? '');
    requests.push({ method: `${incoming.method ?? ''} (upgrade)`, url, host, body: Buffer.alloc(0), headers: incoming.headers, status: 502 });
    socket.on('error', () => {});
    socket.destroy();
  };

  // Requests inside tunnels, after the proxy ended their TLS.
  const inner: Server = createServer((incoming, answer) => handle(incoming, answer, tunnelTarget.get(incoming.socket as Socket)));
  inner.on('upgrade', (incoming: IncomingMessage, socket: Socket) => recordUpgrade(incoming, socket, tunnelTarget.get(socket)));

  const server: Server = createServer((incoming, answer) => handle(incoming, answer, undefined));
  server.on('upgrade', (incoming: IncomingMessage, socket: Socket) => recordUpgrade(incoming, socket, undefined));
  server.on('connect', (incoming: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = incoming.url ?? '';
    requests.push({ method: 'CONNECT', url: target, host: target, body: Buffer.alloc(0), headers: incoming.headers, status: 200 });
    socket.on('error', () => {});
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const tls = new TLSSocket(socket, { isServer: true, secureContext });
    tls.on('error', () => socket.destroy());
    tunnelTarget.set(tls, target);
    sockets.add(tls);
    tls.on('close', () => sockets.delete(tls));
    inner.emit('connection', tls);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        inner.close();
        server.close(() => resolve());
      }),
  };
}
