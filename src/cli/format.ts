import type { RteMessage } from '../index.ts';
import type { Paint } from './style.ts';

// Fields every event carries; a one-line summary leaves them out.
const ENVELOPE = new Set([
  'rootEntityType',
  'rootEntityId',
  'organizationId',
  'eventType',
  'entityType',
  'entityId',
  'id',
  'timestamp',
  'messageTTLSeconds',
]);

// What a person watching the stream wants to see first, per event; other set fields follow.
const FIRST: Record<string, readonly string[]> = {
  UserStatus: ['available', 'talking', 'availabilityStatus', 'serving', 'activeQueueId', 'canBeAllocatedTo'],
  UserAvailability: ['availability', 'note', 'endTime', 'userName'],
  QueueStatus: [
    'queueName',
    'nbrOfQueuingRequesters',
    'maxWaitTime',
    'nbrOfAgentsImmediatelyFree',
    'nbrOfConnected',
    'openStatus',
  ],
  CallbackChanged: ['created', 'isClosed', 'contactName', 'contactNumber', 'assignedUserId', 'dueDate'],
  UserCallInComing: ['callerNumber', 'queueName', 'queueId', 'callId'],
  UserCallOutGoing: ['targetNumber', 'callId'],
  UserWrapUpStarted: ['queueId', 'maxWrapUpDurationSec', 'callId'],
  UserWrapUpEnded: ['queueId', 'callId'],
};

/** How {@link formatEvent} lays out a line. */
export interface FormatOptions {
  /** Cut lines to this width (a terminal's); omit to never cut (pipes and files). */
  readonly width?: number | undefined;
  /** Display names by entity id (the emulator's directory knows them). */
  readonly names?: ReadonlyMap<string, string> | undefined;
  /** Colours, or none. */
  readonly paint?: Paint | undefined;
}

function short(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}…"` : `"${value}"`;
  return String(value);
}

/** The entity an event is about: its subscription's id, else the payload's. */
export function entityOf(message: RteMessage): string {
  return String(message.subscription.entityId ?? (message.data as { entityId?: unknown }).entityId ?? '-');
}

/**
 * One readable line per event: time, name, the entity once (with its name when known), then the
 * fields that matter for that event, then the other fields that are set.
 */
export function formatEvent(message: RteMessage, options: FormatOptions = {}): string {
  const paint: Paint = options.paint ?? ((_, text) => text);
  const time = new Date().toISOString().slice(11, 23);
  const entity = entityOf(message);
  const data = message.data as Record<string, unknown>;
  const keys = [...(FIRST[message.name] ?? []).filter((key) => key in data), ...Object.keys(data)];
  const fields: string[] = [];
  for (const key of new Set(keys)) {
    const value = data[key];
    // The entity is shown once, up front; `userId` or `queueId` repeating it is noise.
    if (ENVELOPE.has(key) || value === entity) continue;
    if (value === null || value === undefined || typeof value === 'object') continue;
    // Ids the directory knows (an agent's active queue) read better as names.
    const named = typeof value === 'string' ? options.names?.get(value) : undefined;
    fields.push(`${key}=${short(named ?? value)}`);
  }
  const name = options.names?.get(entity);
  const who = name ? `${name} (${entity.slice(0, 8)})` : entity;
  const plain = `${time}  ${message.name.padEnd(22)} ${who}  ${fields.join(' ')}`;
  const width = options.width;
  const fitted = width !== undefined && plain.length > width ? `${plain.slice(0, width - 1)}…` : plain;
  // Colour after cutting, so escape codes never count towards the width.
  const head = `${time}  ${message.name.padEnd(22)} ${who}`;
  if (fitted.length <= head.length) return fitted;
  return `${paint('dim', time)}  ${paint('cyan', message.name.padEnd(22))} ${paint('bold', who)}${fitted.slice(head.length)}`;
}

/** One JSON line per event, for scripts. */
export function formatEventJson(message: RteMessage): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    event: message.name,
    entityId: message.subscription.entityId ?? null,
    known: message.known,
    issues: message.issues.length > 0 ? message.issues : undefined,
    data: message.data,
  });
}
