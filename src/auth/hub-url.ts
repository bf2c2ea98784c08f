/**
 * Turns the endpoint the token API returns into a URL @microsoft/signalr accepts.
 *
 * The API has returned `wss://rte-x.example.com/rte` and also `rte-x.example.com/rte` with no scheme.
 * The SignalR client only takes http(s) URLs: in Node `withUrl('wss://…')` throws
 * "Cannot resolve 'wss://…'", and in browsers the negotiate POST fails. So `wss:` becomes `https:`,
 * `ws:` becomes `http:`, and a missing scheme takes the API URL's (https when there is none).
 */
export function toHubUrl(endpoint: string, apiUrl?: URL): string {
  const trimmed = endpoint.trim();
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (!match) {
    const scheme = apiUrl?.protocol === 'http:' ? 'http' : 'https';
    return `${scheme}://${trimmed.replace(/^\/+/, '')}`;
  }
  const scheme = match[1]!.toLowerCase();
  const rest = trimmed.slice(match[0].length);
  if (scheme === 'wss' || scheme === 'https') return `https://${rest}`;
  if (scheme === 'ws' || scheme === 'http') return `http://${rest}`;
  throw new TypeError(`Unsupported hub endpoint scheme "${scheme}:"`);
}
