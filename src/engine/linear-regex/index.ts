/**
 * Regular expressions that run in time linear in the text, whatever the pattern: the engine runs
 * rule packs' patterns on hostile pages, where a backtracking engine can be made to take
 * quadratic or exponential time (`sign\w*` on "signsign…", `(a|aa)+$`). JavaScript syntax and
 * flags `gu`; no back-references; lookarounds of bounded reach.
 */
import { type Program, compileProgram } from './program';
import { type ProgramData, programFromData, programToData } from './program-data';
import { type Span, search } from './pike-vm';
import { mayContainMatch } from './required-texts';

export { MAX_INSTRUCTIONS, MAX_LOOKAROUND_LENGTH, UnsupportedPattern } from './program';
export type { Span } from './pike-vm';

/** A compiled pattern as plain data, to store (LinearRegex.toData, LinearRegex.fromData). */
export interface LinearRegexData {
  source: string;
  program: ProgramData;
}

export class LinearRegex {
  private built: Program | undefined;

  /**
   * Throws UnsupportedPattern, saying what to change, for a pattern it cannot run in linear time.
   * (`stored` is only for fromData: the source's program, compiled before.)
   */
  constructor(
    readonly source: string,
    private readonly stored?: ProgramData,
  ) {
    if (!stored) this.built = compileProgram(source);
  }

  /**
   * A pattern compiled before, from its toData, without parsing it again. Its program is built
   * when first run: a page runs few of a pack's patterns (only those whose anchors it contains).
   */
  static fromData(data: LinearRegexData): LinearRegex {
    return new LinearRegex(data.source, data.program);
  }

  toData(): LinearRegexData {
    return { source: this.source, program: this.stored ?? programToData(this.program) };
  }

  private get program(): Program {
    return (this.built ??= programFromData(this.stored!));
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
   * False when the text lacks what every match must contain: no need to look for one. (Checked by
   * the caller once per text, not by each search: a caller searching many ranges of one long text
   * would otherwise look through all of it for each.)
   */
  mayMatchIn(text: string): boolean {
    const { required } = this.program;
    return !required || mayContainMatch(required, text);
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
