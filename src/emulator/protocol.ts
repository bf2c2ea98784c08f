/**
 * The SignalR JSON hub protocol as ASP.NET Core speaks it: records terminated by 0x1E, a handshake
 * record first, then hub messages identified by a numeric `type`.
 */

import {
  InvalidText,
  isObject,
  JsonNumber,
  JsonReaderError,
  type JsonValue,
  readJson,
} from './hub/json-reader.ts';
import { dotnetStringify } from './hub/json-writer.ts';

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
  return error === undefined ? `{}${RECORD_SEPARATOR}` : `${dotnetStringify({ error })}${RECORD_SEPARATOR}`;
}

/** The outcome of reading a handshake request. */
export type HandshakeRequest =
  | { readonly protocol: string; readonly version: number }
  | { readonly invalid: true };

function parseRecord(record: string): JsonValue | undefined {
  try {
    return readJson(record);
  } catch (error) {
    if (error instanceof JsonReaderError) return undefined;
    throw error;
  }
}

/**
 * Reads a handshake request record; a record that is not one yields `{ invalid: true }`. As in
 * ASP.NET Core, `version` must be an Int32 literal: `1.0` is refused.
 */
export function parseHandshake(record: string): HandshakeRequest {
  const value = parseRecord(record);
  if (!isObject(value)) return { invalid: true };
  const { protocol, version } = value;
  if (typeof protocol !== 'string' || !(version instanceof JsonNumber) || !version.isInt32) {
    return { invalid: true };
  }
  return { protocol, version: version.value };
}

/** A hub message from a client, after the checks ASP.NET Core's parser makes. */
export type ClientMessage =
  | {
      readonly type: typeof MessageType.Invocation | typeof MessageType.StreamInvocation;
      readonly invocationId: string | undefined;
      readonly target: string;
      /** The arguments as read, so binding can tell which strings .NET could not read. */
      readonly arguments: readonly JsonValue[];
      readonly streamIds: readonly JsonValue[] | undefined;
    }
  | { readonly type: typeof MessageType.Close }
  | { readonly type: typeof MessageType.Ping }
  | { readonly type: 'ignored' }
  /** A message type this protocol version does not know: ASP.NET Core's parser stops at it for good. */
  | { readonly type: 'unknown' };

/** A record the hub cannot read: the connection is closed with an error. */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

function optionalString(message: { readonly [key: string]: JsonValue }, key: string): string | undefined {
  const value = message[key];
  if (value === undefined || value === null) return undefined;
  if (value instanceof InvalidText) throw new ProtocolViolation(`'${key}' is not valid text.`);
  if (typeof value !== 'string') throw new ProtocolViolation(`Expected '${key}' to be of type String.`);
  return value;
}

/** `headers`, when present, must be an object of strings. */
function checkHeaders(message: { readonly [key: string]: JsonValue }): void {
  if (!('headers' in message)) return;
  const headers = message.headers;
  if (!isObject(headers)) throw new ProtocolViolation("Expected 'headers' to be of type Object.");
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string')
      throw new ProtocolViolation(`Expected header '${name}' to be of type String.`);
  }
}

/** Reads one hub message record, enforcing the required properties of each message type. */
export function parseClientMessage(record: string): ClientMessage {
  const value = parseRecord(record);
  if (value === undefined || !isObject(value)) throw new ProtocolViolation('Error reading JSON.');
  const message = value;
  const type = message.type;
  if (type === undefined) throw new ProtocolViolation("Missing required property 'type'.");
  if (!(type instanceof JsonNumber)) throw new ProtocolViolation("Expected 'type' to be of type Number.");
  // reader.GetInt32(): a fraction, an exponent or a value beyond Int32 is an error, not a type.
  if (!type.isInt32) throw new ProtocolViolation("'type' is not an Int32.");
  checkHeaders(message);
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
  switch (type.value) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      if (type.value === MessageType.StreamInvocation && !invocationId) {
        throw new ProtocolViolation("Missing required property 'invocationId'.");
      }
      if (!target) throw new ProtocolViolation("Missing required property 'target'.");
      if (args === undefined) throw new ProtocolViolation("Missing required property 'arguments'.");
      return {
        type: type.value,
        invocationId: invocationId || undefined,
        target,
        arguments: args as readonly JsonValue[],
        streamIds: Array.isArray(streamIds) ? (streamIds as readonly JsonValue[]) : undefined,
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
    case MessageType.Ack:
    case MessageType.Sequence:
      // Stateful-reconnect messages, meaningless on a connection that did not negotiate it.
      return { type: 'ignored' };
    default:
      return { type: 'unknown' };
  }
}

/** A completion carrying a result. */
export function completionResult(invocationId: string, result: unknown): string {
  return `{"type":${MessageType.Completion},"invocationId":${dotnetStringify(invocationId)},"result":${dotnetStringify(result)}}${RECORD_SEPARATOR}`;
}

/** A completion carrying an error message. */
export function completionError(invocationId: string, error: string): string {
  return `{"type":${MessageType.Completion},"invocationId":${dotnetStringify(invocationId)},"error":${dotnetStringify(error)}}${RECORD_SEPARATOR}`;
}

/** An invocation of a client method, without an invocation id (no answer expected). */
export function invocationFrame(target: string, serialisedArguments: string): string {
  return `{"type":${MessageType.Invocation},"target":${dotnetStringify(target)},"arguments":[${serialisedArguments}]}${RECORD_SEPARATOR}`;
}

/** A Close message; `error` and `allowReconnect` are written only when set, as ASP.NET Core does. */
export function closeFrame(options: {
  readonly error?: string | undefined;
  readonly allowReconnect?: boolean;
}): string {
  let body = `{"type":${MessageType.Close}`;
  if (options.error !== undefined) body += `,"error":${dotnetStringify(options.error)}`;
  if (options.allowReconnect === true) body += ',"allowReconnect":true';
  return `${body}}${RECORD_SEPARATOR}`;
}
