/**
 * The SignalR JSON hub protocol as ASP.NET Core speaks it: records terminated by 0x1E, a handshake
 * record first, then hub messages identified by a numeric `type`.
 */

/** Terminates every record on the wire. */
export const RECORD_SEPARATOR = '\x1e';

/** Hub message types of the JSON protocol. */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** The only hub protocol this hub speaks. */
export const PROTOCOL_NAME = 'json';
/** ASP.NET Core's JSON protocol accepts every version up to this one. */
export const MAX_PROTOCOL_VERSION = 2;

/** The ping record, identical for every connection. */
export const PING_FRAME = `{"type":${MessageType.Ping}}${RECORD_SEPARATOR}`;

/** Splits incoming text into complete records; whatever follows the last separator is kept for later. */
export function splitRecords(buffered: string): { records: string[]; rest: string } {
  const records = buffered.split(RECORD_SEPARATOR);
  const rest = records.pop() ?? '';
  return { records, rest };
}

/** The handshake response: `{}` on success, `{"error": …}` otherwise. */
export function handshakeResponse(error?: string): string {
  return error === undefined ? `{}${RECORD_SEPARATOR}` : `${JSON.stringify({ error })}${RECORD_SEPARATOR}`;
}

/** The outcome of reading a handshake request. */
export type HandshakeRequest =
  | { readonly protocol: string; readonly version: number }
  | { readonly invalid: true };

/** Reads a handshake request record; a record that is not one yields `{ invalid: true }`. */
export function parseHandshake(record: string): HandshakeRequest {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return { invalid: true };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { invalid: true };
  const { protocol, version } = value as { protocol?: unknown; version?: unknown };
  if (typeof protocol !== 'string' || typeof version !== 'number' || !Number.isInteger(version)) {
    return { invalid: true };
  }
  return { protocol, version };
}

/** A hub message from a client, after the checks ASP.NET Core's parser makes. */
export type ClientMessage =
  | {
      readonly type: typeof MessageType.Invocation | typeof MessageType.StreamInvocation;
      readonly invocationId: string | undefined;
      readonly target: string;
      readonly arguments: readonly unknown[];
      readonly streamIds: readonly unknown[] | undefined;
    }
  | { readonly type: typeof MessageType.Close }
  | { readonly type: typeof MessageType.Ping }
  | { readonly type: 'ignored' };

/** A record the hub cannot read: the connection is closed with an error. */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

function optionalString(message: Record<string, unknown>, key: string): string | undefined {
  const value = message[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProtocolViolation(`Expected '${key}' to be of type String.`);
  return value;
}

/** Reads one hub message record, enforcing the required properties of each message type. */
export function parseClientMessage(record: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    throw new ProtocolViolation('Error reading JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProtocolViolation('Error reading JSON.');
  }
  const message = value as Record<string, unknown>;
  const type = message.type;
  if (type === undefined) throw new ProtocolViolation("Missing required property 'type'.");
  if (typeof type !== 'number' || !Number.isInteger(type)) {
    throw new ProtocolViolation("Expected 'type' to be of type Number.");
  }
  const invocationId = optionalString(message, 'invocationId');
  const target = optionalString(message, 'target');
  const args = message.arguments;
  if (args !== undefined && !Array.isArray(args)) {
    throw new ProtocolViolation("Expected 'arguments' to be of type Array.");
  }
  const streamIds = message.streamIds;
  if (streamIds !== undefined && streamIds !== null && !Array.isArray(streamIds)) {
    throw new ProtocolViolation("Expected 'streamIds' to be of type Array.");
  }
  switch (type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      if (type === MessageType.StreamInvocation && !invocationId) {
        throw new ProtocolViolation("Missing required property 'invocationId'.");
      }
      if (!target) throw new ProtocolViolation("Missing required property 'target'.");
      if (args === undefined) throw new ProtocolViolation("Missing required property 'arguments'.");
      return {
        type,
        invocationId: invocationId || undefined,
        target,
        arguments: args,
        streamIds: Array.isArray(streamIds) ? streamIds : undefined,
      };
    }
    case MessageType.StreamItem:
    case MessageType.Completion:
    case MessageType.CancelInvocation:
      if (!invocationId) throw new ProtocolViolation("Missing required property 'invocationId'.");
      return { type: 'ignored' };
    case MessageType.Ping:
      return { type: MessageType.Ping };
    case MessageType.Close:
      return { type: MessageType.Close };
    default:
      // Unknown and stateful-reconnect message types are skipped, as ASP.NET Core does.
      return { type: 'ignored' };
  }
}

/** A completion carrying a result. */
export function completionResult(invocationId: string, result: unknown): string {
  return `{"type":${MessageType.Completion},"invocationId":${JSON.stringify(invocationId)},"result":${JSON.stringify(result)}}${RECORD_SEPARATOR}`;
}

/** A completion carrying an error message. */
export function completionError(invocationId: string, error: string): string {
  return `{"type":${MessageType.Completion},"invocationId":${JSON.stringify(invocationId)},"error":${JSON.stringify(error)}}${RECORD_SEPARATOR}`;
}

/** An invocation of a client method, without an invocation id (no answer expected). */
export function invocationFrame(target: string, serialisedArguments: string): string {
  return `{"type":${MessageType.Invocation},"target":${JSON.stringify(target)},"arguments":[${serialisedArguments}]}${RECORD_SEPARATOR}`;
}

/** A Close message; `error` and `allowReconnect` are written only when set, as ASP.NET Core does. */
export function closeFrame(options: {
  readonly error?: string | undefined;
  readonly allowReconnect?: boolean;
}): string {
  let body = `{"type":${MessageType.Close}`;
  if (options.error !== undefined) body += `,"error":${JSON.stringify(options.error)}`;
  if (options.allowReconnect === true) body += ',"allowReconnect":true';
  return `${body}}${RECORD_SEPARATOR}`;
}
