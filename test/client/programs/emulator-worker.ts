// The emulator in a worker thread, so that its heap is not the measured one. Messages:
// { publish: ids } publishes a QueueStatus to each; { stats: true } answers the hub's counters.
import { parentPort } from 'node:worker_threads';
import { startEmulator } from '../../../src/emulator/index.ts';

const emu = await startEmulator();
const port = parentPort!;
port.on(
  'message',
  (message: { id: number; publish?: string[]; token?: true; stats?: true; close?: true }) => {
    if (message.publish) {
      for (const [index, entityId] of message.publish.entries())
        emu.publish('QueueStatus', entityId, {
          NbrOfQueuingRequesters: index,
          Timestamp: new Date().toISOString(),
        });
      port.postMessage({ id: message.id });
    } else if (message.token) port.postMessage({ id: message.id, value: emu.issueToken() });
    else if (message.stats) port.postMessage({ id: message.id, value: emu.stats() });
    else if (message.close) void emu.close().then(() => port.postMessage({ id: message.id }));
  },
);
port.postMessage({ ready: emu.hubUrl });
