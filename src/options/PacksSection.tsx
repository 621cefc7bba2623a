/**
 * The options page's rule packs: every pack in use with its state, subscriptions waiting for a
 * first download, and the forms to subscribe to a signed pack or import one from a file. What
 * is added is checked by the background before it is used; an error says what to do.
 */
import { useState } from 'preact/hooks';
import type { Lang, Translate } from '../shared/i18n';
import type { PacksOverview } from '../packs/overview';
import { formatTime, PackCard } from './PackCard';
import { type RunCommand, useCommand } from './use-command';

export function PacksSection({ overview, lang, t, run }: { overview: PacksOverview; lang: Lang; t: Translate; run: RunCommand }) {
  return (
    <section class="packs">
      <h2>{t('rulePacksTitle')}</h2>
      <ul class="pack-list">
        {overview.packs.map((pack) => (
          <PackCard key={pack.id} pack={pack} lang={lang} t={t} run={run} />
        ))}
      </ul>
      {overview.pending.map((pending) => (
        <PendingSubscription key={pending.url} pending={pending} lang={lang} t={t} run={run} />
      ))}
      {overview.userPacksAllowed ? (
        <>
          <AddSubscription t={t} run={run} />
          <ImportPack t={t} run={run} />
        </>
      ) : (
        <p class="meta">{t('userPacksForbidden')}</p>
      )}
    </section>
  );
}

function PendingSubscription({ pending, lang, t, run }: { pending: PacksOverview['pending'][number]; lang: Lang; t: Translate; run: RunCommand }) {
  const command = useCommand(run, t);
  return (
    <div class="pack off">
      <p>{t('packPendingTitle', pending.url)}</p>
      {pending.status.error && <p class="error">{t('packStatusError', formatTime(lang, pending.status.error.at), pending.status.error.message)}</p>}
      <div class="row">
        <button type="button" disabled={command.busy} onClick={() => command.send({ type: 'update-pack', url: pending.url })}>
          {command.busy ? t('packUpdating') : t('packUpdateNow')}
        </button>
        {pending.origin === 'subscribed' && (
          <button type="button" onClick={() => command.send({ type: 'unsubscribe', url: pending.url })}>
            {t('packRemove')}
          </button>
        )}
      </div>
      {command.feedback}
    </div>
  );
}

function AddSubscription({ t, run }: { t: Translate; run: RunCommand }) {
  const [url, setUrl] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const command = useCommand(run, t);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await command.send({ type: 'subscribe', url, publicKey }, t('subscribed'))) {
      setUrl('');
      setPublicKey('');
    }
  };
  return (
    <form class="add-pack" onSubmit={submit}>
      <h3>{t('addSubscriptionTitle')}</h3>
      <p class="meta">{t('addSubscriptionHelp')}</p>
      <label>
        {t('subscriptionUrl')}
        <input name="pack-url" type="url" required spellcheck={false} autoComplete="off" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {t('subscriptionKey')}
        <input name="pack-key" required spellcheck={false} autoComplete="off" value={publicKey} onInput={(e) => setPublicKey((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" disabled={command.busy}>
        {command.busy ? t('subscribing') : t('subscribe')}
      </button>
      {command.feedback}
    </form>
  );
}

function ImportPack({ t, run }: { t: Translate; run: RunCommand }) {
  const command = useCommand(run, t);
  const choose = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await command.send({ type: 'import-pack', text: await file.text(), fileName: file.name }, t('imported'));
    input.value = '';
  };
  return (
    <div class="add-pack">
      <h3>{t('importTitle')}</h3>
      <p class="meta">{t('importHelp')}</p>
      <input name="pack-file" type="file" accept=".json,application/json" aria-label={t('importTitle')} disabled={command.busy} onChange={choose} />
      {command.feedback}
    </div>
  );
}
