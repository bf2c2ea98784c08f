/**
 * The session file `enreach-rte tail --record` writes and `enreach-rte emulator --replay` serves:
 * JSON Lines, one header line, then one line per `MessageReceived` frame with the time it arrived.
 * Every string that is or holds a secret (a JWT, an `access_token=` URL, an `Authorization` value,
 * or one of the secrets the recorder was given) is replaced before it is written.
 */
import { readFile } from 'node:fs/promises';
import { Redactor } from '../logging/redact.ts';

/**
 * The first line of a session file.
 *
 * @example
 * ```ts
 * import { readRecording, type RecordingHeader } from 'enreach-rte/emulator';
 *
 * const { header }: { header: RecordingHeader } = await readRecording('session.jsonl');
 * console.log(header.startedAt);
 * ```
 */
export interface RecordingHeader {
  /** Marks the file as a recording. */
  readonly kind: 'enreach-rte-recording';
  /** The format version. */
  readonly version: 1;
  /** When recording started (ISO 8601, UTC). */
  readonly startedAt: string;
}

/**
 * One `MessageReceived` frame as recorded.
 *
 * @example
 * ```ts
 * import type { RecordedFrame } from 'enreach-rte/emulator';
 *
 * const frame: RecordedFrame = {
 *   kind: 'frame',
 *   offsetMs: 1250,
 *   receivedAt: '2026-01-01T12:00:01.250Z',
 *   eventName: 'UserStatus',
 *   entityId: 'aa9730c4-ce86-e611-80c9-00505689257e',
 *   data: { talking: true },
 * };
 * ```
 */
export interface RecordedFrame {
  /** Marks the line as a frame. */
  readonly kind: 'frame';
  /** Milliseconds since recording started. */
  readonly offsetMs: number;
  /** When the frame arrived (ISO 8601, UTC). */
  readonly receivedAt: string;
  /** The subscription's event type. */
  readonly eventName: string;
  /** The subscription's entity id. */
  readonly entityId: string;
  /** The event's `data` exactly as it arrived, secrets replaced. */
  readonly data: unknown;
}

/**
 * A session file that cannot be read: not JSON Lines, no recording header, or a line that is not a frame.
 *
 * @example
 * ```ts
 * import { parseRecording, RecordingFormatError } from 'enreach-rte/emulator';
 *
 * try {
 *   parseRecording('not a recording');
 * } catch (error) {
 *   if (error instanceof RecordingFormatError) console.error(error.message); // line 1 is not a JSON object
 * }
 * ```
 */
export class RecordingFormatError extends Error {
  /** Always `RecordingFormatError`. */
  override readonly name = 'RecordingFormatError';
}

/**
 * A parsed session file.
 *
 * @example
 * ```ts
 * import { readRecording, type Recording } from 'enreach-rte/emulator';
 *
 * const recording: Recording = await readRecording('session.jsonl');
 * console.log(recording.header.startedAt, recording.frames.length);
 * ```
 */
export interface Recording {
  /** The first line. */
  readonly header: RecordingHeader;
  /** Every frame, in file order. */
  readonly frames: RecordedFrame[];
}

/** Replaces secrets in every string of a value, keys included. */
function scrub(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, redactor));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, redactor.redact(key), {
        value: scrub(item, redactor),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/**
 * Builds the lines of a session file, secrets replaced; where the lines go is the caller's business.
 *
 * @example
 * ```ts
 * import { appendFileSync, writeFileSync } from 'node:fs';
 * import { RecordingWriter } from 'enreach-rte/emulator';
 *
 * const writer = new RecordingWriter([process.env.ENREACH_SECRET_KEY]);
 * writeFileSync('session.jsonl', `${writer.headerLine()}\n`);
 * rte.on('*', (message) => appendFileSync('session.jsonl', `${writer.frameLine(message.raw as object)}\n`));
 * ```
 */
export class RecordingWriter {
  readonly #redactor = new Redactor();
  readonly #started = performance.now();
  /** The header this writer's file starts with. */
  readonly header: RecordingHeader;

  /** `secrets` are removed wherever they appear (secret keys, bearer tokens, passwords). */
  constructor(secrets: readonly (string | undefined)[] = []) {
    for (const secret of secrets) this.#redactor.add(secret);
    this.header = { kind: 'enreach-rte-recording', version: 1, startedAt: new Date().toISOString() };
  }

  /** The header line, without its newline. */
  headerLine(): string {
    return JSON.stringify(this.header);
  }

  /** The line of a frame received now, without its newline. */
  frameLine(message: { readonly subscription?: unknown; readonly data?: unknown }): string {
    const subscription = (message.subscription ?? {}) as Record<string, unknown>;
    const field = (name: string): string => {
      const entry = Object.entries(subscription).find(([key]) => key.toLowerCase() === name.toLowerCase());
      return typeof entry?.[1] === 'string' ? entry[1] : '';
    };
    const frame: RecordedFrame = {
      kind: 'frame',
      offsetMs: Math.round((performance.now() - this.#started) * 1000) / 1000,
      receivedAt: new Date().toISOString(),
      eventName: this.#redactor.redact(field('eventType')),
      entityId: this.#redactor.redact(field('entityId')),
      data: scrub(message.data ?? null, this.#redactor),
    };
    return JSON.stringify(frame);
  }
}

/**
 * Parses a session file's text; throws {@link RecordingFormatError} naming the first bad line.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseRecording } from 'enreach-rte/emulator';
 *
 * const { frames } = parseRecording(readFileSync('session.jsonl', 'utf8'));
 * console.log(frames.length, frames[0]?.eventName);
 * ```
 */
export function parseRecording(text: string): Recording {
  const lines = text.split('\n').filter((line) => line.trim().length > 0);
  const parse = (line: string, index: number): Record<string, unknown> => {
    try {
      const value = JSON.parse(line) as unknown;
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // Reported below.
    }
    throw new RecordingFormatError(`line ${index + 1} is not a JSON object`);
  };
  const [first, ...rest] = lines;
  if (first === undefined) throw new RecordingFormatError('the recording is empty');
  const header = parse(first, 0);
  if (header.kind !== 'enreach-rte-recording' || header.version !== 1) {
    throw new RecordingFormatError('line 1 is not an enreach-rte recording header (version 1)');
  }
  const frames = rest.map((line, i) => {
    const frame = parse(line, i + 1);
    if (
      frame.kind !== 'frame' ||
      typeof frame.offsetMs !== 'number' ||
      !Number.isFinite(frame.offsetMs) ||
      typeof frame.eventName !== 'string' ||
      typeof frame.entityId !== 'string'
    ) {
      throw new RecordingFormatError(`line ${i + 2} is not a recorded frame`);
    }
    return frame as unknown as RecordedFrame;
  });
  return { header: header as unknown as RecordingHeader, frames };
}

/**
 * Reads and parses a session file written by `enreach-rte tail --record`.
 *
 * @example
 * ```ts
 * import { readRecording } from 'enreach-rte/emulator';
 *
 * const { frames } = await readRecording('session.jsonl');
 * ```
 */
export async function readRecording(path: string): Promise<Recording> {
  return parseRecording(await readFile(path, 'utf8'));
}
