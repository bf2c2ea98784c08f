import { describe, expect, it } from 'vitest';
import type { ConnectionOptions, ConnectionStatus, StateChange } from '../../src/connection/connection.ts';
import type { HubLink } from '../../src/connection/hub-link.ts';
import { type HubLinkClass, LazyConnection } from '../../src/connection/lazy-link.ts';
import { isRteError } from '../../src/errors/index.ts';

/** A connection that announces `connecting`, then `connected` when the test says so. */
function fakeConnection(made: FakeLink[]): HubLinkClass {
  return class implements FakeLink {
    readonly options: ConnectionOptions;
    status: ConnectionStatus = { state: 'idle' };
    isOpen = false;
    lastFrameAt = undefined;
    connectionId = undefined;
    waiters: (() => void)[] = [];
    constructor(options: ConnectionOptions) {
      this.options = options;
      made.push(this);
    }
    get state() {
      return this.status.state;
    }
    connect(): Promise<void> {
      if (this.status.state === 'idle') this.#move({ state: 'connecting', attempt: 1, delayMs: 0 });
      return new Promise((resolve) => this.waiters.push(resolve));
    }
    open(): void {
      this.isOpen = true;
      this.#move({ state: 'connected' });
      for (const resolve of this.waiters.splice(0)) resolve();
    }
    async stop(): Promise<void> {
      this.isOpen = false;
      this.#move({ state: 'disconnected', reason: 'disconnect' });
    }
    async invoke<T>(method: string): Promise<T> {
      return method as T;
    }
    #move(next: ConnectionStatus): void {
      const previous = this.status.state;
      this.status = next;
      this.options.hooks.onState({ ...next, previous } as StateChange);
    }
  };
}

interface FakeLink extends HubLink {
  open(): void;
}

function setup(load?: () => Promise<HubLinkClass>) {
  const made: FakeLink[] = [];
  const changes: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const options = {
    hooks: {
      onState: (change: StateChange) => changes.push(`${change.previous}>${change.state}`),
      onMessage: () => undefined,
      onError: () => undefined,
      onConnected: async () => undefined,
    },
  } as unknown as ConnectionOptions;
  const link = new LazyConnection(
    options,
    load ??
      (async () => {
        await gate;
        return fakeConnection(made);
      }),
  );
  return { link, made, changes, release };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a connection loaded on the first connect()', () => {
  it('announces connecting at once, then reports as the connection it loads, without repeating connecting', async () => {
    const { link, made, changes, release } = setup();
    expect(link.state).toBe('idle');
    const connected = link.connect();
    expect(link.status).toEqual({ state: 'connecting', attempt: 1, delayMs: 0 });
    expect(changes).toEqual(['idle>connecting']);
    await expect(link.invoke('AvailableSubscriptions')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    release();
    await tick();
    expect(made).toHaveLength(1);
    made[0]!.open();
    await connected;
    expect(link.state).toBe('connected');
    expect(link.isOpen).toBe(true);
    expect(changes).toEqual(['idle>connecting', 'connecting>connected']);
    expect(await link.invoke('AvailableSubscriptions')).toBe('AvailableSubscriptions');
  });

  it('disconnect() while the code loads announces disconnected and rejects the pending connect()', async () => {
    const { link, made, changes, release } = setup();
    const pending = link.connect().catch((error: unknown) => error);
    await link.stop();
    expect(link.state).toBe('disconnected');
    expect(isRteError(await pending, 'ABORTED')).toBe(true);
    release();
    await tick();
    expect(changes).toEqual(['idle>connecting', 'connecting>disconnected']);
    // A later connect() starts the connection that was loaded meanwhile.
    const again = link.connect();
    await tick();
    made[0]!.open();
    await again;
    expect(changes).toEqual([
      'idle>connecting',
      'connecting>disconnected',
      'disconnected>connecting',
      'connecting>connected',
    ]);
  });

  it('stops trying when the only connect() waiting for the code is aborted, not while another still waits', async () => {
    const { link, made, changes, release } = setup();
    const first = new AbortController();
    const aborted = link.connect(first.signal).catch((error: unknown) => error);
    const other = link.connect();
    first.abort();
    expect(isRteError(await aborted, 'ABORTED')).toBe(true);
    expect(link.state).toBe('connecting');
    release();
    await tick();
    made[0]!.open();
    await other;
    expect(link.state).toBe('connected');

    const lone = setup();
    const controller = new AbortController();
    const alone = lone.link.connect(controller.signal).catch((error: unknown) => error);
    controller.abort();
    expect(isRteError(await alone, 'ABORTED')).toBe(true);
    expect(lone.link.state).toBe('disconnected');
    expect(changes.at(-1)).toBe('connecting>connected');
  });

  it('rejects with a transport error when the code cannot be loaded, and loads it again on the next connect()', async () => {
    const made: FakeLink[] = [];
    let calls = 0;
    const { link } = setup(async () => {
      calls++;
      if (calls === 1) throw new Error('chunk failed');
      return fakeConnection(made);
    });
    const error = await link.connect().catch((e: unknown) => e);
    expect(isRteError(error, 'TRANSPORT')).toBe(true);
    expect((error as Error).message).toContain('chunk failed');
    expect(link.state).toBe('disconnected');
    const again = link.connect();
    await tick();
    made[0]!.open();
    await again;
    expect(calls).toBe(2);
    expect(link.state).toBe('connected');
  });
});
