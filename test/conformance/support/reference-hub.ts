import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A user the reference hub knows, in the same shape as the emulator's users.
 *
 * @example
 * ```ts
 * import { startReferenceHub, type ReferenceHubUser } from './support/reference-hub.ts';
 *
 * const agent: ReferenceHubUser = {
 *   userId: '0b7c2d9e-1f3a-4b5c-8d6e-7f8091a2b3c4',
 *   email: 'agent@example.com',
 *   secretKey: 'agent-secret-key',
 *   bearerToken: 'agent-bearer-token',
 * };
 * const hub = await startReferenceHub({ users: [agent] });
 * ```
 */
export interface ReferenceHubUser {
  /** The user's id, a GUID. */
  readonly userId: string;
  /** Login e-mail, the user name of HTTP Basic authentication. */
  readonly email: string;
  /** The secret key, the password of HTTP Basic authentication. */
  readonly secretKey: string;
  /** Accepted as `Authorization: Bearer <bearerToken>` by the token endpoint. */
  readonly bearerToken: string;
  /** Traded for the secret key by `POST /authuser/{email}/`. */
  readonly password?: string;
}

/**
 * The default user's credentials plus the organization every user belongs to.
 *
 * @example
 * ```ts
 * import { startReferenceHub, type ReferenceHubCredentials } from './support/reference-hub.ts';
 *
 * const hub = await startReferenceHub();
 * const { email, secretKey }: ReferenceHubCredentials = hub.credentials;
 * ```
 */
export interface ReferenceHubCredentials extends ReferenceHubUser {
  /** The organization of every user, a GUID. */
  readonly organizationId: string;
}

/**
 * Options of {@link startReferenceHub}; the names match the emulator's start options. Every option is optional.
 *
 * @example
 * ```ts
 * import { startReferenceHub, type ReferenceHubOptions } from './support/reference-hub.ts';
 *
 * const options: ReferenceHubOptions = { keepAliveIntervalMs: 1000, clientTimeoutMs: 3000 };
 * const hub = await startReferenceHub(options);
 * ```
 */
export interface ReferenceHubOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Known users; the first is the default user. @default [the demo user] */
  readonly users?: readonly ReferenceHubUser[];
  /** The organization every user belongs to. @default '29f6e823-b484-e611-80c9-00505689257e' */
  readonly organizationId?: string;
  /** Lifetime of issued tokens in seconds. @default 3600 */
  readonly tokenLifetimeSeconds?: number;
  /** HubOptions.KeepAliveInterval; ASP.NET Core checks it on a 1 s heartbeat. @default 15000 (ASP.NET Core) */
  readonly keepAliveIntervalMs?: number;
  /** HubOptions.ClientTimeoutInterval, enforced once the client has sent a ping. @default 30000 (ASP.NET Core) */
  readonly clientTimeoutMs?: number;
  /** Token signing key (base64), so that a restarted hub accepts earlier tokens. @default random per process */
  readonly signingKey?: string;
  /** How long to wait for the ready line. @default 30000 */
  readonly startTimeoutMs?: number;
}

/**
 * A running reference hub: the real ASP.NET Core SignalR server stack implementing the RTE contract.
 *
 * @example
 * ```ts
 * import { startReferenceHub } from './support/reference-hub.ts';
 *
 * const hub = await startReferenceHub();
 * console.log(hub.apiUrl, hub.hubUrl); // http://127.0.0.1:PORT/ and http://127.0.0.1:PORT/rte
 * await hub.stop();
 * ```
 */
export interface ReferenceHub {
  /** The REST API base, ending in `/`; the token endpoint is `${apiUrl}token/me/rte/`. */
  readonly apiUrl: string;
  /** The hub URL to give `HubConnectionBuilder.withUrl`. */
  readonly hubUrl: string;
  /** The base of the control endpoints (`http://127.0.0.1:PORT/_control`), usable with `EmulatorControl`. */
  readonly controlUrl: string;
  /** The bound TCP port. */
  readonly port: number;
  /** The default user's credentials. */
  readonly credentials: ReferenceHubCredentials;
  /** Every known user. */
  readonly users: readonly ReferenceHubUser[];
  /** Stops the process (stdin EOF, then SIGKILL after 5 s); safe to call twice. */
  stop(): Promise<void>;
}

