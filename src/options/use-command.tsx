/** Sends a pack command to the background and says how it went, in words a person can act on. */
import { useState } from 'preact/hooks';
import type { Outcome } from '../packs/library';
import type { Translate } from '../shared/i18n';
import type { PackCommand } from '../shared/messages';

export type RunCommand = (command: PackCommand) => Promise<Outcome>;

type Result = { ok: true; message?: string } | { ok: false; error: string };

export function useCommand(run: RunCommand, t?: Translate) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const send = async (command: PackCommand, success?: string): Promise<boolean> => {
    setBusy(true);
    setResult(null);
    try {
      const outcome = await run(command);
      setResult(outcome.ok ? { ok: true, message: success } : { ok: false, error: outcome.error });
      return outcome.ok;
    } catch (error) {
      setResult({ ok: false, error: (error as Error).message });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const feedback =
    result === null ? null : result.ok ? (
      result.message && (
        <p class="ok" role="status">
          {result.message}
        </p>
      )
    ) : (
      <p class="error" role="alert">
        {t ? t('packActionFailed', result.error) : result.error}
      </p>
    );
  return { busy, send, feedback };
}
