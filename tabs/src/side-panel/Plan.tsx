/**
 * The plan: SMART actions (what, who, by when, how we will know, which worry), each with the service's
 * SMART and plain-language checks; the contingency plan; the family network and the offer of a Family
 * Group Conference.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, Field, Input, Select, Textarea } from '@fluentui/react-components';
import type { ChairView, PlanAction, PlanFields, SmartCriterion } from '../types.js';
import { SMART_LABELS } from '../labels.js';
import { formatDate } from '../shell.js';
import type { Commands } from './commands.js';
import { PlainLanguageHints } from './Grid.js';
import { usePanelStyles } from './styles.js';

const EMPTY: PlanFields = { what: '', who: '', byWhen: '', howWeWillKnow: '' };

/** Which field each SMART criterion is about, so its hint shows under that field as it is typed. */
const FIELD_OF: Record<SmartCriterion, keyof PlanFields> = {
  specific: 'what',
  realistic: 'what',
  measurable: 'howWeWillKnow',
  achievable: 'who',
  timely: 'byWhen',
};

/** Today in England, as YYYY-MM-DD (what the SMART check's "timely" compares with). */
const todayInEngland = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

type SmartCheck = typeof import('../../../bot/domain/conference-record/smart.js').checkSmart;

/**
 * The service's own SMART check (one pure module, shared), loaded when a plan form first shows (it
 * brings luxon, which the rest of the panel does not need) and run on the draft as it is typed. The
 * service runs it again on the saved action.
 */
function useSmartCheck(): SmartCheck | undefined {
  const [check, setCheck] = useState<{ fn: SmartCheck }>();
  useEffect(() => {
    let live = true;
    void import('../../../bot/domain/conference-record/smart.js').then((m) => {
      if (live) setCheck({ fn: m.checkSmart });
    });
    return () => {
      live = false;
    };
  }, []);
  return check?.fn;
}

/** Hints for the fields already filled in, each under the field it is about. */
function draftHints(
  check: SmartCheck | undefined,
  f: PlanFields,
  today: string,
): Partial<Record<keyof PlanFields, string>> {
  const hints: Partial<Record<keyof PlanFields, string>> = {};
  for (const finding of check?.(f, today) ?? []) {
    const field = FIELD_OF[finding.criterion];
    if (!finding.ok && f[field]?.trim() && !hints[field]) hints[field] = finding.hint;
  }
  return hints;
}

