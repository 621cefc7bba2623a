/** How a scan result is printed: a JSON line for tools, a short readable report for people. */
import { type CompiledRuleSet, type ScanResult, RISK_LABELS, CATEGORY_LABELS, type Source } from '../engine';

const sourcesOf = (ruleSet: CompiledRuleSet, rule: string): Source[] => ruleSet.ruleById.get(rule)?.sources ?? [];

export function jsonReport(input: string, result: ScanResult, ruleSet: CompiledRuleSet): string {
  return JSON.stringify({
    input,
    risk: result.risk,
    score: result.score,
    findings: result.findings
      .filter((f) => !f.negated)
      .map((f) => ({
        rule: f.rule,
        category: f.category,
        text: f.text,
        start: f.start,
        end: f.end,
        similarity: f.similarity,
        sources: sourcesOf(ruleSet, f.rule).map((s) => s.url),
      })),
  });
}

const MAX_SNIPPETS = 12;

export function readableReport(input: string, text: string, result: ScanResult, ruleSet: CompiledRuleSet): string {
  const lines: string[] = [];
  const kind = result.category && result.risk !== 'low' ? ` — looks like ${CATEGORY_LABELS[result.category].en}` : '';
  lines.push(`${input}: ${RISK_LABELS[result.risk].en.toUpperCase()} (score ${result.score})${kind}`);
  lines.push(`  ${result.explanation.en}`);
  const shown = result.decisive.length > 0 ? result.decisive : result.findings.filter((f) => !f.negated);
  if (shown.length > 0) lines.push('  Matched:');
  for (const finding of shown.slice(0, MAX_SNIPPETS)) {
    const rule = ruleSet.ruleById.get(finding.rule)!;
    const context = snippet(text, finding.start, finding.end);
    const canonical = finding.text.toLowerCase() === finding.term.toLowerCase() ? '' : ` → ${finding.term}`;
    lines.push(`    - ${rule.label.en}: "${finding.text}"${canonical}  …${context}…`);
  }
  if (shown.length > MAX_SNIPPETS) lines.push(`    (${shown.length - MAX_SNIPPETS} more)`);
  const sources = new Map<string, Source>();
  for (const finding of shown) for (const source of sourcesOf(ruleSet, finding.rule)) sources.set(source.id, source);
  if (sources.size > 0 && result.risk !== 'none') {
    lines.push('  Sourced cases:');
    for (const s of sources.values()) lines.push(`    - ${s.title} (${s.publisher}, ${s.date}) ${s.url}`);
  }
  return lines.join('\n');
}

function snippet(text: string, start: number, end: number): string {
  return text.slice(Math.max(0, start - 25), Math.min(text.length, end + 25)).replace(/\s+/g, ' ');
}
