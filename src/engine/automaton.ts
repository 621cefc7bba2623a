/**
 * Aho-Corasick automaton over UTF-16 code units: finds every occurrence of every term in one
 * pass over the text, however many terms there are. The root's transitions are a dense table
 * because most characters of a page start no term; deeper states use small maps.
 */
export class Automaton {
  private readonly rootNext = new Int32Array(0x10000);
  private readonly next: Map<number, number>[] = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  /** Pattern id ending at a state, or -1. */
  private output: number[] = [-1];
  /** Nearest state on the fail chain that has an output (0 = none). */
  private dictionary: Int32Array = new Int32Array(1);
  private readonly lengths: number[] = [];

  constructor(patterns: readonly string[]) {
    patterns.forEach((pattern, id) => this.insert(pattern, id));
    this.link();
  }

  get patternCount(): number {
    return this.lengths.length;
  }

  private insert(pattern: string, id: number): void {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let target = this.next[state]!.get(code);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.output.push(-1);
        this.next[state]!.set(code, target);
      }
      state = target;
    }
    this.output[state] = id;
    this.lengths[id] = pattern.length;
  }

  private link(): void {
    const count = this.next.length;
    this.fail = new Int32Array(count);
    this.dictionary = new Int32Array(count);
    const queue: number[] = [];
    for (const [code, target] of this.next[0]!) {
      this.rootNext[code] = target;
      queue.push(target);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [code, target] of this.next[state]!) {
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(code)) f = this.fail[f]!;
        const fallback = f === 0 ? this.rootNext[code]! : this.next[f]!.get(code)!;
        this.fail[target] = fallback === target ? 0 : fallback;
        const failState = this.fail[target]!;
        this.dictionary[target] = this.output[failState]! >= 0 ? failState : this.dictionary[failState]!;
        queue.push(target);
      }
    }
  }

  /** Calls onMatch(patternId, start, end) for every occurrence, in order of end position. */
  search(text: string, onMatch: (patternId: number, start: number, end: number) => void): void {
    const { rootNext, next, fail, output, dictionary, lengths } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      for (;;) {
        if (state === 0) {
          state = rootNext[code]!;
          break;
        }
        const target = next[state]!.get(code);
        if (target !== undefined) {
          state = target;
          break;
        }
        state = fail[state]!;
      }
      if (state === 0) continue;
      let hit = output[state]! >= 0 ? state : dictionary[state]!;
      while (hit !== 0) {
        const id = output[hit]!;
        onMatch(id, i + 1 - lengths[id]!, i + 1);
        hit = dictionary[hit]!;
      }
    }
  }
}
