/** Safety scaling: my own score (private), the distribution (no names), and sharing it to the stage. */
import { useState } from 'react';
import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import type { ChairView } from '../types.js';
import { Distribution } from '../distribution.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';
import { LiveSwitch } from './Toggles.js';

export function GiveScore({
  mine,
  commands,
}: {
  mine?: { score: number; reason: string };
  commands: Commands;
}) {
  const styles = usePanelStyles();
  const [score, setScore] = useState(String(mine?.score ?? 5));
  const [reason, setReason] = useState(mine?.reason ?? '');
  return (
    <div className={styles.stack}>
      <Field label="How safe is the child, from 0 (not safe at all) to 10 (totally safe)?">
        <Select value={score} onChange={(_, d) => setScore(d.value)}>
          {Array.from({ length: 11 }, (_, i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Why this score?" required validationMessage={commands.fieldErrors.reason}>
        <Textarea value={reason} maxLength={1000} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button
        appearance="primary"
        disabled={commands.busy || !reason.trim()}
        onClick={() =>
          void commands.run({ type: 'scaling.give', score: Number(score), reason: reason.trim() })
        }
      >
        {mine ? 'Change my score' : 'Give my score'}
      </Button>
      {mine && (
        <p className={styles.hint}>Your score: {mine.score}. Only the chair sees who gave which score.</p>
      )}
    </div>
  );
}

export function Scaling({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const nameOf = (id: string) => view.people.find((p) => p.id === id)?.name ?? 'someone';
  return (
    <div className={styles.stack}>
      <GiveScore mine={view.scaling.mine} commands={commands} />
      <Distribution distribution={view.scaling.distribution} count={view.scaling.count} height={60} />
      <LiveSwitch
        label="Show the scores on the stage, without names"
        checked={view.scaling.shared}
        onToggle={(shared) => commands.run({ type: 'scaling.share', shared })}
      />
      {view.scaling.entries.length > 0 && (
        <details>
          <summary>Scores with reasons (for you only)</summary>
          <ul className={styles.list}>
            {view.scaling.entries.map((e) => (
              <li key={e.personId}>
                <strong>
                  {nameOf(e.personId)}: {e.score}
                </strong>
                <p className={styles.userText}>{e.reason}</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
