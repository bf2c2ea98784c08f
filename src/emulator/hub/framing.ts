import { decodeRecord } from './json-reader.ts';

const SEPARATOR = 0x1e;

/**
 * Splits the bytes a connection receives into records at each 0x1E, across frame boundaries, and
 * decodes each complete record (see {@link decodeRecord}); a multi-byte character split between two
 * frames is read whole.
 */
export class RecordReader {
  #pending: Buffer = Buffer.alloc(0);

  /** Bytes received after the last separator. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /** The records completed by `chunk`, each with its size in bytes (without the separator). */
  push(chunk: Buffer): { text: string; bytes: number }[] {
    const data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const records: { text: string; bytes: number }[] = [];
    let start = 0;
    for (let end = data.indexOf(SEPARATOR); end >= 0; end = data.indexOf(SEPARATOR, start)) {
      records.push({ text: decodeRecord(data.subarray(start, end)), bytes: end - start });
      start = end + 1;
    }
    this.#pending = start === 0 ? data : Buffer.from(data.subarray(start));
    return records;
  }
}

/** A frame's payload as one Buffer, whatever shape ws delivered it in. */
export function frameBytes(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
