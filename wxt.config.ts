import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { highlightStyle } from './src/content/highlight-style';

/**
 * Lureguard never sets HTML from a string (text goes in as text). Preact still carries
 * `dangerouslySetInnerHTML`, its one `innerHTML = …` assignment, which store reviewers flag
 * (web-ext lint UNSAFE_VAR_ASSIGNMENT): it is replaced by an error. The build fails if Preact's
 * code no longer has exactly that one assignment, so this cannot silently stop working.
 */
function withoutHtmlInjection(): Plugin {
  const assignment = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
  return {
    name: 'lureguard:no-html-injection',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.module\.js$/.test(id)) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1) throw new Error(`expected one dangerouslySetInnerHTML assignment in ${id}, found ${found}: update withoutHtmlInjection in wxt.config.ts`);
      return { code: code.replace(assignment, '(()=>{throw new Error("Lureguard never sets HTML")})()'), map: null };
    },
  };
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // No display on our machines: never try to launch a browser in dev mode.
  webExt: { disabled: true },
  // MV3 everywhere (Firefox 115+ too): one action API, session storage for per-tab state.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact(), withoutHtmlInjection()] }),
  hooks: {
    // The page's highlight styles (src/content/highlight-style.ts), per browser.
    'build:publicAssets': (wxt, files) => {
      files.push({ relativeDest: 'page-highlights.css', contents: highlightStyle(wxt.config.browser === 'firefox' ? '' : ':root') });
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and per-tab reports; contextMenus: "Check selected text";
    // notifications: that check's result when the popup cannot open.
    // alarms: the next update check of subscribed rule packs; unlimitedStorage: packs (up to
    // 4 MB each) are kept in storage.local, whose quota is otherwise 10 MB (no install warning).
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'notifications', 'alarms'],
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
        // How highlights look (written by the hook above), applied by the browser before the page
        // is built. A page can read these styles and so tell that Lureguard is installed; that
        // gives it no way to hide or forge what Lureguard shows.
        css: ['page-highlights.css'],
        all_frames: true,
        // Frames without a URL of their own (srcdoc, about:blank) carry the page's content too.
        match_about_blank: true,
        match_origin_as_fallback: true,
        // As soon as the document is parsed, not when the browser is idle: the verdict comes
        // sooner, and reading in slices that yield does not hold back the page's first paint.
        run_at: 'document_end',
      },
      {
        // Before any script of the page, so that no page can swallow clicks on the warning bar
        // (entrypoints/click-shield.ts). The bar is only ever in the top frame.
        matches: ['http://*/*', 'https://*/*'],
        js: ['click-shield.js'],
        run_at: 'document_start',
      },
    ],
    // What an admin's browser policy may set (README, "Admin policy"). Chromium reads it from the
    // manifest; Firefox takes the same values from policies.json without a schema.
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed-schema.json' } }),
    // Firefox needs an add-on id for Manifest V3, and asks what an add-on collects: nothing.
    // Page text never leaves the device (README, "Privacy").
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'lureguard@lureguard.github.io', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
