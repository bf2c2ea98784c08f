import {
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { RteBridgeError } from './errors.ts';
import type { ResolvedBridgeOptions } from './options.ts';

const NS_PER_MS = 1_000_000;
const STREAM_NOT_FOUND = 10059;

/** What is wrong with an existing stream, one line per problem (empty: compatible). */
export function incompatibilities(config: Partial<StreamConfig>, wanted: ResolvedBridgeOptions): string[] {
  const problems: string[] = [];
  const subject = `${wanted.prefix}.>`;
  const subjects = config.subjects ?? [];
  if (!subjects.includes(subject) && !subjects.includes('>'))
    problems.push(`its subjects ${JSON.stringify(subjects)} do not include "${subject}"`);
  if (config.storage !== StorageType.File) problems.push(`its storage is "${config.storage}", not "file"`);
  if (config.retention !== wanted.stream.retention)
    problems.push(`its retention is "${config.retention}", not "${wanted.stream.retention}"`);
  const windowMs = (config.duplicate_window ?? 0) / NS_PER_MS;
  if (windowMs < wanted.stream.duplicateWindowMs)
    problems.push(`its duplicate window is ${windowMs} ms, less than ${wanted.stream.duplicateWindowMs} ms`);
  return problems;
}

function incompatible(name: string, problems: string[]): RteBridgeError {
  return new RteBridgeError(
    'STREAM_INCOMPATIBLE',
    `JetStream stream "${name}" exists but ${problems.join('; ')}. The bridge never changes an existing stream: fix or delete it, or choose another --stream`,
  );
}

/** Creates the stream when absent; checks an existing one and throws `STREAM_INCOMPATIBLE` when it does not fit. */
export async function ensureStream(
  jsm: JetStreamManager,
  options: ResolvedBridgeOptions,
): Promise<StreamInfo> {
  const { name } = options.stream;
  let info: StreamInfo | undefined;
  try {
    info = await jsm.streams.info(name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NOT_FOUND) throw error;
  }
  if (info) {
    const problems = incompatibilities(info.config, options);
    if (problems.length > 0) throw incompatible(name, problems);
    return info;
  }
  const { stream } = options;
  const config: Partial<StreamConfig> & { name: string } = {
    name,
    subjects: [`${options.prefix}.>`],
    storage: StorageType.File,
    retention:
      RetentionPolicy[
        stream.retention === 'limits' ? 'Limits' : stream.retention === 'interest' ? 'Interest' : 'Workqueue'
      ],
    duplicate_window: stream.duplicateWindowMs * NS_PER_MS,
    max_age: stream.maxAgeMs * NS_PER_MS,
    max_bytes: stream.maxBytes,
    max_msgs: stream.maxMsgs,
    num_replicas: stream.replicas,
  };
  try {
    return await jsm.streams.add(config);
  } catch (error) {
    if (error instanceof JetStreamApiError) {
      // Another bridge created it a moment ago: check that one instead.
      const existing = await jsm.streams.info(name).catch(() => undefined);
      if (existing) {
        const problems = incompatibilities(existing.config, options);
        if (problems.length > 0) throw incompatible(name, problems);
        return existing;
      }
      throw new RteBridgeError(
        'STREAM_INCOMPATIBLE',
        `JetStream refused to create stream "${name}" for "${options.prefix}.>": ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}
