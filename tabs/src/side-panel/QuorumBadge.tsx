/** Live quorum: a word and an icon as well as a colour, so nobody needs to tell green from red. */
import { Badge } from '@fluentui/react-components';
import type { ChairView } from '../types.js';
import { QUORUM_LABELS } from '../labels.js';

const LOOK = {
  quorate: { color: 'success', icon: '✓' },
  'at-risk': { color: 'warning', icon: '!' },
  inquorate: { color: 'danger', icon: '✕' },
} as const;

export function QuorumBadge({ quorum }: { quorum: ChairView['quorum'] }) {
  const look = LOOK[quorum.state];
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <Badge appearance="filled" color={look.color} icon={<span aria-hidden="true">{look.icon}</span>}>
        {QUORUM_LABELS[quorum.state]}
      </Badge>
      <span>{quorum.sentence}</span>
    </div>
  );
}
