/**
 * Texts of which every match of a pattern contains one, read from its syntax: a text holding none
 * of them cannot match, and the matcher need not run. Anchors start a pattern wherever one word of
 * it occurs; on a typical page about nine runs in ten then find nothing, often because the pattern's
 * other parts are missing ("sign" without "on arrival"). Looking for them with the browser's own
 * indexOf costs far less than a run.
 *
 * Only what a match must consume counts: literal characters in a row, a group whose every branch
 * is such a run (or itself requires one), and a repetition of at least one of them. Classes,
 * assertions, lookarounds and optional parts require nothing.
 */
import type { AST } from '@eslint-community/regexpp';

/** A set of texts larger than this is not worth looking for one by one. */
const MAX_TEXTS = 48;

/**
 * What a match must contain, branch by branch: a match of some branch contains, for each of that
 * branch's parts, one of the part's texts. ("pay … before sunday" needs "pay" and "before" and
 * "sunday": the anchor found one of them, the others are checked here.)
 */
export type RequiredTexts = readonly (readonly (readonly string[])[])[];

/** What every match must contain, or null when some branch names nothing it must contain. */
export function requiredTexts(alternatives: readonly AST.Alternative[]): RequiredTexts | null {
  const branches: string[][][] = [];
  for (const alternative of alternatives) {
    const parts = partsOf(alternative);
    if (parts.length === 0) return null;
    branches.push(parts);
  }
  return branches;
}

/** Whether `text` holds what a match needs: if not, no match can be in it. */
export function mayContainMatch(required: RequiredTexts, text: string): boolean {
  return required.some((parts) => parts.every((texts) => texts.some((part) => text.includes(part))));
}

/** Each part of a branch that a match must consume, as the texts of which it contains one. */
function partsOf(alternative: AST.Alternative): string[][] {
  const parts: string[][] = [];
  let run = '';
  const endRun = () => {
    if (run) parts.push([run]);
    run = '';
  };
  for (const element of alternative.elements) {
    if (element.type === 'Character') {
      run += String.fromCodePoint(element.value);
      continue;
    }
    endRun();
    const texts = textsOf(element);
    if (texts) parts.push(texts);
  }
  endRun();
  return parts;
}

/** The texts of which an element's match contains one, or null when it need contain nothing. */
function textsOf(element: AST.Element): string[] | null {
  switch (element.type) {
    case 'Group':
    case 'CapturingGroup': {
      // Every branch must name one part; the group needs one of those parts' texts.
      const texts = new Set<string>();
      for (const alternative of element.alternatives) {
        const best = mostTelling(partsOf(alternative));
        if (!best) return null;
        for (const text of best) texts.add(text);
      }
      return texts.size <= MAX_TEXTS ? [...texts] : null;
    }
    case 'Quantifier':
      if (element.min < 1) return null;
      if (element.element.type === 'Character') return [String.fromCodePoint(element.element.value)];
      return textsOf(element.element);
    default:
      return null;
  }
}

/** The part whose shortest text is longest (then the one with fewest texts): the rarest in text. */
function mostTelling(parts: readonly string[][]): string[] | null {
  const shortest = (texts: readonly string[]) => Math.min(...texts.map((text) => text.length));
  let best: string[] | null = null;
  for (const texts of parts) {
    if (!best || shortest(texts) > shortest(best) || (shortest(texts) === shortest(best) && texts.length < best.length)) best = texts;
  }
  return best;
}
