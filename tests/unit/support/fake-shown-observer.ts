/**
 * An IntersectionObserver as the browser's, for a page that happy-dom does not lay out (its own
 * observer never reports): every element counts as in the viewport, and as shown when happy-dom's
 * checkVisibility says so. `render()` is a frame the browser renders: as the browser does, it
 * reports each followed element whose being shown changed since it was last reported, or that was
 * never reported (a newly followed one).
 */
import type { ShownEntry, ShownObserverConstructor } from '../../../src/content/change-watcher';

export function fakeShownObserver() {
  const observers: FakeShownObserver[] = [];
  class FakeShownObserver {
    /** Followed elements, and whether each was last reported shown (undefined: not reported yet). */
    readonly targets = new Map<Element, boolean | undefined>();
    constructor(readonly callback: (entries: ShownEntry[]) => void) {
      observers.push(this);
    }
    observe(target: Element) {
      if (!this.targets.has(target)) this.targets.set(target, undefined);
    }
    unobserve(target: Element) {
      this.targets.delete(target);
    }
    disconnect() {
      this.targets.clear();
    }
  }
  return {
    ShownObserver: FakeShownObserver satisfies ShownObserverConstructor,
    render() {
      for (const observer of observers) {
        const entries: ShownEntry[] = [];
        for (const [target, last] of observer.targets) {
          const shown = target.isConnected && target.checkVisibility();
          if (shown === last) continue;
          observer.targets.set(target, shown);
          entries.push({ target, isIntersecting: shown });
        }
        if (entries.length > 0) observer.callback(entries);
      }
    },
    followed: () => observers.flatMap((observer) => [...observer.targets.keys()]),
  };
}
