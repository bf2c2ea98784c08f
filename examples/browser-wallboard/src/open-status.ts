import { QueueOpenStatus } from 'enreach-rte';

/** How a queue's `openStatus` is shown: a name and whether it reads as open. */
export interface OpenStatusLabel {
  readonly tone: 'open' | 'closed' | 'unknown';
  readonly label: string;
}

const LABELS: ReadonlyMap<number, OpenStatusLabel> = new Map([
  [QueueOpenStatus.Open, { tone: 'open', label: 'Open' }],
  [QueueOpenStatus.OpenUncertain, { tone: 'open', label: 'Open (uncertain)' }],
  [QueueOpenStatus.Closed, { tone: 'closed', label: 'Closed' }],
  [QueueOpenStatus.ClosedUncertain, { tone: 'closed', label: 'Closed (uncertain)' }],
  [QueueOpenStatus.NoActiveHandler, { tone: 'closed', label: 'No active handler' }],
  [QueueOpenStatus.NoActiveHandlerUncertain, { tone: 'closed', label: 'No active handler (uncertain)' }],
  [QueueOpenStatus.NA, { tone: 'unknown', label: 'Open status unknown' }],
]);

/**
 * Names a `QueueStatus.openStatus` value; "uncertain" means a script on some handler may change it.
 *
 * @example
 * ```ts
 * import { QueueOpenStatus } from 'enreach-rte';
 * import { openStatusLabel } from './open-status.ts';
 *
 * console.log(openStatusLabel(QueueOpenStatus.ClosedUncertain).label); // 'Closed (uncertain)'
 * ```
 */
export function openStatusLabel(status: number | undefined): OpenStatusLabel {
  if (status === undefined) return { tone: 'unknown', label: 'Open status unknown' };
  return LABELS.get(status) ?? { tone: 'unknown', label: `Open status ${status}` };
}