const demoUser = {
  userId: '6f1d2c3b-0a4e-4d8f-9b7a-1c2d3e4f5a6b',
  email: 'demo@example.com',
  secretKey: 'demo-secret-key',
  bearerToken: 'demo-bearer-token',
  password: 'demo-password',
} as const satisfies ReferenceHubUser;
const demoOrganizationId = '29f6e823-b484-e611-80c9-00505689257e';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '../hub');
const projectFile = join(projectDir, 'ReferenceHub.csproj');
const outputDir = join(projectDir, 'bin', 'Release', 'net10.0');
const dllPath = join(outputDir, 'ReferenceHub.dll');
const stampPath = join(outputDir, 'source.sha256');
const lockDir = join(projectDir, 'obj', 'build.lock');
const staleLockMs = 180_000;

// Reproducible, quiet and self-contained: no telemetry banner, no build servers left running afterwards.
const dotnetEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: '1',
  DOTNET_CLI_USE_MSBUILD_SERVER: '0',
  MSBUILDDISABLENODEREUSE: '1',
  UseSharedCompilation: 'false',
};

let dotnetVersionOk: boolean | undefined;

/**
 * Whether a .NET SDK able to build the reference hub (10 or newer) is on the PATH.
 *
 * @example
 * ```ts
 * import { dotnetAvailable } from './support/reference-hub.ts';
 *
 * if (!dotnetAvailable()) throw new Error('install the .NET 10 SDK to run the conformance suite');
 * ```
 */
