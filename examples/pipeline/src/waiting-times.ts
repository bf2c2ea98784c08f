// Per-queue waiting-time figures from the QueueStatus messages of the stream. No I/O: easy to test.

/** What the bridge puts in a QueueStatus message body (the fields this consumer reads). */
export interface QueueStatusMessage {
  readonly entityId: string;
  readonly data: {
    readonly queueName?: string | null;
    readonly nbrOfQueuingRequesters?: number | null;
    readonly maxWaitTime?: number | null;
  };
}

/** The figures of one queue since the consumer started (or since the stream began, on first run). */
export interface QueueFigures {
  readonly queueId: string;
  name: string;
  updates: number;
  waiting: number;
  peakWaiting: number;
  longestWaitSeconds: number;
  /** Sum of `maxWaitTime` over the updates, for the mean. */
  waitSecondsTotal: number;
}

export class WaitingTimes {
  readonly #queues = new Map<string, QueueFigures>();

  update(message: QueueStatusMessage): QueueFigures {
    const { entityId, data } = message;
    let figures = this.#queues.get(entityId);
    if (!figures) {
      figures = {
        queueId: entityId,
        name: entityId,
        updates: 0,
        waiting: 0,
        peakWaiting: 0,
        longestWaitSeconds: 0,
        waitSecondsTotal: 0,
      };
      this.#queues.set(entityId, figures);
    }
    const waiting = data.nbrOfQueuingRequesters ?? 0;
    const wait = data.maxWaitTime ?? 0;
    if (data.queueName) figures.name = data.queueName;
    figures.updates++;
    figures.waiting = waiting;
    figures.peakWaiting = Math.max(figures.peakWaiting, waiting);
    figures.longestWaitSeconds = Math.max(figures.longestWaitSeconds, wait);
    figures.waitSecondsTotal += wait;
    return figures;
  }

  all(): QueueFigures[] {
    return [...this.#queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** One line per queue: `Support: 2 waiting (peak 5), longest wait 41 s, mean 12.5 s over 30 updates`. */
export function formatFigures(figures: QueueFigures): string {
  const mean = figures.updates === 0 ? 0 : figures.waitSecondsTotal / figures.updates;
  return `${figures.name}: ${figures.waiting} waiting (peak ${figures.peakWaiting}), longest wait ${figures.longestWaitSeconds} s, mean ${mean.toFixed(1)} s over ${figures.updates} updates`;
}
