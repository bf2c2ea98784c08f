import { afterEach } from 'vitest';
import type { RteClientEventName, RteClientEvents } from '../../../src/client/event-map.ts';
import { RteClient, type RteClientOptions } from '../../../src/index.ts';
import examples from './fixtures/rte-examples.json' with { type: 'json' };
import type { ContractHub } from './hubs.ts';

/** A user id the demo user may subscribe to. */
export const USER_ID = 'aa9730c4-ce86-e611-80c9-00505689257e';
/** A queue id. */
export const QUEUE_ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
/** A call list id. */
export const CALL_LIST_ID = 'b3c1d2e4-5f60-4718-9a2b-3c4d5e6f7a8b';
/** An entity the tests put on the deny list. */
export const DENIED_ID = 'a1eeb030-ff4b-ea11-ac9c-00155d4fdcf3';

type Payload = Record<string, unknown>;

/** The documented example payloads (PascalCase keys), as published in the reference. */
export const documented = examples as { events: Record<string, Payload>; misc: Record<string, Payload> };

/** A documented example event with some of its fields replaced. */
export function example(eventName: string, overrides: Payload): Payload {
  const base = documented.events[eventName];
  if (base === undefined) throw new Error(`no documented example of ${eventName}`);
  return { ...base, ...overrides };
}

/** A documented helper object (CallbackAttempt, CallbackExtra, …) with some of its fields replaced. */
export function misc(typeName: string, overrides: Payload): Payload {
  const base = documented.misc[typeName];
  if (base === undefined) throw new Error(`no documented example of ${typeName}`);
  return { ...base, ...overrides };
}

/**
 * The camelCase form of a documented payload. Every documented key is an upper-case letter followed
 * by lower-case ones, so .NET's camel-casing policy lowers exactly the first letter.
 */
export function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key.charAt(0).toLowerCase() + key.slice(1), camel(item)]),
  );
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Runs `cleanup` after the current test, last registered first. */
export function afterThisTest(cleanup: () => Promise<unknown> | unknown): void {
  cleanups.push(cleanup);
}

/** An SDK client for the hub's demo user, with quick retries; disconnected after the test. */
export function client(hub: ContractHub, options: Partial<RteClientOptions> = {}): RteClient {
  const rte = new RteClient({
    apiUrl: hub.apiUrl,
    auth: { email: hub.credentials.email, secretKey: hub.credentials.secretKey },
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    ...options,
  });
  afterThisTest(() => rte.disconnect());
  return rte;
}

/** Resolves with the arguments of the next emission of `name` that passes `filter`. */
export function next<N extends RteClientEventName>(
  rte: RteClient,
  name: N,
  filter: (...args: Parameters<RteClientEvents[N]>) => boolean = () => true,
): Promise<Parameters<RteClientEvents[N]>> {
  return new Promise((resolve) => {
    const off = rte.on(name, ((...args: Parameters<RteClientEvents[N]>) => {
      if (!filter(...args)) return;
      off();
      resolve(args);
    }) as RteClientEvents[N]);
  });
}

/** Polls until `check` holds; the test timeout bounds the wait. */
export async function until(check: () => boolean | Promise<boolean>, intervalMs = 20): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}

/** Waits until the hub has forgotten every connection of earlier tests (closing is asynchronous on the server). */
export async function settled(hub: ContractHub): Promise<void> {
  await until(async () => (await hub.control.stats()).connections === 0);
}

/** `Authorization: Basic` for the hub's demo user. */
export function basicAuth(hub: ContractHub): string {
  return `Basic ${Buffer.from(`${hub.credentials.email}:${hub.credentials.secretKey}`).toString('base64')}`;
}

/** A fresh RTE token from the hub's REST endpoint. */
export async function fetchToken(hub: ContractHub): Promise<string> {
  const response = await fetch(`${hub.apiUrl}token/me/rte/`, { headers: { authorization: basicAuth(hub) } });
  if (!response.ok) throw new Error(`token request answered ${response.status}`);
  return ((await response.json()) as { Token: string }).Token;
}
