/**
 * What `enreach-rte emulator --simulate` prints on its first line (the fields the board needs): the
 * API URL, the demo user's credentials and the simulated contact centre's directory.
 */
export interface EmulatorAnnouncement {
  readonly apiUrl: string;
  readonly credentials: { readonly email: string; readonly secretKey: string };
  readonly directory?: {
    readonly queues: readonly { readonly queueId: string; readonly name: string }[];
    readonly agents: readonly { readonly userId: string; readonly name: string }[];
  };
}

/**
 * Turns the emulator's announcement into the board's `config.json` content: every simulated queue
 * and agent, connecting with the demo user's credentials.
 *
 * @example
 * ```ts
 * import { wallboardConfigFromEmulator } from './from-emulator.ts';
 *
 * const line = '{"apiUrl":"http://127.0.0.1:5080/","credentials":{"email":"demo@example.com","secretKey":"demo-secret-key"},"directory":{"queues":[],"agents":[]}}';
 * const config = wallboardConfigFromEmulator(JSON.parse(line));
 * console.log(config.apiUrl); // 'http://127.0.0.1:5080/'
 * ```
 */
export function wallboardConfigFromEmulator(announcement: EmulatorAnnouncement): {
  title: string;
  apiUrl: string;
  auth: { email: string; secretKey: string };
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  snapshotUrl: string;
} {
  const directory = announcement.directory;
  if (!directory)
    throw new TypeError('the emulator runs without --simulate: there are no queues or agents to show');
  return {
    title: 'Simulated contact centre',
    apiUrl: announcement.apiUrl,
    auth: { email: announcement.credentials.email, secretKey: announcement.credentials.secretKey },
    queues: directory.queues.map((queue) => ({ id: queue.queueId, name: queue.name })),
    agents: directory.agents.map((agent) => ({ id: agent.userId, name: agent.name })),
    // The emulator's own snapshot endpoint (not an Enreach REST API): the data last published.
    snapshotUrl: `${announcement.apiUrl}_control/state/`,
  };
}
