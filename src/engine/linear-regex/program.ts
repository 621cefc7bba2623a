/**
 * Compiles a JavaScript regular expression (flags `u`) into a program for the linear-time matcher
 * in pike-vm.ts: a graph of instructions that consume one code point, branch with a priority,
 * assert something about the position, or look around with a sub-program. The pattern is parsed
 * by regexpp (the ECMAScript regex parser ESLint uses), so the syntax and the character classes
 * are exactly JavaScript's.
 *
 * What a backtracking engine makes exponential (or quadratic) needs nothing special here: every
 * position of the text is visited once with at most one thread per instruction. Two things would
 * break that bound and are refused with a message: back-references (no automaton can match them)
 * and lookarounds that can reach an unbounded distance (each is run again at every position).
 */
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { type RequiredTexts, requiredTexts } from './required-texts';

/** Whether a code point belongs to a character class. */
export type CharTest = (codePoint: number) => boolean;

export const enum Op {
  /** Consume one code point that passes `test`, go to `next`. */
  Char,
  /** Go to `next`, and with lower priority to `second`. */
  Split,
  /** Go to `next` if the position is one of `at`. */
  Assert,
  /** Go to `next` if `look` matches at the position (does not, with `negate`). */
  Look,
  Match,
}

export const enum At {
  Start,
  End,
  Word,
  NotWord,
}

/** One shape for every instruction (the matcher's inner loop stays monomorphic). */
export interface Instruction {
  op: Op;
  next: number;
  second: number;
  test: CharTest | null;
  at: At;
  look: Program | null;
  negate: boolean;
}

const instruction = (op: Op, fields: Partial<Instruction>): Instruction => ({ op, next: 0, second: 0, test: null, at: At.Start, look: null, negate: false, ...fields });

export interface Program {
  code: Instruction[];
  start: number;
  /** A lookbehind's program reads the text backwards from the position it is asked about. */
  backward: boolean;
  /** What can begin a match, to skip ahead quickly; null when a match may begin with anything (or be empty). */
  firstChar: CharTest | null;
  /** The longest text a match can span, in UTF-16 units (Infinity when unbounded). */
  maxLength: number;
  /** How far lookarounds may look beyond a match, in UTF-16 units. */
  lookReach: number;
  /** Texts of which every match contains one (required-texts.ts), or null when none is known. */
  required: RequiredTexts | null;
  /** Its character tests, by what each was built from (a test is a function: to store a program, its source is stored). */
  tests: ReadonlyMap<TestSource, CharTest>;
}

/** A pattern the linear-time matcher cannot run, with what to change. */
export class UnsupportedPattern extends Error {}

/** Instructions one pattern may compile to (counted repetitions are unrolled): beyond, it is refused. */
export const MAX_INSTRUCTIONS = 20_000;
/** How far a lookaround may reach, in characters. */
export const MAX_LOOKAROUND_LENGTH = 200;

const parser = new RegExpParser({ ecmaVersion: 2025 });

export function compileProgram(source: string): Program {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch (error) {
    throw new UnsupportedPattern(`not a valid regular expression: ${(error as Error).message}`);
  }
  // Only a whole pattern is checked for what its text must hold (a lookaround's program never is).
  return { ...programOf(pattern.alternatives, false), required: requiredTexts(pattern.alternatives) };
}

