import { RteClient } from 'enreach-rte';
import { RteProvider } from 'enreach-rte/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { clientOptions, loadConfig } from './config.ts';
import { Wallboard } from './Wallboard.tsx';

const root = createRoot(document.getElementById('root')!);
try {
  const config = await loadConfig(new URL(location.href));
  // One client for the page: the provider neither connects nor disconnects it.
  const rte = new RteClient(clientOptions(config));
  void rte.connect().catch(() => undefined);
  addEventListener('pagehide', () => void rte.disconnect());
  root.render(
    <StrictMode>
      <RteProvider client={rte}>
        <Wallboard config={config} />
      </RteProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p className="setup">The board could not start: {(error as Error).message}</p>);
}
