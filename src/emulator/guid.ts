import { randomUUID } from 'node:crypto';

export { parseGuid } from '../wire/guid.ts';

/** A new random GUID in lower-case `D` format. */
export function newGuid(): string {
  return randomUUID();
}
