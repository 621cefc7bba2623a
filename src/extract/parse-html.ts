/**
 * htmlparser2's parseDocument, in time linear in the input however deep the nesting.
 *
 * Why: htmlparser2's Parser keeps its open elements innermost-first in a plain array and maintains
 * it with unshift/shift, which move the whole array: every start and end tag costs O(depth), so
 * 100,000 nested <div>s took seconds to parse (quadratic). An end tag with no open element of its
 * name costs a full indexOf of the open elements too. Still so in htmlparser2 12; the upstream fix
 * (push/pop, fb55/htmlparser2#2481) is not released. Until it is, the parser is handed, in place of
 * those two arrays, an array view whose front is the end of a plain array, so unshift/shift are
 * push/pop, and which counts names, so that an end tag of a name not open is refused at once. The
 * parser and the tree it builds are unchanged; only the cost of its bookkeeping is. When
 * htmlparser2 is upgraded, tests/unit/extract/html-depth.test.ts checks that the trees still match
 * parseDocument's; once the parser itself uses push/pop, this file can go.
 */
import { type Document, DomHandler } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';

/**
 * An array seen innermost-first (index 0 is the last item of `outermostFirst`). Overrides what the
 * parser calls on its stacks (unshift, shift, indexOf, includes); indexes and length read through
 * the view, so any other array method reads it alike. Writes: an index, or the length (to empty).
 */
function innermostFirst<T>(initial: readonly T[]): T[] {
  const outermostFirst = [...initial].reverse();
  const counts = new Map<T, number>();
  const count = (value: T, by: number) => counts.set(value, (counts.get(value) ?? 0) + by);
  for (const value of outermostFirst) count(value, 1);
  const overrides = {
    unshift(...values: T[]) {
      for (let i = values.length - 1; i >= 0; i--) {
        outermostFirst.push(values[i]!);
        count(values[i]!, 1);
      }
      return outermostFirst.length;
    },
    shift() {
      if (outermostFirst.length === 0) return undefined;
      const value = outermostFirst.pop()!;
      count(value, -1);
      return value;
    },
    includes: (value: T) => (counts.get(value) ?? 0) > 0,
    indexOf(value: T) {
      if (!overrides.includes(value)) return -1; // the common stray end tag: no scan
      const last = outermostFirst.length - 1;
      // The scan stops at the match, and the parser then closes every element it passed.
      for (let i = last; i >= 0; i--) if (outermostFirst[i] === value) return last - i;
      return -1;
    },
  };
  /** The index a property key names, or null for any other key ('length', 'map', a symbol). */
  const indexNamed = (key: string | symbol): number | null => {
    if (key === '0') return 0; // the parser's usual read: its innermost open element
    if (typeof key !== 'string') return null;
    const index = Number(key);
    return Number.isInteger(index) && index >= 0 && String(index) === key ? index : null;
  };
  return new Proxy(outermostFirst, {
    get(target, key) {
      if (typeof key === 'string' && Object.hasOwn(overrides, key)) return overrides[key as keyof typeof overrides];
      const index = indexNamed(key);
      return index === null ? Reflect.get(target, key) : target[target.length - 1 - index];
    },
    set(target, key, value) {
      if (key === 'length') {
        // Keep the innermost `value` items (the parser only ever empties its stacks).
        for (const removed of target.splice(0, Math.max(0, target.length - (value as number)))) count(removed, -1);
        return true;
      }
      const index = indexNamed(key);
      // Other writes (push, an index past the end) are not used by the parser: fail loudly.
      if (index === null || index >= target.length) return false;
      const at = target.length - 1 - index;
      count(target[at]!, -1);
      count(value as T, 1);
      target[at] = value as T;
      return true;
    },
  });
}

/** The document tree of `html`, as htmlparser2's parseDocument(html, options) builds it. */
export function parseHtml(html: string, options: ParserOptions): Document {
  const handler = new DomHandler(undefined, options);
  const parser = new Parser(handler, options);
  // Private fields of the parser; if a version renames them, it is left as it is (slower, not wrong).
  const internals = parser as unknown as { stack?: unknown; foreignContext?: unknown };
  for (const field of ['stack', 'foreignContext'] as const) {
    const value = internals[field];
    if (Array.isArray(value)) internals[field] = innermostFirst(value);
  }
  parser.end(html);
  return handler.root;
}
