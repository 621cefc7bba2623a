/**
 * How a report draft goes from the popup to the review page without its text in any URL:
 * the popup keeps it in session storage (in memory, this browser only, gone when it closes)
 * under a random id, and opens report.html?draft=ID, which reads it back.
 */
import { storedItem } from '../shared/stored-item';
import type { ReportDraft } from '../shared/report-draft';

const draftItem = (id: string) => storedItem<ReportDraft | null>(`session:reportDraft:${id}`, null);

/** Keeps the draft and returns the review page's address (extension-relative). */
export async function saveReportDraft(draft: ReportDraft): Promise<`/report.html?draft=${string}`> {
  const id = crypto.randomUUID();
  await draftItem(id).setValue(draft);
  return `/report.html?draft=${id}`;
}

/** The draft the review page was opened for (its ?draft=ID), or null when there is none (any more). */
export async function loadReportDraft(search: string): Promise<ReportDraft | null> {
  const id = new URLSearchParams(search).get('draft');
  return id && /^[0-9a-f-]{36}$/.test(id) ? draftItem(id).getValue() : null;
}
