import { parseGuid } from './guid.ts';

/**
 * A user the emulator knows: who the REST API issues tokens to and whom a hub connection belongs to.
 *
 * @example
 * ```ts
 * import { startEmulator, type EmulatorUser } from 'enreach-rte/emulator';
 *
 * const agent: EmulatorUser = {
 *   userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
 *   email: 'agent@example.com',
 *   secretKey: 'agent-secret-key',
 *   bearerToken: 'agent-bearer-token',
 * };
 * const emu = await startEmulator({ users: [agent] });
 * ```
 */
export interface EmulatorUser {
  /** The user's id, a GUID. */
  readonly userId: string;
  /** Login e-mail, the user name of HTTP Basic authentication. */
  readonly email: string;
  /** The secret key, the password of HTTP Basic authentication. */
  readonly secretKey: string;
  /** Accepted as `Authorization: Bearer <bearerToken>` by the REST API. */
  readonly bearerToken: string;
  /** The password `POST /authuser/{email}/` trades for the secret key; without one that exchange is refused. */
  readonly password?: string;
}

/**
 * The demo user every emulator knows unless `users` says otherwise, with its organization.
 *
 * @example
 * ```ts
 * import { demoUser } from 'enreach-rte/emulator';
 *
 * const basic = Buffer.from(`${demoUser.email}:${demoUser.secretKey}`).toString('base64');
 * ```
 */
export const demoUser = Object.freeze({
  /** The demo user's id. */
  userId: '6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b',
  /** Login e-mail, the user name of HTTP Basic authentication. */
  email: 'demo@example.com',
  /** The secret key, the password of HTTP Basic authentication. */
  secretKey: 'demo-secret-key',
  /** Accepted as `Authorization: Bearer demo-bearer-token` by the REST API. */
  bearerToken: 'demo-bearer-token',
  /** The password `POST /authuser/demo@example.com/` trades for the secret key. */
  password: 'demo-password',
  /** The organization of the demo user. */
  organizationId: '29f6e823-b484-e611-80c9-00505689257e',
} as const);

/** Checks a user list given as an option; throws a `TypeError` naming the first problem. */
export function validateUsers(users: unknown): readonly EmulatorUser[] {
  if (!Array.isArray(users) || users.length === 0) {
    throw new TypeError('users must be a non-empty array of { userId, email, secretKey, bearerToken }');
  }
  const seen = new Set<string>();
  return users.map((user: unknown, index) => {
    if (user === null || typeof user !== 'object') throw new TypeError(`users[${index}] must be an object`);
    const { userId, email, secretKey, bearerToken, password } = user as Record<string, unknown>;
    const id = parseGuid(userId);
    if (id === undefined) throw new TypeError(`users[${index}].userId must be a GUID`);
    for (const [key, value] of [
      ['email', email],
      ['secretKey', secretKey],
      ['bearerToken', bearerToken],
    ] as const) {
      if (typeof value !== 'string' || value.length === 0) {
        throw new TypeError(`users[${index}].${key} must be a non-empty string`);
      }
    }
    if (password !== undefined && (typeof password !== 'string' || password.length === 0)) {
      throw new TypeError(`users[${index}].password must be a non-empty string`);
    }
    if (seen.has(id)) throw new TypeError(`users[${index}].userId is listed twice`);
    seen.add(id);
    return Object.freeze({
      userId: userId as string,
      email: email as string,
      secretKey: secretKey as string,
      bearerToken: bearerToken as string,
      ...(password === undefined ? {} : { password: password as string }),
    });
  });
}

/** Finds the user behind an `Authorization` header of a REST request (HTTP Basic or Bearer). */
export class UserDirectory {
  readonly users: readonly EmulatorUser[];

  constructor(users: readonly EmulatorUser[]) {
    this.users = users;
  }

  /** The first user, whose credentials `emu.credentials` hands out. */
  get defaultUser(): EmulatorUser {
    return this.users[0] as EmulatorUser;
  }

  /** The user with this id (any GUID spelling), if known. */
  byId(userId: string): EmulatorUser | undefined {
    const id = parseGuid(userId);
    return id === undefined ? undefined : this.users.find((user) => parseGuid(user.userId) === id);
  }

  /** The user the header authenticates, or `undefined` for missing or wrong credentials. */
  authenticate(authorization: string | undefined): EmulatorUser | undefined {
    if (authorization === undefined) return undefined;
    const space = authorization.indexOf(' ');
    if (space < 0) return undefined;
    const scheme = authorization.slice(0, space).toLowerCase();
    const value = authorization.slice(space + 1).trim();
    if (scheme === 'bearer') return this.users.find((user) => user.bearerToken === value);
    if (scheme !== 'basic') return undefined;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const email = decoded.slice(0, colon).toLowerCase();
    const secretKey = decoded.slice(colon + 1);
    return this.users.find((user) => user.email.toLowerCase() === email && user.secretKey === secretKey);
  }
}
