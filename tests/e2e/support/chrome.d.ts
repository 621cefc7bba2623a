// Functions passed to worker.evaluate run in the extension's service worker, where `chrome` exists.
declare const chrome: {
  storage: {
    session: {
      get(key: string | null): Promise<Record<string, unknown>>;
      onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void };
    };
    local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};
