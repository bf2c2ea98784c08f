import { createHash } from 'node:crypto';

const SUBJECT_TOKEN = /^[A-Za-z0-9_-]+$/;

/** Whether `prefix` is one or more NATS subject tokens without wildcards (`rte`, `acme.rte`). */
export function isValidPrefix(prefix: string): boolean {
  return prefix.split('.').every((token) => SUBJECT_TOKEN.test(token));
}

/** A subject token from any string: lower-case GUIDs stay as they are, anything unusable becomes `_`. */
export function subjectToken(value: string): string {
  const token = value.replace(/[^A-Za-z0-9_-]/g, '_');
  return token.length === 0 ? '_' : token;
}

/** JSON with object keys sorted, so equal payloads serialise identically in every bridge. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`).join(',')}}`;
}

/**
 * The message id of an event: its own `id` when it has one, else a stable hash of name, entity,
 * timestamp and payload, so that every bridge computes the same id for the same event.
 */
export function eventMessageId(name: string, entityId: string, data: Record<string, unknown>): string {
  const id = data.id;
  if (typeof id === 'string' && id.length > 0) return id;
  const timestamp = typeof data.timestamp === 'string' ? data.timestamp : '';
  const digest = createHash('sha256')
    .update(`${name}\n${entityId}\n${timestamp}\n${stableStringify(data)}`)
    .digest('hex');
  return `h-${digest.slice(0, 40)}`;
}
