// How fast the emulator pushes MessageReceived events to raw @microsoft/signalr clients.
// Run: node_modules/.bin/node bench/emulator.bench.ts   (a few seconds, stops by itself)
//
// The clients live in the same process, so "delivered/s" is end to end: the emulator serialising
// and writing each frame plus every client parsing it. "publish() cost" is the emulator's own
// share: the synchronous time spent inside publish() per event.
import { HttpTransportType, type HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { startEmulator } from '../src/emulator/index.ts';

const QUEUE_ID = 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3';
const DURATION_MS = 2000;
const BATCH = 50;
// Deliveries allowed in flight: keeps the run measuring delivery rather than buffer growth.
const MAX_IN_FLIGHT = 5000;

const payload = {
  QueueId: QUEUE_ID,
  QueueName: 'Sales',
  OrganizationId: '29f6e823-b484-e611-80c9-00505689257e',
  NbrOfProviders: 5,
  NbrOfServingAgentsEstimate: 3,
  NbrOfAllocated: 1,
  NbrOfConnected: 2,
  NbrOfQueuingCalls: 4,
  MaxWaitTime: 37,
  NbrOfRequested: 0,
  NbrOfAgentsLongTermAway: 1,
  NbrOfAgentsShortTermAway: 0,
  NbrOfAgentsImmediatelyFree: 2,
  NbrOfAgentsCurrentlyFree: 2,
  NbrOfAgentsOnWrapUp: 1,
  NbrOfAgentsOnFetchMode: 0,
  MessageTTLSeconds: 60,
};

async function measure(connections: number): Promise<void> {
  const emu = await startEmulator();
  const token = emu.issueToken();
  let received = 0;
  const hubs: HubConnection[] = [];
  for (let i = 0; i < connections; i++) {
    const hub = new HubConnectionBuilder()
      .withUrl(emu.hubUrl, { accessTokenFactory: () => token, transport: HttpTransportType.WebSockets })
      .configureLogging(LogLevel.None)
      .build();
    hub.on('MessageReceived', () => {
      received++;
    });
    await hub.start();
    await hub.invoke('Subscribe', [{ EntityId: QUEUE_ID, EventName: 'QueueStatus' }]);
    hubs.push(hub);
  }

  let published = 0;
  let publishMs = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    if (published * connections - received <= MAX_IN_FLIGHT) {
      const before = performance.now();
      for (let i = 0; i < BATCH; i++) emu.publish('QueueStatus', QUEUE_ID, payload);
      publishMs += performance.now() - before;
      published += BATCH;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const expected = published * connections;
  const drainLimit = performance.now() + 10_000;
  while (received < expected && performance.now() < drainLimit) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const seconds = (performance.now() - started) / 1000;

  await Promise.all(hubs.map((hub) => hub.stop()));
  await emu.close();

  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `${String(connections).padStart(2)} connection(s): ${format(published / seconds)} events/s published, ` +
      `${format(received / seconds)} deliveries/s received, ` +
      `publish() cost ${((publishMs * 1000) / published).toFixed(1)} µs/event` +
      (received < expected ? ` (${expected - received} not received)` : ''),
  );
}

console.log(`emulator push throughput (${DURATION_MS / 1000} s per run, Node ${process.versions.node})`);
await measure(1);
await measure(50);
