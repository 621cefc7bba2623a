/**
 * Negation just before a match turns a lure signal into reassurance: "we never ask for an
 * upfront fee", "本行不收取任何手续费、保证金或解冻费", "past performance is no guarantee".
 * Only rules marked negatable are checked, and only within the same clause.
 */
import { type NormalizedView, sliceOf } from './normalize';

const LOOK_BACK = 40;
const LATIN_CUES = new Set(['no', 'not', 'never', 'dont', 'doesnt', 'wont', 'without', 'nor', 'cannot', 'cant', 'neither', 'isnt', 'arent']);
// Multi-character Chinese cues anywhere in the clause before the match; single characters
// (不 非 无 未 没) only right before it, because they occur inside many ordinary words.
const CHINESE_CUES = ['不会', '不收', '不是', '不要求', '不承诺', '不保证', '不构成', '不代表', '不提供', '不存在', '不需', '不得', '不能', '并非', '绝不', '从不', '从未', '无需', '无权', '拒绝', '切勿', '请勿', '禁止', '没有', '严禁'];
/** Verbs after which a negation boasts ("never loses") instead of denying. */
const BOASTS = new Set(['lose', 'loses', 'losing', 'lost', 'fail', 'fails', 'failing', 'miss', 'misses', 'stop', 'stops', 'sleeps']);
const ADJACENT_CUES = new Set(['不', '非', '无', '未', '没', '勿']);
const CLAUSE_END = new Set([...'.!?;。\n'].map((ch) => ch.charCodeAt(0)));
const COMMA = 44;

export function isNegated(normalized: NormalizedView, matchStart: number): boolean {
  const { codes } = normalized;
  let from = matchStart;
  while (from > 0 && matchStart - from < LOOK_BACK) {
    const code = codes[from - 1]!;
    // A comma ends a clause in Chinese (NFKC made "，" a ","), not in an English list.
    if (CLAUSE_END.has(code) || (code === COMMA && from >= 2 && codes[from - 2]! > 0x2e80)) break;
    from--;
  }
  const before = sliceOf(normalized, from, matchStart);
  if (ADJACENT_CUES.has(before.trimEnd().slice(-1))) return true;
  if (CHINESE_CUES.some((cue) => before.includes(cue))) return true;
  const words = before.split(/[^a-z]+/);
  for (let i = 0; i < words.length; i++) {
    // "never loses", "never fails" boast rather than deny: not a negation of what follows.
    if (LATIN_CUES.has(words[i]!) && !BOASTS.has(words[i + 1] ?? '')) return true;
  }
  return false;
}
