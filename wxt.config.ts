import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // No display on our machines: never try to launch a browser in dev mode.
  webExt: { disabled: true },
  // MV3 everywhere (Firefox 115+ too): one action API, session storage for per-tab state.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and per-tab reports; contextMenus: "Check selected text";
    // notifications: that check's result when the popup cannot open.
    permissions: ['storage', 'contextMenus', 'notifications'],
    // The same sites the content script runs on (no further install warning); lets the background
    // see when a tab goes to another address, to clear what it showed.
    host_permissions: ['http://*/*', 'https://*/*'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // The content script (entrypoints/page-guard.ts) is listed here, not through
    // defineContentScript, which would wrap it in a context any page can end (see that file).
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        js: ['page-guard.js'],
        all_frames: true,
        // Frames without a URL of their own (srcdoc, about:blank) carry the page's content too.
        match_about_blank: true,
        match_origin_as_fallback: true,
        // As soon as the document is parsed, not when the browser is idle: the verdict comes
        // sooner, and reading in slices that yield does not hold back the page's first paint.
        run_at: 'document_end',
      },
    ],
  },
});
