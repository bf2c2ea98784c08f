/**
 * The client a component tree uses, handed down by React context.
 */
import { createContext, createElement, type ReactElement, type ReactNode, useContext } from 'react';
import type { RteReactClient } from './client.ts';

const RteContext = createContext<RteReactClient | null>(null);
RteContext.displayName = 'RteContext';

/**
 * Props of {@link RteProvider}.
 *
 * @example
 * ```ts
 * import type { RteProviderProps } from 'enreach-rte/react';
 * import { RteClient } from 'enreach-rte';
 *
 * const props: RteProviderProps = { client: new RteClient({ getToken: async () => ({ endpoint: '', token: '' }) }) };
 * ```
 */
export interface RteProviderProps {
  /** The client the hooks below use. The provider neither connects nor disconnects it: the app does. */
  readonly client: RteReactClient;
  /** The components that use the client. */
  readonly children?: ReactNode;
}

/**
 * Makes a client available to the hooks of `enreach-rte/react` in the tree below it. Create the
 * client once (outside the component, or in a `useState` initialiser), connect it, and pass it in.
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { RteProvider } from 'enreach-rte/react';
 * import { RteClient } from 'enreach-rte';
 *
 * const rte = new RteClient({ getToken: async () => (await fetch('/rte-token')).json() });
 * void rte.connect();
 * export const App = () => createElement(RteProvider, { client: rte }, createElement(Wallboard));
 * ```
 */
export function RteProvider(props: RteProviderProps): ReactElement {
  return createElement(RteContext.Provider, { value: props.client }, props.children);
}

/**
 * The client of the nearest {@link RteProvider}. Throws when there is none. Name the client's
 * type to get all of it (the provider stores whatever it was given).
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { useRteClient } from 'enreach-rte/react';
 * import type { RteClient } from 'enreach-rte';
 *
 * function ReconnectButton() {
 *   const rte = useRteClient<RteClient>();
 *   return createElement('button', { onClick: () => void rte.connect() }, 'reconnect');
 * }
 * ```
 */
export function useRteClient<C extends RteReactClient = RteReactClient>(): C {
  const client = useContext(RteContext);
  if (client === null)
    throw new Error('enreach-rte/react: this hook needs an <RteProvider client={rte}> above it');
  return client as C;
}
