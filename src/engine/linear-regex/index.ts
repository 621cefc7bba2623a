/**
 * Regular expressions that run in time linear in the text, whatever the pattern: the engine runs
 * rule packs' patterns on hostile pages, where a backtracking engine can be made to take
 * quadratic or exponential time (`sign\w*` on "signsign…", `(a|aa)+$`). JavaScript syntax and
 * flags `gu`; no back-references; lookarounds of bounded reach.
 */
import { type Program, compileProgram } from './program';
import { type Span, search } from './pike-vm';

export { MAX_INSTRUCTIONS, MAX_LOOKAROUND_LENGTH, UnsupportedPattern } from './program';
export type { Span } from './pike-vm';

export class LinearRegex {
  private readonly program: Program;

  /** Throws UnsupportedPattern, saying what to change, for a pattern it cannot run in linear time. */
  constructor(readonly source: string) {
    this.program = compileProgram(source);
  }

  /** The longest text a match can span, with what its lookarounds look at around it (Infinity when unbounded). */
  get reach(): number {
    return this.program.maxLength + this.program.lookReach;
  }

  /** The first match at or after `from`, as RegExp.exec with the `g` flag would find it. */
  firstMatch(text: string, from = 0): Span | null {
    return search(this.program, text, from);
  }

  /**
   * Every match, left to right, not overlapping (as String.prototype.matchAll); empty ones
   * included. With `from` and `lastStart`, only those that begin between them.
   */
  *matches(text: string, from = 0, lastStart = text.length): Generator<Span> {
    while (from <= lastStart) {
      const found = search(this.program, text, from, lastStart);
      if (!found) return;
      yield found;
      // After an empty match, on by one character (a surrogate pair is one), as RegExp does with `u`.
      from = found.end > found.start ? found.end : found.end + ((text.codePointAt(found.end) ?? 0) > 0xffff ? 2 : 1);
    }
  }
}