function programOf(alternatives: AST.Alternative[], backward: boolean): Program {
  const code: Instruction[] = [instruction(Op.Match, {})];
  const tooLarge = () => new UnsupportedPattern(`too large once its repetitions are counted out (over ${MAX_INSTRUCTIONS} steps): use smaller bounds such as {0,30}`);
  const emit = (instruction: Instruction): number => {
    if (code.length >= MAX_INSTRUCTIONS) throw tooLarge();
    code.push(instruction);
    return code.length - 1;
  };

  // One test per distinct character or class: the copies of an unrolled [^,。]{0,30} share theirs (and its memory).
  const tests = new Map<TestSource, CharTest>();
  const testOf = (source: TestSource): CharTest => {
    let test = tests.get(source);
    if (!test) tests.set(source, (test = charTest(source)));
    return test;
  };

  // Steps of compiling, bounded like the instructions: empty groups emit nothing, and
  // (?:(?:){100000}){100000} would otherwise take forever to unroll.
  let steps = 0;
  /** Emits the instructions for node, continuing at next; returns where they begin. */
  const compile = (node: AST.Node, next: number): number => {
    if (++steps > MAX_INSTRUCTIONS) throw tooLarge();
    switch (node.type) {
      case 'Alternative': {
        const elements = backward ? node.elements : [...node.elements].reverse();
        let entry = next;
        for (const element of elements) entry = compile(element, entry);
        return entry;
      }
      case 'Group':
        if (node.modifiers) throw new UnsupportedPattern(`flag modifiers such as ${node.raw.slice(0, 6)}… are not supported (the text is already in lower case): write the group without them`);
        return choice(node.alternatives, next);
      case 'CapturingGroup':
        return choice(node.alternatives, next);
      case 'Character':
        return emit(instruction(Op.Char, { test: testOf(node.value), next }));
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass':
        return emit(instruction(Op.Char, { test: testOf(node.raw), next }));
      case 'Assertion':
        return assertion(node, next);
      case 'Quantifier':
        return repeat(node, next);
      case 'Backreference':
        throw new UnsupportedPattern(`back-references such as ${node.raw} cannot be matched in linear time: repeat the text instead`);
      default:
        throw new UnsupportedPattern(`unsupported regular expression syntax: ${node.raw}`);
    }
  };

  const choice = (alternatives: AST.Alternative[], next: number): number => {
    let entry = compile(alternatives[alternatives.length - 1]!, next);
    for (let i = alternatives.length - 2; i >= 0; i--) {
      const first = compile(alternatives[i]!, next);
      entry = emit(instruction(Op.Split, { next: first, second: entry }));
    }
    return entry;
  };

  const assertion = (node: AST.Assertion, next: number): number => {
    switch (node.kind) {
      case 'start':
        return emit(instruction(Op.Assert, { at: At.Start, next }));
      case 'end':
        return emit(instruction(Op.Assert, { at: At.End, next }));
      case 'word':
        return emit(instruction(Op.Assert, { at: node.negate ? At.NotWord : At.Word, next }));
      case 'lookahead':
      case 'lookbehind': {
        if (maxLength(node.alternatives) > MAX_LOOKAROUND_LENGTH) {
          throw new UnsupportedPattern(`the lookaround ${node.raw} can reach too far: bound its repetitions (at most ${MAX_LOOKAROUND_LENGTH} characters), e.g. \\s{0,3} instead of \\s*`);
        }
        const look = programOf(node.alternatives, node.kind === 'lookbehind');
        return emit(instruction(Op.Look, { look, negate: node.negate, next }));
      }
    }
  };

  const repeat = (node: AST.Quantifier, next: number): number => {
    const { min, max, greedy, element } = node;
    const branch = (body: number, skip: number): Instruction => instruction(Op.Split, greedy ? { next: body, second: skip } : { next: skip, second: body });
    let entry = next;
    if (max === Infinity) {
      // A loop: the split is emitted first so that the body can continue back to it.
      const loop = emit(instruction(Op.Split, { next, second: next }));
      code[loop] = branch(compile(element, loop), next);
      entry = loop;
    } else {
      // Optional copies nested as (x(x(x)?)?)?, so that giving one up leaves the repetition.
      for (let k = 0; k < max - min; k++) {
        const split = emit(instruction(Op.Split, { next, second: next }));
        code[split] = branch(compile(element, entry), next);
        entry = split;
      }
    }
    for (let k = 0; k < min; k++) entry = compile(element, entry);
    return entry;
  };

  const start = choice(alternatives, 0);
  return finishProgram({ code, start, backward, maxLength: maxLength(alternatives), lookReach: lookReach(alternatives), required: null, tests });
}

