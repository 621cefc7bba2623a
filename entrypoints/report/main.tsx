import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadReportDraft } from '../../src/report/draft-store';
import { ReportPage } from '../../src/report/ReportPage';
import { resolveLang } from '../../src/shared/i18n';
import { settingsItem } from '../../src/shared/settings';
import '../../src/popup/popup.css';
import '../../src/report/report.css';

async function main() {
  const [settings, draft] = await Promise.all([settingsItem.getValue(), loadReportDraft(location.search)]);
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render(<ReportPage lang={lang} draft={draft} extensionVersion={browser.runtime.getManifest().version} />, document.getElementById('app')!);
}

void main();
