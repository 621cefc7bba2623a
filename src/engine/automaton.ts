/**
 * Aho-Corasick automaton over UTF-16 code units: finds every occurrence of every term in one
 * pass over the text, however many terms there are. For ASCII, the states near the root (where
 * the automaton spends nearly all its time on real text) form a DFA (a dense table per state,
 * fail links already followed), so an ASCII character there costs one array read; deeper states
 * and other characters use small per-state maps and fail links. Rows for every state would cost
 * 256 bytes each: megabytes, built in every frame, for thousands of term variants.
 */
/** States up to this depth get a DFA row for ASCII. */
const DFA_DEPTH = 4;

/** An automaton's tables as plain data (typed arrays), to store it and load it without building it again. */
export interface AutomatonData {
  /** The trie: each state's parent and the code unit that leads from it (entry 0, the root's, unused). */
  parents: Int32Array;
  codes: Uint16Array;
  fail: Int32Array;
  output: Int32Array;
  dictionary: Int32Array;
  lengths: Int32Array;
  asciiNext: Uint16Array | Int32Array;
  rowOf: Int32Array;
  firstHit: Int32Array;
}

export class Automaton {
  private readonly rootNext = new Int32Array(0x10000);
  private readonly next: Map<number, number>[] = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  /** Pattern id ending at a state, or -1. */
  private output: number[] = [-1];
  /** Nearest state on the fail chain that has an output (0 = none). */
  private dictionary: Int32Array = new Int32Array(1);
  private readonly lengths: number[] = [];
  /** DFA transitions for ASCII: asciiNext[rowOf[state] * 128 + code], for states that have a row. */
  private asciiNext: Uint16Array | Int32Array = new Uint16Array(0);
  /** Each state's DFA row, or -1 (deeper than DFA_DEPTH: maps and fail links). */
  private rowOf: Int32Array = new Int32Array(0);
  private readonly depth: number[] = [0];
  /** The state itself when it has an output, else its dictionary link (0 = nothing ends here). */
  private firstHit: Int32Array = new Int32Array(0);

  constructor(patterns: readonly string[]) {
    patterns.forEach((pattern, id) => this.insert(pattern, id));
    this.link();
  }

  /** An automaton from the tables of toData, without inserting and linking its patterns again. */
  static fromData(data: AutomatonData): Automaton {
    const automaton = new Automaton([]);
    automaton.restore(data);
    return automaton;
  }

  /** Its tables (the arrays that never change after construction are shared, not copied). */
  toData(): AutomatonData {
    const count = this.next.length;
    const parents = new Int32Array(count);
    const codes = new Uint16Array(count);
    this.next.forEach((edges, state) => {
      for (const [code, target] of edges) {
        parents[target] = state;
        codes[target] = code;
      }
    });
    const { fail, dictionary, asciiNext, rowOf, firstHit } = this;
    return { parents, codes, fail, output: Int32Array.from(this.output), dictionary, lengths: Int32Array.from(this.lengths), asciiNext, rowOf, firstHit };
  }

  /**
   * Rebuilds the trie's maps from the parent links. A state is numbered after its parent, and
   * siblings in the order they were inserted, so states in order rebuild the very same maps.
   */
  private restore(data: AutomatonData): void {
    const { parents, codes } = data;
    for (let state = 1; state < parents.length; state++) {
      const parent = parents[state]!;
      this.next.push(new Map());
      this.next[parent]!.set(codes[state]!, state);
      if (parent === 0) this.rootNext[codes[state]!] = state;
      this.depth.push(this.depth[parent]! + 1);
    }
    for (const length of data.lengths) this.lengths.push(length);
    this.output = Array.from(data.output);
    ({ fail: this.fail, dictionary: this.dictionary, asciiNext: this.asciiNext, rowOf: this.rowOf, firstHit: this.firstHit } = data);
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
        this.depth.push(i + 1);
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
    this.firstHit = new Int32Array(count);
    for (let state = 1; state < count; state++) this.firstHit[state] = this.output[state]! >= 0 ? state : this.dictionary[state]!;
    // Rows for the root and the states up to DFA_DEPTH. Breadth-first order guarantees a state's
    // fail state (always shallower) already has its row.
    this.rowOf = new Int32Array(count).fill(-1);
    let rows = 1;
    for (const state of queue) if (this.depth[state]! <= DFA_DEPTH) this.rowOf[state] = rows++;
    this.rowOf[0] = 0;
    // Entries are state numbers: 16 bits are enough for most rule sets.
    const ascii = count < 0xffff ? new Uint16Array(rows * 128) : new Int32Array(rows * 128);
    for (let code = 0; code < 128; code++) ascii[code] = this.rootNext[code]!;
    for (const state of queue) {
      const rowIndex = this.rowOf[state]!;
      if (rowIndex < 0) continue;
      const row = rowIndex * 128;
      const failRow = this.rowOf[this.fail[state]!]! * 128;
      // Start from the fail state's row (a block copy), then put in the state's own transitions.
      ascii.copyWithin(row, failRow, failRow + 128);
      for (const [code, target] of this.next[state]!) if (code < 128) ascii[row + code] = target;
    }
    this.asciiNext = ascii;
  }

  /** Calls onMatch(patternId, start, end) for every occurrence in codes[0, length), in order of end position. */
  search(codes: ArrayLike<number>, length: number, onMatch: (patternId: number, start: number, end: number) => void): void {
    const { rootNext, asciiNext, rowOf, next, fail, output, dictionary, lengths, firstHit } = this;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const code = codes[i]!;
      if (code < 128 && rowOf[state]! >= 0) {
        state = asciiNext[rowOf[state]! * 128 + code]!;
      } else {
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
          // A shallower state with a row answers an ASCII character at once.
          if (code < 128 && rowOf[state]! >= 0) {
            state = asciiNext[rowOf[state]! * 128 + code]!;
            break;
          }
        }
      }
      let hit = firstHit[state]!;
      while (hit !== 0) {
        const id = output[hit]!;
        onMatch(id, i + 1 - lengths[id]!, i + 1);
        hit = dictionary[hit]!;
      }
    }
  }
}