export function dotnetAvailable(): boolean {
  if (dotnetVersionOk === undefined) {
    const result = spawnSync('dotnet', ['--version'], { env: dotnetEnv, encoding: 'utf8', timeout: 30_000 });
    const major = Number(String(result.stdout ?? '').split('.')[0]);
    dotnetVersionOk = result.status === 0 && major >= 10;
  }
  return dotnetVersionOk;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'bin' || entry.name === 'obj' ? [] : sourceFiles(path);
    return /\.(cs|csproj|config|props|targets|json)$/.test(entry.name) ? [path] : [];
  });
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(projectDir).sort()) {
    hash.update(relative(projectDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function upToDate(hash: string): boolean {
  return existsSync(dllPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash;
}

function tryLock(): boolean {
  mkdirSync(dirname(lockDir), { recursive: true });
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a process that died mid-build must not block every later run.
    const lockedAt = statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
    if (lockedAt !== undefined && Date.now() - lockedAt > staleLockMs) {
      rmSync(lockDir, { recursive: true, force: true });
    }
    return false;
  }
}

function runBuild(): Promise<void> {
  const args = ['build', projectFile, '-c', 'Release', '--disable-build-servers', '-nologo', '-v', 'q'];
  return new Promise((done, fail) => {
    execFile(
      'dotnet',
      args,
      { cwd: projectDir, env: dotnetEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
          fail(new Error(`dotnet build of the reference hub failed:\n${output}`, { cause: error }));
        } else {
          done();
        }
      },
    );
  });
}

async function buildOnce(): Promise<string> {
  const hash = sourceHash();
  if (upToDate(hash)) return dllPath;
  // Test files run in parallel workers: one builds, the others wait for its stamp.
  while (!tryLock()) {
    await new Promise((r) => setTimeout(r, 250));
    if (upToDate(hash)) return dllPath;
  }
  try {
    if (!upToDate(hash)) {
      await runBuild();
      writeFileSync(stampPath, hash);
    }
    return dllPath;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

let building: Promise<string> | undefined;

/**
 * Builds the reference hub (`dotnet build -c Release`, offline) unless its sources are unchanged since the last
 * build by any process, and returns the path of the built dll.
 *
 * @example
 * ```ts
 * import { buildReferenceHub } from './support/reference-hub.ts';
 *
 * const dll = await buildReferenceHub(); // then: dotnet <dll> --urls http://127.0.0.1:0
 * ```
 */
export function buildReferenceHub(): Promise<string> {
  building ??= buildOnce().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

function hubArguments(
  options: ReferenceHubOptions,
  users: readonly ReferenceHubUser[],
  organizationId: string,
): string[] {
  const args = ['--urls', `http://127.0.0.1:${options.port ?? 0}`, '--organization-id', organizationId];
  args.push('--users', JSON.stringify(users));
  if (options.tokenLifetimeSeconds !== undefined)
    args.push('--token-lifetime-seconds', String(options.tokenLifetimeSeconds));
  if (options.keepAliveIntervalMs !== undefined)
    args.push('--keepalive-ms', String(options.keepAliveIntervalMs));
  if (options.clientTimeoutMs !== undefined)
    args.push('--client-timeout-ms', String(options.clientTimeoutMs));
  if (options.signingKey !== undefined) args.push('--signing-key', options.signingKey);
  return args;
}

function readyUrl(line: string): string | undefined {
  try {
    const ready = JSON.parse(line) as { ready?: unknown; url?: unknown };
    return ready.ready === true && typeof ready.url === 'string' ? ready.url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds (if needed) and starts the reference hub on 127.0.0.1, resolving once it reports ready.
 *
 * @example
 * ```ts
 * import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
 * import { startReferenceHub } from './support/reference-hub.ts';
 *
 * const hub = await startReferenceHub({ keepAliveIntervalMs: 1000 });
 * const res = await fetch(`${hub.apiUrl}token/me/rte/`, {
 *   headers: { authorization: `Bearer ${hub.credentials.bearerToken}` },
 * });
 * const { Token } = (await res.json()) as { Token: string };
 * const connection = new HubConnectionBuilder()
 *   .withUrl(hub.hubUrl, { accessTokenFactory: () => Token })
 *   .configureLogging(LogLevel.None)
 *   .build();
 * await connection.start();
 * await connection.stop();
 * await hub.stop();
 * ```
 */
export async function startReferenceHub(options: ReferenceHubOptions = {}): Promise<ReferenceHub> {
  const dll = await buildReferenceHub();
  const users = options.users ?? [demoUser];
  const organizationId = options.organizationId ?? demoOrganizationId;
  const [firstUser] = users;
  if (firstUser === undefined) throw new TypeError('users must not be empty');

  const child = spawn('dotnet', [dll, ...hubArguments(options, users, organizationId)], {
    cwd: projectDir,
    env: dotnetEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // EOF on stdin is the stop signal; a hub that is already gone must not turn that into an unhandled EPIPE.
  child.stdin.on('error', () => {});
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-16_384);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const baseUrl = await new Promise<string>((done, fail) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(
          `the reference hub did not report ready within ${options.startTimeoutMs ?? 30_000} ms\n${stderr}`,
        ),
      );
    }, options.startTimeoutMs ?? 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`the reference hub exited (code ${code}) before it was ready\n${stderr}`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(new Error('the reference hub could not be started', { cause: error }));
    });
    const onData = (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      clearTimeout(timer);
      child.off('exit', onExit);
      const url = readyUrl(stdout.slice(0, newline));
      if (url === undefined) {
        child.kill('SIGKILL');
        fail(new Error('the reference hub printed an unexpected ready line'));
      } else {
        done(url);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
  });

  let stopping: Promise<void> | undefined;
  return {
    apiUrl: `${baseUrl}/`,
    hubUrl: `${baseUrl}/rte`,
    controlUrl: `${baseUrl}/_control`,
    port: Number(new URL(baseUrl).port),
    credentials: { ...firstUser, organizationId },
    users,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
