/**
 * What the tests of one file share: the page server and a browser with the built extension,
 * started before the file's tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, openTab } from './browser';
import { type PageServer, startServer } from './server';

export interface ExtensionSession {
  readonly server: PageServer;
  readonly browser: ExtensionBrowser;
  /** Opens a test page (from the server's main origin unless another is given) in a new tab. */
  open(path: string, origin?: string): ReturnType<typeof openTab>;
}

export function extensionSession(): ExtensionSession {
  let server: PageServer | undefined;
  let browser: ExtensionBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    open: (path, origin = server!.origin) => openTab(browser!, `${origin}${path}`),
  };
}