function ActionForm({
  view,
  initial,
  commands,
  onSave,
  onCancel,
  submitLabel,
}: {
  view: ChairView;
  initial: PlanFields;
  commands: Commands;
  onSave: (f: PlanFields) => Promise<boolean>;
  onCancel?: () => void;
  submitLabel: string;
}) {
  const styles = usePanelStyles();
  const [f, setF] = useState<PlanFields>(initial);
  const today = todayInEngland();
  const hints = draftHints(useSmartCheck(), f, today);
  const set = (k: keyof PlanFields) => (_: unknown, d: { value: string }) => setF({ ...f, [k]: d.value });
  // A refusal from the service is an error; a SMART hint while typing is advice (a warning).
  const feedback = (k: keyof PlanFields) => {
    const problem = commands.fieldErrors[k];
    const hint = hints[k];
    return {
      validationMessage: problem ?? hint,
      validationState: problem ? ('error' as const) : hint ? ('warning' as const) : ('none' as const),
    };
  };
  const worries = view.grid.filter((g) => g.column === 'worries' || g.column === 'danger-statement');
  const complete = f.what.trim() && f.who.trim() && f.byWhen && f.howWeWillKnow.trim();
  const submit = async () => {
    const fields: PlanFields = {
      what: f.what.trim(),
      who: f.who.trim(),
      byWhen: f.byWhen,
      howWeWillKnow: f.howWeWillKnow.trim(),
      ...(f.worryItemId ? { worryItemId: f.worryItemId } : {}),
    };
    if (await onSave(fields)) setF(initial);
  };
  return (
    <div className={styles.stack}>
      <Field label="What will be done" required {...feedback('what')}>
        <Textarea value={f.what} maxLength={500} onChange={set('what')} />
      </Field>
      <Field label="Who will do it" required {...feedback('who')}>
        <Input value={f.who} maxLength={200} onChange={set('who')} />
      </Field>
      <Field label="By when" required {...feedback('byWhen')}>
        <Input type="date" value={f.byWhen} min={today} onChange={set('byWhen')} />
      </Field>
      <Field label="How we will know it has happened" required {...feedback('howWeWillKnow')}>
        <Textarea value={f.howWeWillKnow} maxLength={500} onChange={set('howWeWillKnow')} />
      </Field>
      <Field label="Which worry it answers">
        <Select
          value={f.worryItemId ?? ''}
          onChange={(_, d) => setF({ ...f, worryItemId: d.value || undefined })}
        >
          <option value="">Not linked to one worry</option>
          {worries.map((w) => (
            <option key={w.id} value={w.id}>
              {w.text.length > 60 ? `${w.text.slice(0, 60)}…` : w.text}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={commands.busy || !complete} onClick={() => void submit()}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </div>
  );
}

function Action({ view, action, commands }: { view: ChairView; action: PlanAction; commands: Commands }) {
  const styles = usePanelStyles();
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className={styles.card}>
        <ActionForm
          view={view}
          initial={action}
          commands={commands}
          submitLabel="Save the action"
          onCancel={() => setEditing(false)}
          onSave={async (f) => {
            const ok = await commands.run(
              { type: 'plan.edit', actionId: action.id, ...f },
              { guarded: true },
            );
            if (ok) setEditing(false);
            return ok;
          }}
        />
      </li>
    );
  const needsWork = action.smart.filter((s) => !s.ok);
  return (
    <li className={styles.card}>
      <p className={styles.userText}>
        <strong>{action.what}</strong>
      </p>
      {action.restricted && (
        <Badge appearance="tint" color="warning">
          Restricted
        </Badge>
      )}
      <p className={styles.userText}>
        {action.who}, by {formatDate(action.byWhen)}
      </p>
      <p className={styles.userText}>We will know because: {action.howWeWillKnow}</p>
      {needsWork.length === 0 ? (
        <p className={`${styles.hint} ${styles.ok}`}>
          ✓ Specific, measurable, achievable, realistic and timely.
        </p>
      ) : (
        <ul className={styles.hint} aria-label="To make it SMART">
          {needsWork.map((s) => (
            <li key={s.criterion}>
              {SMART_LABELS[s.criterion]}: {s.hint}
            </li>
          ))}
        </ul>
      )}
      <PlainLanguageHints hints={action.plainLanguage} />
      <div className={styles.row}>
        <Button size="small" onClick={() => setEditing(true)}>
          Edit
        </Button>
        <Button
          size="small"
          appearance="subtle"
          disabled={commands.busy}
          onClick={() => void commands.run({ type: 'plan.remove', actionId: action.id }, { guarded: true })}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

export function Plan({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const [contingency, setContingency] = useState(view.plan.contingency);
  const [network, setNetwork] = useState(view.plan.network);
  const [fgc, setFgc] = useState(view.plan.familyGroupConferenceOffered);
  return (
    <div className={styles.stack}>
      <ul className={styles.list} aria-label="Plan actions">
        {view.plan.actions.map((a) => (
          <Action key={a.id} view={view} action={a} commands={commands} />
        ))}
      </ul>
      <h3 className={styles.heading}>Add an action</h3>
      <ActionForm
        view={view}
        initial={EMPTY}
        commands={commands}
        submitLabel="Add the action"
        onSave={(f) => commands.run({ type: 'plan.add', ...f })}
      />
      <h3 className={styles.heading}>If the plan is not working</h3>
      <Field label="Contingency plan" validationMessage={commands.fieldErrors.text}>
        <Textarea value={contingency} maxLength={2000} onChange={(_, d) => setContingency(d.value)} />
      </Field>
      <Button
        disabled={commands.busy || contingency.trim() === view.plan.contingency}
        onClick={() => void commands.run({ type: 'plan.contingency', text: contingency.trim() })}
      >
        Save the contingency plan
      </Button>
      <h3 className={styles.heading}>Family network</h3>
      <Field label="Who in the family and friends will help, and how">
        <Textarea value={network} maxLength={2000} onChange={(_, d) => setNetwork(d.value)} />
      </Field>
      <Checkbox
        label="A Family Group Conference has been offered"
        checked={fgc}
        onChange={(_, d) => setFgc(d.checked === true)}
      />
      <Button
        disabled={
          commands.busy ||
          (network.trim() === view.plan.network && fgc === view.plan.familyGroupConferenceOffered)
        }
        onClick={() =>
          void commands.run({ type: 'plan.network', text: network.trim(), familyGroupConferenceOffered: fgc })
        }
      >
        Save the family network
      </Button>
    </div>
  );
}
