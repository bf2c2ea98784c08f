/** Validation issues: what is wrong with a payload, where, and the value found there. */

/**
 * One problem found in an event message.
 *
 * @example
 * ```ts
 * import type { ValidationIssue } from 'enreach-rte';
 * import { decodeMessage } from 'enreach-rte/events';
 *
 * const { issues } = decodeMessage(message, 'lenient');
 * for (const issue of issues) console.warn(`${issue.eventName} ${issue.path.join('.')}: ${issue.message}`);
 * // UserStatus talking: expected boolean, received string
 * ```
 */
export interface ValidationIssue {
  /** Canonical event name, the name as received for events without a schema, or `''` when none could be found. */
  readonly eventName: string;
  /** Where in `data` (camelCase keys, array indices); empty for the data or message as a whole. */
  readonly path: readonly (string | number)[];
  /** What is wrong, e.g. `expected boolean, received string`. */
  readonly message: string;
  /** The value found at `path` (after key normalisation); `undefined` when it is missing. */
  readonly raw: unknown;
}

// The parts of a zod issue that messages are built from.
interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly errors?: readonly (readonly SchemaIssue[])[];
}

/** Converts zod's issues for `data` (the normalised copy that was validated). */
export function issuesFromSchema(
  eventName: string,
  issues: readonly SchemaIssue[],
  data: unknown,
): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const { value, present } = lookUp(data, path);
    return { eventName, path, message: describe(issue, value, present), raw: value };
  });
}

/** An issue with the message as a whole rather than with a field. */
export function messageIssue(eventName: string, message: string, raw: unknown): ValidationIssue {
  return { eventName, path: [], message, raw };
}

function describe(issue: SchemaIssue, value: unknown, present: boolean): string {
  const expected = expectedOf(issue);
  if (expected === undefined) return issue.message;
  if (!present) return `expected ${expected}, field is missing`;
  return `expected ${expected}, received ${kindOf(value)}`;
}

function expectedOf(issue: SchemaIssue): string | undefined {
  if (issue.code === 'invalid_type') return issue.expected;
  if (issue.code !== 'invalid_union' || !issue.errors) return undefined;
  const options = new Set<string>();
  for (const errors of issue.errors) {
    for (const error of errors) {
      const expected = error.path.length === 0 ? expectedOf(error) : undefined;
      if (expected !== undefined) options.add(expected);
    }
  }
  return options.size > 0 ? [...options].join(' or ') : undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function lookUp(data: unknown, path: readonly (string | number)[]): { value: unknown; present: boolean } {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      return { value: undefined, present: false };
    }
    value = (value as Record<string | number, unknown>)[key];
  }
  return { value, present: true };
}
