import { describe, expect, it } from 'vitest';
import { RteClient } from '../../src/client/rte-client.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { userStatus } from '../fixtures/user-status.ts';
import { onCleanup } from '../support/cleanup.ts';
import { emulator, QUEUE_ID, rteEnv, until } from '../support/emulator-env.ts';
import { allCodeBlocks, kindOf } from '../support/markdown.ts';
import { type Program, runProgram } from '../support/programs.ts';
import { DEMO_PASSWORD, stubCloud } from '../support/stub-cloud.ts';

const programs = allCodeBlocks().filter((block) => kindOf(block) === 'node');

/**
 * How to drive the programs that run until they are stopped (services, listeners): make what they
 * wait for happen, check that they react, then stop them. Every other program must end by itself.
 */
const drives: Record<string, (program: Program, emu: Emulator) => Promise<void>> = {
  'README.md > Quick start': async (program, emu) => {
    const { userId } = emu.credentials;
    await until(() => emu.stats().subscriptions === 1);
    emu.publish('UserStatus', userId, userStatus(userId));
    await program.waitFor(new RegExp(`^${userId} free$`, 'm'));
    emu.dropConnections();
    await program.waitFor(/^reconnected after \d+ ms$/m);
    await program.stop();
  },
  'docs/getting-started.md > Connect to your contact centre': async (program, emu) => {
    const { userId } = emu.credentials;
    await program.waitFor(/^connected, waiting for status changes$/m);
    emu.publish('UserStatus', userId, userStatus(userId));
    await program.waitFor(new RegExp(`^${userId} is free$`, 'm'));
    expect(await program.stop('SIGINT')).toEqual({ code: 0, signal: null });
  },
  'docs/authentication.md > Browsers: tokens from your own server': async (program) => {
    const [, url] = await program.waitFor(/^token endpoint on (http:\/\/\S+)$/m);
    const rte = new RteClient({
      getToken: async () => (await fetch(url!)).json() as Promise<{ endpoint: string; token: string }>,
    });
    onCleanup(() => rte.disconnect());
    await rte.connect();
    expect(rte.state).toBe('connected');
    expect((await fetch(url!.replace('/rte-token', '/elsewhere'))).status).toBe(404);
    await program.stop();
  },
  'docs/browser-and-node.md > Node': async (program, emu) => {
    await program.waitFor(/^watching$/m);
    emu.publish('QueueStatus', QUEUE_ID, {
      QueueName: 'Sales',
      NbrOfQueuingRequesters: 2,
      MessageTTLSeconds: 60,
    });
    await program.waitFor(/^Sales: 2 waiting$/m);
    expect(await program.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  },
};

describe('programs in README.md and docs/', () => {
  it('drives only programs that exist', () => {
    const names = programs.map((block) => block.name);
    for (const name of Object.keys(drives)) expect(names).toContain(name);
  });

  for (const block of programs) {
    it(`runs ${block.name} (line ${block.line}) against the emulator`, async () => {
      const emu = await emulator();
      const cloud = await stubCloud(emu);
      const program = runProgram({
        source: block.code,
        env: {
          ...rteEnv(emu),
          ENREACH_PASSWORD: DEMO_PASSWORD,
          PORT: '0',
          RTE_TEST_FETCH_REDIRECTS: JSON.stringify({
            'https://discover.enreachvoice.com/': cloud,
            [`${emu.apiUrl}authuser/`]: `${cloud}authuser/`,
            // docs/emulator.md drives an emulator on a fixed port from another process.
            'http://127.0.0.1:5080/': emu.apiUrl,
          }),
        },
      });

      const drive = drives[block.name];
      if (drive) await drive(program, emu);
      else expect(await program.exited(), program.stderr).toEqual({ code: 0, signal: null });
      if (block.output !== undefined) expect(program.stdout).toBe(block.output);
    });
  }
});
