/**
 * Runs at document_start in the top frame, before any script of the page, so that Lureguard's
 * listeners come first and no page can swallow a person's clicks on the warning bar
 * (src/content/click-shield.ts). Listed in the manifest by wxt.config.ts, like page-guard.
 */
import { clickShield } from '../src/content/click-shield';

export default defineUnlistedScript({
  globalName: false,
  main() {
    clickShield(window);
  },
});
