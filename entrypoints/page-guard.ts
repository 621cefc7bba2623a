/**
 * The content script. Built as an unlisted script and listed in the manifest by wxt.config.ts,
 * so that it runs without WXT's ContentScriptContext: that context posts the extension's id to
 * the page and ends itself on a DOM event any page can dispatch, which would let a page switch
 * Lureguard off in its tab. This script ends only when the extension is reloaded or removed.
 */
import { runContentScript } from '../src/content/main';

export default defineUnlistedScript({
  // Nothing of it is left in the isolated world's globals.
  globalName: false,
  main() {
    void runContentScript();
  },
});
