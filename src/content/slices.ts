/**
 * Cooperative slicing: long work runs in short slices with yields in between, so the page stays
 * responsive (no main-thread task near 50 ms) even on multi-megabyte pages.
 */
export const SLICE_MS = 8;

type SchedulerWithYield = { yield?: () => Promise<void> };

/** Gives the main thread back to the page (input, rendering) before continuing. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    // A message is not clamped like a nested setTimeout.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Tracks the current slice; `due()` says when to yield. */
export class Slicer {
  private started = performance.now();
  constructor(private readonly budget = SLICE_MS) {}
  due(): boolean {
    return performance.now() - this.started >= this.budget;
  }
  async yield(signal?: AbortSignal): Promise<void> {
    await yieldToMain();
    if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
    this.started = performance.now();
  }
}
