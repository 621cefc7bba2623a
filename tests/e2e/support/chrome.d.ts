// Functions passed to worker.evaluate run in the extension's service worker, where `chrome` exists.
declare const chrome: {
  storage: { session: { get(key: string | null): Promise<Record<string, unknown>> }; local: { set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};
