/** Serves the test pages from tests/fixtures/pages on a loopback port (no live website is used). */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../../fixtures/pages/', import.meta.url));

export interface PageServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The same server under another host name, for per-site settings. */
  otherOrigin: string;
  /** Serves extra HTML at a path, for generated pages (benchmarks). */
  set(path: string, html: string): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<PageServer> {
  const extra = new Map<string, string>();
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const html = extra.get(path);
    if (html !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const file = normalize(join(PAGES, path));
    if (!file.startsWith(PAGES)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      // An .xhtml page is served as XML, the only kind of page where CDATA sections show as text.
      const type = file.endsWith('.xhtml') ? 'application/xhtml+xml' : 'text/html; charset=utf-8';
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    set: (path, html) => extra.set(path, html),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
