import { runBackground } from '../src/background/main';

export default defineBackground(() => {
  runBackground();
});
