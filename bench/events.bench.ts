/**
 * decodeMessage throughput per event type, on one core.
 *
 *   node_modules/.bin/node bench/events.bench.ts          (BENCH_MS=400 for steadier figures)
 *
 * Inputs are the reference's example payloads wrapped in `{ subscription, data }` and sent through
 * JSON.parse, as frames arrive: camelCase (the wire form) in 'lenient' mode is the case that
 * matters; PascalCase input and 'off' mode are printed for comparison. Target: UserStatus at
 * 500,000 messages/s or more (2 µs or less each).
 *
 * A client sees every event type through the same code, so the run first warms up on a mixed
 * stream: otherwise the first rows would be measured with V8's inline caches still specialised
 * for one payload shape, which flatters them.
 */
import { createDecoder } from '../src/events/decoder.ts';
import { decodeMessage } from '../src/events/index.ts';
import { camelCaseKeys, type DecodedMessage, type Validation } from '../src/index.ts';
import examples from '../test/events/fixtures/rte-examples.json' with { type: 'json' };
import wireMessage from '../test/events/fixtures/user-status-message.json' with { type: 'json' };

const measureMs = Number(process.env.BENCH_MS ?? 200);
const warmUpMs = Math.max(50, measureMs / 4);
const poolSize = 64;
const targetPerSecond = 500_000;

interface Case {
  readonly label: string;
  readonly camel: unknown;
  readonly pascal: unknown;
}

function subscriptionFor(eventType: string, entityType: string): Record<string, unknown> {
  return {
    id: '81352549-c0be-4d58-bc76-79a29ac92e1d',
    allRootEntities: false,
    rootEntityId: '29f6e823-b484-e611-80c9-00505689257e',
    rootEntityType: 'Organization',
    organizationId: '29f6e823-b484-e611-80c9-00505689257e',
    eventType,
    entityType,
    entityId: 'aa9730c4-ce86-e611-80c9-00505689257e',
    allEntities: false,
  };
}

const cases: Case[] = [
  {
    label: 'UserStatus (reference wire sample)',
    camel: wireMessage,
    pascal: { subscription: wireMessage.subscription, data: examples.events.UserStatus },
  },
  ...Object.entries(examples.events).map(([section, data]) => {
    const subscription = subscriptionFor(data.EventType, data.EntityType);
    return {
      label: section,
      camel: { subscription, data: camelCaseKeys(data) },
      pascal: { subscription, data },
    };
  }),
];

// Fresh JSON.parse copies, like frames off the socket (V8 gives them the same fast object layout).
function pool(message: unknown): unknown[] {
  const text = JSON.stringify(message);
  return Array.from({ length: poolSize }, () => JSON.parse(text));
}

let sink = 0;

function run(messages: unknown[], validation: Validation, iterations: number): void {
  for (let i = 0; i < iterations; i++) {
    const decoded = decodeMessage(messages[i % poolSize], validation);
    sink += decoded.issues.length + (decoded.valid ? 1 : 0);
  }
}

/** Messages per second, warming up first and then measuring in batches for `measureMs`. */
function throughput(message: unknown, validation: Validation): number {
  const messages = pool(message);
  const check = decodeMessage(messages[0], validation);
  if (check.issues.length > 0) throw new Error(`benchmark input has issues: ${JSON.stringify(check.issues)}`);
  for (let start = performance.now(); performance.now() - start < warmUpMs; )
    run(messages, validation, 1_000);
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run(messages, validation, 5_000);
    count += 5_000;
    elapsed = performance.now() - start;
  } while (elapsed < measureMs);
  return (count / elapsed) * 1_000;
}

const format = (perSecond: number) =>
  `${Math.round(perSecond).toLocaleString('en-US').padStart(10)}/s ${(1e9 / perSecond).toFixed(0).padStart(5)} ns`;

const mixed = cases.flatMap((c) => [pool(c.camel), pool(c.pascal)]);
for (let start = performance.now(); performance.now() - start < warmUpMs * 4; ) {
  for (const messages of mixed) {
    run(messages, 'lenient', 50);
    run(messages, 'off', 50);
  }
}

type Decode = (message: unknown) => DecodedMessage;

