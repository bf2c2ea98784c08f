import type { RteMessage } from '../client/event-map.ts';

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

function short(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}…"` : `"${value}"`;
  return String(value);
}

/** One readable line per event: time, name, entity, then the fields that are set. */
export function formatEvent(message: RteMessage, width = 160): string {
  const time = new Date().toISOString().slice(11, 23);
  const entity = String(
    message.subscription.entityId ?? (message.data as { entityId?: unknown }).entityId ?? '-',
  );
  const fields: string[] = [];
  for (const [key, value] of Object.entries(message.data as Record<string, unknown>)) {
    if (ENVELOPE.has(key) || value === null || value === undefined || typeof value === 'object') continue;
    fields.push(`${key}=${short(value)}`);
  }
  const line = `${time}  ${message.name.padEnd(26)} ${entity.slice(0, 8)}  ${fields.join(' ')}`;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
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
