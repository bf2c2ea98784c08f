import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../src/emulator/index.ts';
import { onCleanup } from './cleanup.ts';

/** The password the stand-in password exchange accepts for the emulator's demo user. */
export const DEMO_PASSWORD = 'demo-password';

/**
 * Stand-ins for the Enreach services the emulator does not play: the discovery service
 * (`GET /api/user?user=`) and the password exchange (`POST /authuser/{email}/`), both answering for
 * the emulator's default user. Closed after the test.
 */
export async function stubCloud(emu: Emulator): Promise<string> {
  const { email, secretKey, userId } = emu.credentials;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (request.method === 'GET' && url.pathname === '/api/user') {
        // The live service answers the API URL without a trailing slash at times.
        send(
          200,
          url.searchParams.get('user') === email ? [{ apiEndpoint: emu.apiUrl.replace(/\/$/, '') }] : [],
        );
      } else if (request.method === 'POST' && url.pathname === `/authuser/${encodeURIComponent(email)}/`) {
        const login = JSON.parse(body || '{}') as { UserName?: string; Password?: string };
        if (login.UserName === email && login.Password === DEMO_PASSWORD)
          send(200, { SecretKey: secretKey, UserID: userId });
        else send(401, { Message: 'Authorization has been denied for this request.' });
      } else {
        send(404, { Message: 'Not Found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
