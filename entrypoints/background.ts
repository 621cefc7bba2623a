export default defineBackground(() => {
  // Per-tab state and the badge arrive with the extension issue.
});
