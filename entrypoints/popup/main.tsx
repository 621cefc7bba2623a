import { render } from 'preact';
import { App } from '../../src/popup/App';
import { consumeSelectionCheck, loadPopupData, popupActions, popupTabId, watchPopupData } from '../../src/popup/connector';
import '../../src/popup/popup.css';

async function main() {
  const root = document.getElementById('app')!;
  const tabId = await popupTabId(location.search);
  const actions = popupActions(tabId, new URLSearchParams(location.search).has('tab'));
  const draw = async () => {
    const data = await loadPopupData(tabId);
    document.documentElement.lang = data.lang === 'zh' ? 'zh-CN' : 'en';
    render(<App data={data} actions={actions} />, root);
  };
  await draw();
  await consumeSelectionCheck();
  watchPopupData(tabId, () => void draw());
}

void main();