/** A program with what can begin a match worked out (a lookbehind reads backwards: it skips nothing). */
export function finishProgram(parts: Omit<Program, 'firstChar'>): Program {
  const { code, start, backward, maxLength, lookReach, required, tests } = parts;
  const program: Program = { code, start, backward, firstChar: null, maxLength, lookReach, required, tests };
  if (!program.backward) program.firstChar = firstCharOf(program);
  return program;
}

/** The longest text a lookaround's alternatives can match (Infinity when unbounded). */
function maxLength(alternatives: AST.Alternative[]): number {
  const lengthOf = (node: AST.Node): number => {
    switch (node.type) {
      case 'Alternative':
        return node.elements.reduce((sum, element) => sum + lengthOf(element), 0);
      case 'Group':
      case 'CapturingGroup':
        return maxLength(node.alternatives);
      case 'Quantifier': {
        const element = lengthOf(node.element);
        // (Infinity × 0 would be NaN: an empty element repeated without bound is still empty.)
        return node.max === 0 || element === 0 ? 0 : node.max * element;
      }
      case 'Assertion':
        return 0;
      default:
        // One code point, two UTF-16 units at most.
        return 2;
    }
  };
  return Math.max(0, ...alternatives.map(lengthOf));
}

/** How far the lookarounds of a pattern can look beyond its match (their reach, bounded above). */
function lookReach(alternatives: AST.Alternative[]): number {
  let reach = 0;
  const visit = (node: AST.Node): void => {
    if (node.type === 'Assertion' && (node.kind === 'lookahead' || node.kind === 'lookbehind')) reach = Math.max(reach, maxLength(node.alternatives));
    if ('alternatives' in node) node.alternatives.forEach(visit);
    if ('elements' in node && node.type === 'Alternative') node.elements.forEach(visit);
    if (node.type === 'Quantifier') visit(node.element);
  };
  alternatives.forEach(visit);
  return reach;
}

/** What a character test is built from: one code point, or a character class's source ("[^,。]", "\\d"). */
export type TestSource = number | string;

export const charTest = (source: TestSource): CharTest => (typeof source === 'number' ? equalTo(source) : classTest(source));

const equalTo =
  (value: number): CharTest =>
  (codePoint) =>
    codePoint === value;

/**
 * A character class as JavaScript defines it (\d, \w, \s, \p{…}, ranges, negation), tested by the
 * browser's own engine on one character at a time (constant time), and remembered per character.
 */
function classTest(raw: string): CharTest {
  const single = new RegExp(`^(?:${raw})$`, 'u');
  return remembered((codePoint) => single.test(String.fromCodePoint(codePoint)));
}

/** A test that remembers its answers: ASCII in a table, other characters in a bounded map. */
function remembered(test: CharTest): CharTest {
  const ascii = new Uint8Array(128);
  const others = new Map<number, boolean>();
  return (codePoint) => {
    if (codePoint < 128) {
      const known = ascii[codePoint]!;
      if (known) return known === 1;
      const result = test(codePoint);
      ascii[codePoint] = result ? 1 : 2;
      return result;
    }
    let result = others.get(codePoint);
    if (result === undefined) {
      result = test(codePoint);
      if (others.size < 4096) others.set(codePoint, result);
    }
    return result;
  };
}

/** The characters a match can begin with: the tests reachable before any character is consumed. */
function firstCharOf(program: Program): CharTest | null {
  const tests: CharTest[] = [];
  const seen = new Set<number>();
  const pending = [program.start];
  while (pending.length > 0) {
    const pc = pending.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const step = program.code[pc]!;
    switch (step.op) {
      case Op.Match:
        return null;
      case Op.Char:
        tests.push(step.test!);
        break;
      case Op.Split:
        pending.push(step.next, step.second);
        break;
      default:
        pending.push(step.next);
    }
  }
  return remembered((codePoint) => tests.some((test) => test(codePoint)));
}
