import { RteClient } from 'enreach-rte';
import { clientOptions } from './client-options.ts';
import { h } from './dom.ts';
import { startWallboard, type WallboardElements } from './wallboard.ts';
import { loadWallboardConfig } from './wallboard-config.ts';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html has no #${id}`);
  return found;
}

const elements: WallboardElements = {
  title: element('title'),
  connection: element('connection'),
  banner: element('banner'),
  queues: element('queues'),
  agents: element('agents'),
  clock: element('clock'),
  footer: element('footer'),
};

try {
  const config = await loadWallboardConfig(new URL(location.href));
  const rte = new RteClient(clientOptions(config.connection));
  const stop = startWallboard(rte, config, elements);
  addEventListener('pagehide', () => {
    stop();
    void rte.disconnect();
  });
} catch (error) {
  elements.connection.dataset.tone = 'down';
  elements.connection.textContent = 'Not configured';
  elements.queues.replaceChildren(
    h(
      'p',
      { class: 'setup' },
      `The board could not start: ${(error as Error).message}. `,
      'Run the emulator with `npm run emulator` (it writes public/config.json), or see README.md for a real silo.',
    ),
  );
}
