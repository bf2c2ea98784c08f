// Faults on the client's side of a real loopback WebSocket: hub calls that fail on the hub (their
// arguments are mangled so the hub answers with a completion error and changes nothing), frames from
// the hub rewritten or swallowed (a half-open connection), sockets cut.

import { WebSocket } from 'ws';

const RS = '\u001e';
const messageSetter = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!.set!;

type Frame = Record<string, unknown>;

export interface SocketFaults {
  /** Pass as the client's `WebSocket` option. */
  readonly WebSocket: unknown;
  /** The next `count` invocations of `target` fail on the hub, which keeps its state. */
  failNext(target: string, count?: number): void;
  /** Rewrites every frame from the hub (return undefined to keep it). */
  rewriteIncoming(rewrite: ((frame: Frame) => Frame | undefined) | undefined): void;
  /** Swallows every frame from the hub, pings included: the socket stays open but nothing arrives. */
  blackhole(on: boolean): void;
  /** Closes every open socket from the client side. */
  cut(): void;
  /** Hub method names sent, in wire order. */
  readonly sent: string[];
}

export function socketFaults(): SocketFaults {
  const failing = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  const sent: string[] = [];
  let rewrite: ((frame: Frame) => Frame | undefined) | undefined;
  let swallow = false;

  const outgoing = (data: string): string =>
    data
      .split(RS)
      .map((text) => {
        if (text === '') return text;
        const frame = JSON.parse(text) as Frame;
        if (frame.type !== 1 || typeof frame.target !== 'string') return text;
        sent.push(frame.target);
        const left = failing.get(frame.target) ?? 0;
        if (left <= 0) return text;
        failing.set(frame.target, left - 1);
        // Arguments the hub cannot bind: it answers with an error and applies nothing.
        return JSON.stringify({ ...frame, arguments: [null, null, null] });
      })
      .join(RS);

  const incoming = (data: string): string =>
    rewrite === undefined
      ? data
      : data
          .split(RS)
          .map((text) =>
            text === '' ? text : JSON.stringify(rewrite!(JSON.parse(text) as Frame) ?? JSON.parse(text)),
          )
          .join(RS);

  // @microsoft/signalr uses the ws package in Node (it sends the token as a header).
  class FaultyWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[], options?: WebSocket.ClientOptions) {
      super(url, protocols, options);
      sockets.add(this);
      this.addEventListener('close', () => sockets.delete(this));
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        set: (listener: ((event: { data: unknown }) => void) | null) => {
          messageSetter.call(
            this,
            listener === null
              ? null
              : (event: { data: unknown }) => {
                  if (swallow) return;
                  if (typeof event.data !== 'string' || rewrite === undefined) return listener(event);
                  listener({ data: incoming(event.data) });
                },
          );
        },
      });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      (super.send as (...args: unknown[]) => void)(typeof data === 'string' ? outgoing(data) : data, ...rest);
    }
  }

  return {
    WebSocket: FaultyWebSocket,
    failNext: (target, count = 1) => failing.set(target, (failing.get(target) ?? 0) + count),
    rewriteIncoming: (next) => {
      rewrite = next;
    },
    blackhole: (on) => {
      swallow = on;
    },
    cut: () => {
      for (const socket of sockets) socket.close();
    },
    sent,
  };
}
