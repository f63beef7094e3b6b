/**
 * The timeliness figures over a period (the service chooses the conferences: those I have a part in, all
 * of them for a manager). Each figure opens onto the conferences behind it, so a number can be followed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Badge, Button, Field, Input, Link, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import type { Figure, OversightReport } from '../types.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: '8px 16px', alignItems: 'flex-end' },
  grid: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: '8px',
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  label: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
  lines: { margin: '6px 0 0', paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

function FigureCard({ figure }: { figure: Figure }) {
  const styles = useStyles();
  return (
    <li className={styles.card} data-figure={figure.key}>
      <h3 className={styles.label}>{figure.label}</h3>
      <p className={styles.number}>{figure.percent === null ? 'Nothing due yet' : `${figure.percent}%`}</p>
      <p>
        {figure.met} of {figure.total}
      </p>
      <p className={styles.hint}>Rule: {figure.rule}</p>
      {figure.conferences.length > 0 && (
        <details>
          <summary className={styles.summary}>
            The {figure.conferences.length} {figure.conferences.length === 1 ? 'conference' : 'conferences'}{' '}
            behind this figure
          </summary>
          <ul className={styles.lines}>
            {figure.conferences.map((c) => (
              <li key={c.conferenceId}>
                <Link href={`/tab/after?conferenceId=${encodeURIComponent(c.conferenceId)}`}>
                  {c.reference}
                </Link>
                : {c.met} of {c.of}
                {c.due ? `, due ${formatDate(c.due, c.due.length > 10)}` : ''}{' '}
                {c.pending && <Badge appearance="tint">Still open</Badge>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function Oversight() {
  const styles = useStyles();
  const { api } = useTab();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [report, setReport] = useState<OversightReport>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (f: string, t: string) => {
      setLoading(true);
      try {
        const r = await api.oversight(f, t);
        setReport(r);
        // The service fills in a period left open (the last year); the pickers show what it used, but
        // never replace a date the person typed while the figures were loading.
        setFrom((typed) => typed || r.from);
        setTo((typed) => typed || r.to);
        setError(undefined);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    void load('', '');
  }, [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(from, to);
  };

  return (
    <section aria-labelledby="oversight">
      <Subtitle2 as="h2" id="oversight">
        Timeliness figures
      </Subtitle2>
      <form className={styles.form} onSubmit={submit}>
        <Field label="From">
          <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} />
        </Field>
        <Button type="submit" disabled={loading}>
          Show the figures
        </Button>
      </form>
      <ErrorBar error={error} />
      <p role="status" aria-live="polite" className={styles.hint}>
        {report && !loading
          ? `Figures for ${formatDate(report.from)} to ${formatDate(report.to)}: ${report.conferences} ${
              report.conferences === 1 ? 'conference' : 'conferences'
            }.`
          : ''}
      </p>
      {loading && !report && <Loading label="Loading the figures" />}
      {report && (
        <ul className={styles.grid} aria-label="Figures">
          {report.figures.map((f) => (
            <FigureCard key={f.key} figure={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
