import type { RteClientOptions } from 'enreach-rte';
import { backendTokenSource } from './backend-token.ts';
import type { WallboardConnection } from './wallboard-config.ts';

/**
 * The RteClient options for the board's connection settings.
 *
 * @example
 * ```ts
 * import { RteClient } from 'enreach-rte';
 * import { clientOptions } from './client-options.ts';
 *
 * const rte = new RteClient(clientOptions({ kind: 'backend', tokenUrl: '/api/rte-token' }));
 * ```
 */
export function clientOptions(connection: WallboardConnection): RteClientOptions {
  if (connection.kind === 'backend') return { getToken: backendTokenSource(connection.tokenUrl) };
  return { apiUrl: connection.apiUrl, auth: connection.auth };
}
