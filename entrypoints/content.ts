import { runContentScript } from '../src/content/main';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // Frames without a URL of their own (srcdoc, about:blank) carry the page's content too.
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    return runContentScript(ctx);
  },
});
