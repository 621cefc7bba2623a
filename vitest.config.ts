import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Each `vitest run --project NAME` also writes test-results/NAME.json, which .ci/run adds up
// into the plain "N passed, N failed" line CI reads.
const projectArg = process.argv.indexOf('--project');
const reportName = projectArg >= 0 ? process.argv[projectArg + 1] : 'all';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: `test-results/${reportName}.json` }]],
    projects: [
      {
        // Engine, rules, CLI, DOM extraction and components: plain Node or happy-dom, no browser.
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', setupFiles: ['tests/unit/support/browser-stylesheet.ts'] },
      },
      {
        // The built extension in real Chromium; run after `npm run build`.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
