/**
 * Which reports the popup offers, and to whom: a false alarm goes to the publisher of the pack
 * whose rule found it, a missed lure to the first active pack that takes reports (the bundled
 * core pack is listed first). Where no pack names a place for reports, no button is shown.
 */
import type { PackInfo } from '../engine';
import type { PageReport } from '../shared/report';
import { falseAlarmDraft, missedLureDraft, recipientOf, type ReportDraft } from '../shared/report-draft';
import type { RuleGroup, ShownFinding } from './tab-view';

/** For a rule's findings: how to report one as a false alarm, or undefined when its pack takes no reports. */
export type FalseAlarmReporter = (group: RuleGroup) => ((finding: ShownFinding) => void) | undefined;

export type MissedLureReporter = (message: string, result: PageReport) => void;

export function falseAlarmReporter(packs: readonly PackInfo[], page: string, open: (draft: ReportDraft) => void): FalseAlarmReporter {
  return (group) => {
    const info = group.info;
    const to = recipientOf(packs.find((pack) => pack.id === info?.pack));
    return to && info ? (finding) => open(falseAlarmDraft(to, { id: group.rule, label: info.label }, finding, page)) : undefined;
  };
}

export function missedLureReporter(packs: readonly PackInfo[], open: (draft: ReportDraft) => void): MissedLureReporter | undefined {
  const to = packs.map(recipientOf).find((recipient) => recipient !== undefined);
  return to && ((message, result) => open(missedLureDraft(to, message, result)));
}
