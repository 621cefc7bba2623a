/**
 * Runs a compiled program over a text in time linear in the text (Thompson's construction run as
 * Pike's VM, as in RE2): all the ways a match can go advance together one code point at a time,
 * at most one thread per instruction, kept in priority order so that the match found is the one
 * a JavaScript RegExp finds (leftmost, then greedy or lazy as written).
 */
import { At, Op, type Program } from './program';

export interface Span {
  start: number;
  end: number;
}

const isWordCode = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;

/** The threads of one step: their instructions and where their match began. */
class Threads {
  readonly pcs: Int32Array;
  readonly starts: Int32Array;
  length = 0;
  constructor(size: number) {
    this.pcs = new Int32Array(size);
    this.starts = new Int32Array(size);
  }
}

/** The scratch space of one program, reused: the engine runs a program on many windows. */
class Scratch {
  current: Threads;
  next: Threads;
  /** The step at which each instruction was last added (one thread per instruction per step). */
  readonly seen: Uint32Array;
  step = 0;
  readonly stack: Int32Array;
  constructor(size: number) {
    this.current = new Threads(size);
    this.next = new Threads(size);
    this.seen = new Uint32Array(size);
    this.stack = new Int32Array(size * 2 + 2);
  }
}

const scratches = new WeakMap<Program, Scratch>();

function scratchOf(program: Program): Scratch {
  let scratch = scratches.get(program);
  if (!scratch) {
    scratch = new Scratch(program.code.length);
    scratches.set(program, scratch);
  }
  return scratch;
}

function holds(at: At, text: string, position: number): boolean {
  switch (at) {
    case At.Start:
      return position === 0;
    case At.End:
      return position === text.length;
    default: {
      const before = position > 0 && isWordCode(text.charCodeAt(position - 1));
      const after = position < text.length && isWordCode(text.charCodeAt(position));
      return (before !== after) === (at === At.Word);
    }
  }
}

/** Adds the thread at pc and everything it leads to without reading, in priority order. */
function add(program: Program, scratch: Scratch, list: Threads, pc: number, start: number, text: string, position: number): void {
  const { code } = program;
  const { seen, stack, step } = scratch;
  let top = 0;
  stack[top++] = pc;
  while (top > 0) {
    const at = stack[--top]!;
    if (seen[at] === step) continue;
    seen[at] = step;
    const instruction = code[at]!;
    switch (instruction.op) {
      case Op.Split:
        // The second choice waits under the first: the first and all it leads to come before it.
        stack[top++] = instruction.second;
        stack[top++] = instruction.next;
        break;
      case Op.Assert:
        if (holds(instruction.at, text, position)) stack[top++] = instruction.next;
        break;
      case Op.Look:
        if (lookaround(instruction.look!, text, position) !== instruction.negate) stack[top++] = instruction.next;
        break;
      default:
        list.pcs[list.length] = at;
        list.starts[list.length] = start;
        list.length++;
    }
  }
}

/** Whether a lookaround's program matches at position (forwards, or backwards for a lookbehind). */
function lookaround(program: Program, text: string, position: number): boolean {
  const scratch = scratchOf(program);
  const { code, backward } = program;
  let current = scratch.current;
  let next = scratch.next;
  current.length = 0;
  scratch.step++;
  add(program, scratch, current, program.start, position, text, position);
  let at = position;
  while (current.length > 0) {
    let codePoint = -1;
    let width = 0;
    if (backward ? at > 0 : at < text.length) {
      codePoint = backward ? codePointBefore(text, at) : text.codePointAt(at)!;
      width = codePoint > 0xffff ? 2 : 1;
    }
    const following = backward ? at - width : at + width;
    scratch.step++;
    next.length = 0;
    for (let i = 0; i < current.length; i++) {
      const instruction = code[current.pcs[i]!]!;
      if (instruction.op === Op.Match) return true;
      if (instruction.op === Op.Char && width > 0 && instruction.test!(codePoint)) add(program, scratch, next, instruction.next, position, text, following);
    }
    [current, next] = [next, current];
    at = following;
  }
  return false;
}

function codePointBefore(text: string, position: number): number {
  const low = text.charCodeAt(position - 1);
  if (low >= 0xdc00 && low <= 0xdfff && position >= 2) {
    const high = text.charCodeAt(position - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/**
 * The first match in text that begins at or after `from` and at or before `lastStart` (leftmost,
 * with JavaScript's priorities), or null. It may end after lastStart.
 */
export function search(program: Program, text: string, from: number, lastStart = text.length): Span | null {
  const scratch = scratchOf(program);
  const { code, firstChar } = program;
  let current = scratch.current;
  let next = scratch.next;
  current.length = 0;
  let found: Span | null = null;
  let position = from;
  scratch.step++;
  for (;;) {
    if (!found && position <= lastStart) {
      if (current.length === 0 && firstChar) {
        // Nothing under way: skip to where a match can begin. (Positions are checked against the
        // text's length, never read past it: a read out of bounds makes V8 throw away the
        // optimized code of this function, and the service worker compiled it again and again.)
        const end = Math.min(lastStart, text.length - 1);
        while (position <= end) {
          const code = text.codePointAt(position)!;
          if (firstChar(code)) break;
          position += code > 0xffff ? 2 : 1;
        }
        scratch.step++;
      }
      // A match begins only where its first character can be (the threads of other starts go on).
      if (position <= lastStart && (!firstChar || (position < text.length && firstChar(text.codePointAt(position)!)))) add(program, scratch, current, program.start, position, text, position);
    }
    const codePoint = position < text.length ? text.codePointAt(position)! : -1;
    const width = codePoint < 0 ? 0 : codePoint > 0xffff ? 2 : 1;
    if (current.length === 0) {
      // Nothing under way: done once a match was found, past the last start, or at the end;
      // otherwise a match may still begin further on.
      if (found || width === 0 || position >= lastStart) break;
      position += width;
      scratch.step++;
      continue;
    }
    const following = position + width;
    scratch.step++;
    next.length = 0;
    for (let i = 0; i < current.length; i++) {
      const instruction = code[current.pcs[i]!]!;
      if (instruction.op === Op.Match) {
        // The threads before this one would make a longer match, as JavaScript prefers: they go
        // on; those after it are dropped.
        found = { start: current.starts[i]!, end: position };
        break;
      }
      if (instruction.op === Op.Char && width > 0 && instruction.test!(codePoint)) add(program, scratch, next, instruction.next, current.starts[i]!, text, following);
    }
    [current, next] = [next, current];
    if (width === 0) break;
    position = following;
  }
  scratch.current = current;
  scratch.next = next;
  return found;
}
