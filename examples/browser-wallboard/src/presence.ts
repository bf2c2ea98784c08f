import { isOpenEnded, parseRteTime, type UserAvailability, type UserStatus } from 'enreach-rte';
import { formatClock, formatDuration } from './format.ts';

/** What an agent tile shows. */
export interface Presence {
  readonly tone: 'free' | 'call' | 'wrapup' | 'away' | 'off' | 'unknown';
  readonly label: string;
  readonly detail: string;
}

const AVAILABILITY: Readonly<Record<string, { label: string; tone: Presence['tone'] }>> = {
  Available: { label: 'Available', tone: 'free' },
  Busy: { label: 'Busy', tone: 'away' },
  DoNotDisturb: { label: 'Do not disturb', tone: 'away' },
  BRB: { label: 'Be right back', tone: 'away' },
  Away: { label: 'Away', tone: 'away' },
  OffWork: { label: 'Off work', tone: 'off' },
};

function until(availability: UserAvailability | undefined): string {
  const end = parseRteTime(availability?.endTime);
  return end === null || isOpenEnded(end) ? '' : `until ${formatClock(end)}`;
}

function joined(...parts: (string | null | undefined)[]): string {
  return parts.filter((part) => typeof part === 'string' && part.length > 0).join(' · ');
}

/**
 * An agent's state for the board, from their latest `UserStatus` (calls, wrap-up, allocation) and
 * `UserAvailability` (the availability profile, its note and end time).
 *
 * @example
 * ```ts
 * import { agentPresence } from './presence.ts';
 *
 * rte.on('UserStatus', (status) => {
 *   const presence = agentPresence(status, undefined, Date.now(), (queueId) => queueNames.get(queueId));
 *   console.log(presence.label); // e.g. 'On call'
 * });
 * ```
 */
export function agentPresence(
  status: UserStatus | undefined,
  availability: UserAvailability | undefined,
  now: number,
  queueName: (queueId: string) => string | undefined,
): Presence {
  if (!status && !availability) return { tone: 'unknown', label: 'No data yet', detail: '' };
  if (status?.talking) {
    const since = parseRteTime(status.talkingStatusChanged);
    const where = status.activeQueueId ? (queueName(status.activeQueueId) ?? 'Queue call') : 'Direct call';
    return {
      tone: 'call',
      label: 'On call',
      detail: joined(where, since ? formatDuration((now - since.getTime()) / 1000) : undefined),
    };
  }
  if (status?.wrapUpEnd) {
    const end = parseRteTime(status.wrapUpEnd);
    const left = end ? Math.ceil((end.getTime() - now) / 1000) : 0;
    return { tone: 'wrapup', label: 'Wrap-up', detail: left > 0 ? `${formatDuration(left)} left` : '' };
  }
  const code = availability?.availability ?? status?.availabilityStatus ?? undefined;
  const note = availability?.note ?? status?.note;
  if (status?.canBeAllocatedTo) return { tone: 'free', label: 'Free', detail: joined(note) };
  if (code && code !== 'Available') {
    const known = AVAILABILITY[code] ?? { label: code, tone: 'away' as const };
    return { tone: known.tone, label: known.label, detail: joined(note, until(availability)) };
  }
  if (status && !status.serving) return { tone: 'off', label: 'Not serving', detail: joined(note) };
  return { tone: 'away', label: 'Not allocatable', detail: joined(note) };
}
