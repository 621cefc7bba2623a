/**
 * A compiled program as plain data, to store it and load it without parsing and unrolling its
 * pattern again: one typed array per instruction field, and character tests by their source (a
 * test is a function, which cannot be stored), built again on loading.
 */
import type { RequiredTexts } from './required-texts';
import { charTest, finishProgram, type Instruction, type Program, type TestSource } from './program';

export interface ProgramData {
  op: Uint8Array;
  next: Int32Array;
  second: Int32Array;
  at: Uint8Array;
  negate: Uint8Array;
  /** Index in `tests`, or -1. */
  test: Int32Array;
  /** Index in `looks`, or -1. */
  look: Int32Array;
  tests: TestSource[];
  looks: ProgramData[];
  start: number;
  backward: boolean;
  maxLength: number;
  lookReach: number;
  required: RequiredTexts | null;
}

export function programToData(program: Program): ProgramData {
  const { code, start, backward, maxLength, lookReach, required, tests } = program;
  const count = code.length;
  const testIndex = new Map([...tests.values()].map((test, index) => [test, index]));
  const data: ProgramData = {
    op: new Uint8Array(count),
    next: new Int32Array(count),
    second: new Int32Array(count),
    at: new Uint8Array(count),
    negate: new Uint8Array(count),
    test: new Int32Array(count).fill(-1),
    look: new Int32Array(count).fill(-1),
    tests: [...tests.keys()],
    looks: [],
    start,
    backward,
    maxLength,
    lookReach,
    required,
  };
  code.forEach((step, pc) => {
    data.op[pc] = step.op;
    data.next[pc] = step.next;
    data.second[pc] = step.second;
    data.at[pc] = step.at;
    data.negate[pc] = step.negate ? 1 : 0;
    if (step.test) data.test[pc] = testIndex.get(step.test)!;
    if (step.look) data.look[pc] = data.looks.push(programToData(step.look)) - 1;
  });
  return data;
}

export function programFromData(data: ProgramData): Program {
  const tests = new Map(data.tests.map((source) => [source, charTest(source)]));
  const testList = [...tests.values()];
  const looks = data.looks.map(programFromData);
  // Fields in the order program.ts's instruction() gives them: one shape for every instruction.
  const code = Array.from(
    data.op,
    (op, pc): Instruction => ({
      op,
      next: data.next[pc]!,
      second: data.second[pc]!,
      test: data.test[pc]! >= 0 ? testList[data.test[pc]!]! : null,
      at: data.at[pc]!,
      look: data.look[pc]! >= 0 ? looks[data.look[pc]!]! : null,
      negate: data.negate[pc] === 1,
    }),
  );
  const { start, backward, maxLength, lookReach, required } = data;
  return finishProgram({ code, start, backward, maxLength, lookReach, required, tests });
}
