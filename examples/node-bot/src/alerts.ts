import type { CallbackChanged, QueueStatus } from 'enreach-rte';

/** Something a person should look at. */
export interface Alert {
  readonly kind: 'callback-created' | 'queue-over-threshold';
  /** One line for people: stdout, chat. */
  readonly text: string;
  /** The call list or queue it is about. */
  readonly entityId: string;
  /** When the event happened, as the service reported it (UTC). */
  readonly at: string;
}

/** A new callback request is worth an alert; updates and closures of existing ones are not. */
export function callbackAlert(callback: CallbackChanged): Alert | undefined {
  if (callback.created !== true || callback.isClosed === true) return undefined;
  const who = callback.contactName
    ? `${callback.contactName} (${callback.contactNumber})`
    : callback.contactNumber;
  const via = callback.channelIn ? ` via ${callback.channelIn}` : '';
  return {
    kind: 'callback-created',
    text: `New callback request from ${who ?? 'an unknown number'}${via}`,
    entityId: callback.callListId ?? callback.entityId,
    at: callback.timestamp,
  };
}

/**
 * Alerts when a queue goes over the threshold, once: `QueueStatus` arrives again and again while the
 * counters move, and a busy queue should not page anyone on every update. The queue must come back
 * to the threshold or below before it can alert again.
 */
export class QueueWatch {
  readonly #threshold: number;
  readonly #over = new Set<string>();

  constructor(threshold: number) {
    this.#threshold = threshold;
  }

  update(queue: QueueStatus): Alert | undefined {
    const id = queue.queueId ?? queue.entityId;
    const waiting = queue.nbrOfQueuingRequesters ?? 0;
    if (waiting <= this.#threshold) {
      this.#over.delete(id);
      return undefined;
    }
    if (this.#over.has(id)) return undefined;
    this.#over.add(id);
    return {
      kind: 'queue-over-threshold',
      text: `Queue ${queue.queueName ?? id} has ${waiting} calls waiting (threshold ${this.#threshold})`,
      entityId: id,
      at: queue.timestamp,
    };
  }
}
