import { createWriteStream } from 'node:fs';
import type { RteClient } from '../client/rte-client.ts';
import { RecordingWriter } from '../emulator/recording.ts';

/** A session file being written. */
export interface Recording {
  /** Frames written so far. */
  readonly frames: number;
  /** Stops recording and flushes the file. */
  close(): Promise<void>;
}

/**
 * Writes every `MessageReceived` frame the client receives to `path` (JSON Lines, see
 * `enreach-rte/emulator`'s recording format), each with the time it arrived. The file never holds
 * a token, a secret key, an `Authorization` value or a URL with `access_token`: `secrets` (the
 * credentials in use) and anything token-shaped are replaced before writing.
 */
export async function startRecording(
  rte: RteClient,
  path: string,
  secrets: readonly (string | undefined)[],
): Promise<Recording> {
  const writer = new RecordingWriter(secrets);
  const stream = createWriteStream(path, { flags: 'w', mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  stream.on('error', () => {});
  stream.write(`${writer.headerLine()}\n`);
  let frames = 0;
  const off = rte.on('*', (message) => {
    stream.write(`${writer.frameLine(message.raw as { subscription?: unknown; data?: unknown })}\n`);
    frames++;
  });
  return {
    get frames() {
      return frames;
    },
    close() {
      off();
      return new Promise<void>((resolve) => stream.end(() => resolve()));
    },
  };
}

/** The secrets a recording must never contain: the credentials `tail` connects with. */
export function recordingSecrets(auth: unknown, env: NodeJS.ProcessEnv): (string | undefined)[] {
  const given =
    auth !== null && typeof auth === 'object' ? Object.values(auth as Record<string, unknown>) : [];
  return [
    ...given.filter((value): value is string => typeof value === 'string' && value.includes('@') === false),
    env.ENREACH_SECRET_KEY,
    env.ENREACH_BEARER_TOKEN,
    env.ENREACH_PASSWORD,
  ];
}
