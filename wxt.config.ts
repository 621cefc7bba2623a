import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // No display on our machines: never try to launch a browser in dev mode.
  webExt: { disabled: true },
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Lureguard',
    description: 'Warns about fraud lures (fake jobs abroad, false investments, loans, gambling) and explains each warning with sourced cases.',
    permissions: ['storage'],
  },
});