/**
 * Messages per second over a stream cycling through the 36 documented events, fresh frames each
 * pass: per second of wall time, and per second of this process's CPU time (steadier on a loaded
 * machine, where wall time includes waiting for a core).
 */
function mixedThroughput(form: 'camel' | 'pascal', decode: Decode): { wall: number; cpu: number } {
  const sections = cases.slice(1);
  const per = sections.length;
  const streams = Array.from({ length: 16 }, () => sections.map((c) => JSON.parse(JSON.stringify(c[form]))));
  let count = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 5_000; i++) {
      const decoded = decode(streams[Math.floor(i / per) % streams.length]![i % per]);
      sink += decoded.issues.length;
    }
    count += 5_000;
    elapsed = performance.now() - start;
  } while (elapsed < measureMs * 2);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (count / elapsed) * 1_000, cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

const viaDecodeMessage =
  (validation: Validation): Decode =>
  (message) =>
    decodeMessage(message, validation);
const viaDecoder = (validation: Validation): Decode => {
  const decoder = createDecoder(validation);
  return (message) => decoder.decode(message);
};

const columns = ['camelCase lenient', 'PascalCase lenient', 'camelCase off'];
const width = Math.max(...cases.map((c) => c.label.length));
console.log(`decodeMessage, Node ${process.versions.node}, ${measureMs} ms per cell\n`);
console.log(`${'event'.padEnd(width)}  ${columns.map((c) => c.padEnd(20)).join('  ')}`);
const results = new Map<string, number>();
for (const c of cases) {
  const row = [throughput(c.camel, 'lenient'), throughput(c.pascal, 'lenient'), throughput(c.camel, 'off')];
  results.set(c.label, row[0] as number);
  console.log(`${c.label.padEnd(width)}  ${row.map(format).join('  ')}`);
}

console.log('\nmixed stream of the 36 documented events, cycling, median of 3');
const mixedRows: [string, 'camel' | 'pascal', Decode][] = [
  ['decodeMessage, camelCase, lenient', 'camel', viaDecodeMessage('lenient')],
  ['decodeMessage, PascalCase, lenient', 'pascal', viaDecodeMessage('lenient')],
  ['decodeMessage, PascalCase, strict', 'pascal', viaDecodeMessage('strict')],
  ['per-client decoder, camelCase, strict', 'camel', viaDecoder('strict')],
  ['per-client decoder, camelCase, lenient', 'camel', viaDecoder('lenient')],
  ['per-client decoder, camelCase, off', 'camel', viaDecoder('off')],
  ['per-client decoder, PascalCase, lenient', 'pascal', viaDecoder('lenient')],
  ['per-client decoder, PascalCase, strict', 'pascal', viaDecoder('strict')],
];
const mixedWidth = Math.max(...mixedRows.map(([label]) => label.length));
let pascalMixed = 0;
console.log(`${''.padEnd(mixedWidth)}  ${'per wall second'.padEnd(20)}  per CPU second`);
for (const [label, form, decode] of mixedRows) {
  const runs = [0, 1, 2].map(() => mixedThroughput(form, decode));
  const wall = runs.map((r) => r.wall).sort((a, b) => a - b)[1] ?? 0;
  const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b)[1] ?? 0;
  if (label === 'decodeMessage, PascalCase, lenient') pascalMixed = cpu;
  console.log(`${label.padEnd(mixedWidth)}  ${format(wall)}  ${format(cpu)}`);
}
const mixedTarget = 800_000;
console.log(
  `\nmixed PascalCase stream via decodeMessage, per CPU second: ${format(pascalMixed).trim()} ${pascalMixed >= mixedTarget ? 'meets' : 'MISSES'} the target of ${mixedTarget.toLocaleString('en-US')}/s.`,
);

const userStatus = results.get('UserStatus (reference wire sample)') ?? 0;
const verdict = userStatus >= targetPerSecond ? 'meets' : 'MISSES';
console.log(
  `\nUserStatus wire sample, camelCase lenient: ${format(userStatus).trim()} ${verdict} the target of ${targetPerSecond.toLocaleString('en-US')}/s.`,
);
if (sink < 0) console.log(sink);
