/**
 * A checkbox or switch that moves at once when pressed and settles on what the service answers: the
 * chair sees their tick immediately, and a refused change springs back (with the error shown above).
 */
import { useEffect, useState } from 'react';
import { Checkbox, Switch } from '@fluentui/react-components';

interface ToggleProps {
  label: string;
  /** The value the service holds. */
  checked: boolean;
  /** Sends the change; resolves to false when it was refused. */
  onToggle: (next: boolean) => Promise<boolean>;
  disabled?: boolean;
}

function useOptimistic(checked: boolean, onToggle: ToggleProps['onToggle']) {
  const [shown, setShown] = useState(checked);
  useEffect(() => setShown(checked), [checked]);
  const toggle = (next: boolean) => {
    setShown(next);
    void onToggle(next).then((ok) => {
      if (!ok) setShown(checked);
    });
  };
  return [shown, toggle] as const;
}

export function LiveCheckbox({ label, checked, onToggle, disabled }: ToggleProps) {
  const [shown, toggle] = useOptimistic(checked, onToggle);
  return (
    <Checkbox
      label={label}
      checked={shown}
      disabled={disabled}
      onChange={(_, d) => toggle(d.checked === true)}
    />
  );
}

export function LiveSwitch({ label, checked, onToggle, disabled }: ToggleProps) {
  const [shown, toggle] = useOptimistic(checked, onToggle);
  return <Switch label={label} checked={shown} disabled={disabled} onChange={(_, d) => toggle(d.checked)} />;
}
