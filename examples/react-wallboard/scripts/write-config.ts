// Reads the JSON line `enreach-rte emulator --simulate` prints on start-up, writes the board's
// public/config.json from it, then keeps reading until the emulator stops:
//   enreach-rte emulator --simulate --port 5080 | node scripts/write-config.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { wallboardConfigFromEmulator } from '../src/config.ts';

const target = new URL('../public/config.json', import.meta.url);
let written = false;
for await (const line of createInterface({ input: process.stdin })) {
  if (written || !line.startsWith('{')) continue;
  const config = wallboardConfigFromEmulator(JSON.parse(line));
  mkdirSync(new URL('.', target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
  written = true;
  process.stdout.write(
    `Emulator at ${config.apiUrl}: wrote public/config.json with ${config.queues.length} queues and ` +
      `${config.agents.length} agents. Start the board with \`npm run dev\`.\n`,
  );
}
if (!written) {
  process.stderr.write('write-config: the emulator printed no start-up line\n');
  process.exitCode = 1;
}
