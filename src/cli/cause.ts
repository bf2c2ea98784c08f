// Why a connection attempt failed, in the words a person at a terminal needs: the system error
// (ECONNREFUSED 127.0.0.1:9, ENOTFOUND, a TLS complaint) or the HTTP status, never a bare "failed".

interface SystemError {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  host?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  status?: unknown;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA']);
const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;

function describeSystemError(error: SystemError): string | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (!code) return undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  const where =
    typeof error.address === 'string'
      ? `${error.address}${error.port !== undefined ? `:${error.port}` : ''}`
      : typeof error.hostname === 'string'
        ? error.hostname
        : typeof error.host === 'string'
          ? error.host
          : undefined;
  if (code === 'ECONNREFUSED') return `connection refused (ECONNREFUSED ${where ?? ''})`.replace(' )', ')');
  if (DNS.has(code)) return `DNS lookup failed (${code}${where ? ` ${where}` : ''})`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return `connection timed out (${code}${where ? ` ${where}` : ''})`;
  if (code === 'ECONNRESET') return `connection reset by the server (ECONNRESET${where ? ` ${where}` : ''})`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `network unreachable (${code}${where ? ` ${where}` : ''})`;
  if (TLS.test(code)) {
    // OpenSSL's "…:error:0A00010B:SSL routines:func:wrong version number:file:line:" → its reason.
    const reason = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(message)?.[1] ?? message;
    return `TLS error: ${reason || code} (${code}${where ? ` ${where}` : ''})`;
  }
  return `${message || code}${message.includes(code) ? '' : ` (${code})`}`;
}

/** The errors behind `error`: its `cause` chain and AggregateError members, outermost first. */
function* chain(error: unknown, depth = 0): Generator<SystemError> {
  if (typeof error !== 'object' || error === null || depth > 8) return;
  const current = error as SystemError;
  yield current;
  if (Array.isArray(current.errors)) for (const inner of current.errors) yield* chain(inner, depth + 1);
  yield* chain(current.cause, depth + 1);
}

/**
 * The innermost useful reason for a failure: a system error code with its address, an HTTP status,
 * or the message of the deepest cause. Undefined when the error says nothing beyond its own message.
 */
export function describeCause(error: unknown): string | undefined {
  for (const link of chain(error)) {
    // An RteError's code (TRANSPORT, …) names the SDK's category, not the system's reason.
    if (
      typeof (link as { name?: unknown }).name === 'string' &&
      String((link as { name: string }).name).startsWith('Rte')
    )
      continue;
    const system = describeSystemError(link);
    if (system) return system;
  }
  let deepest: string | undefined;
  for (const link of chain(error)) {
    if (typeof link.status === 'number') return `HTTP ${link.status}`;
    if (link !== error && typeof link.message === 'string' && link.message) deepest = link.message;
  }
  // fetch's own refusals (`bad port`) and other causes without a system code.
  return deepest;
}

/**
 * A fetch for the SDK's token requests that remembers why the last request failed: the SDK reports
 * a network failure without its cause (the request it would carry holds the credentials), so the
 * CLI keeps the system error itself, with nothing but its code and address.
 */
export function recordingFetch(base: typeof fetch = globalThis.fetch): {
  fetch: typeof fetch;
  lastFailure: () => string | undefined;
  clear: () => void;
} {
  let last: string | undefined;
  const wrapped: typeof fetch = async (input, init) => {
    try {
      const response = await base(input, init);
      last = response.ok
        ? undefined
        : `HTTP ${response.status} from ${new URL(response.url || String(input)).host}`;
      return response;
    } catch (error) {
      if ((error as Error | undefined)?.name !== 'AbortError')
        last = describeCause(error) ?? (error as Error).message;
      throw error;
    }
  };
  return { fetch: wrapped, lastFailure: () => last, clear: () => (last = undefined) };
}
