/** Folds for cross-validation: stratified by label and fixed by a hash of each item's id, so a run is reproducible. */
import type { CorpusItem } from './corpus';

/** FNV-1a: a stable, well-spread hash of an id. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The fold (0..k-1) of each item. */
export function foldsOf(items: readonly CorpusItem[], k: number): number[] {
  const fold = new Array<number>(items.length);
  for (const label of ['lure', 'benign']) {
    const members = items
      .map((item, index) => ({ index, hash: hashOf(item.id) }))
      .filter(({ index }) => items[index]!.label === label)
      .sort((a, b) => a.hash - b.hash || a.index - b.index);
    members.forEach(({ index }, position) => (fold[index] = position % k));
  }
  return fold;
}
