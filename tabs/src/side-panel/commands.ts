/** Runs the chair's commands and keeps the side panel's view in step with the service's answer. */
import { useCallback, useState } from 'react';
import { ApiError } from '../api.js';
import { errorMessage, useTab } from '../shell.js';
import type { ChairView, Command } from '../types.js';

export interface Commands {
  /** Sends a command; true when the service accepted it. `guarded` sends the version the chair saw. */
  run(command: Command, opts?: { guarded?: boolean }): Promise<boolean>;
  busy: boolean;
  error: string | undefined;
  /** Field problems of the last refused command, by path (e.g. "text", "byWhen"). */
  fieldErrors: Record<string, string>;
  clearError(): void;
}

export function useCommands(
  conferenceId: string,
  view: ChairView | undefined,
  accept: (v: ChairView) => void,
  reload: () => Promise<void>,
): Commands {
  const { api } = useTab();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = useCallback(
    async (command: Command, opts: { guarded?: boolean } = {}) => {
      setBusy(true);
      try {
        const res = await api.command(conferenceId, command, opts.guarded ? view?.version : undefined);
        // Chair roles get the chair view back; anyone else's answer is the stage view, not ours to show.
        if ('people' in res.view) accept(res.view);
        setError(undefined);
        setFieldErrors({});
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
          setError(
            'Someone else changed this a moment ago. The panel now shows their change: check it and try again.',
          );
          await reload();
        } else {
          setError(errorMessage(err));
        }
        const details = err instanceof ApiError ? err.details : [];
        setFieldErrors(Object.fromEntries(details.map((d) => [d.path.replace(/^command\./, ''), d.message])));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, conferenceId, view?.version, accept, reload],
  );

  return { run, busy, error, fieldErrors, clearError: () => setError(undefined) };
}
