// The first hour of a new user, checked from a fresh clone of this commit: `npm ci` installs what
// the lockfile pins (and leaves it untouched), `npx enreach-rte` works with no build step, an
// example installs and runs the way its README says, and `tail` with nothing subscribable ends
// with its documented code within seconds. Runs with the system's PATH (and its Node), as a user's
// shell would. Usage: node scripts/fresh-clone.mjs [repository, default: this one]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const source = resolve(process.argv[2] ?? '.');
const dir = mkdtempSync(join(tmpdir(), 'enreach-rte-clone-'));
const clone = join(dir, 'enreach-rte');
// A user's shell: no node_modules/.bin of this repository (or npm's) on PATH.
const PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((entry) => !entry.includes('node_modules'))
  .join(delimiter);
const env = { ...process.env, PATH, npm_config_audit: 'false', npm_config_fund: 'false' };
for (const key of Object.keys(env))
  if (key.startsWith('npm_') && !key.startsWith('npm_config_')) delete env[key];
const started = Date.now();
let failed = false;

function step(title, command, args, cwd = clone) {
  process.stdout.write(`\n▶ ${title}: ${command} ${args.join(' ')}\n`);
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function check(condition, message) {
  process.stdout.write(`${condition ? '  ok' : '  FAILED'}: ${message}\n`);
  if (!condition) failed = true;
}

/** Starts a long-running command; resolves with its first stdout line. */
function startLine(command, args, cwd) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const line = new Promise((resolveLine, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolveLine(out.split('\n')[0]);
    });
    child.once('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} ended (${code}) before printing`)),
    );
  });
  return { child, line };
}

/** Runs a command to its end; resolves with its exit code, its output and how long it took. */
function runToEnd(command, args, cwd, extraEnv = {}, deadlineMs = 30_000) {
  return new Promise((resolveRun) => {
    const t0 = Date.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? signal, output, ms: Date.now() - t0 });
    });
  });
}

let emulator;
try {
  step('clone', 'git', ['clone', '--quiet', '--depth', '1', `file://${source}`, clone], dir);
  process.stdout.write(
    `  node on the user's PATH: ${execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim()}\n`,
  );
  step('install as the README says', 'npm', ['ci']);
  check(step('lockfile', 'git', ['status', '--porcelain']).trim() === '', 'npm ci left the clone unchanged');
  step('a plain npm install', 'npm', ['install']);
  check(
    step('lockfile', 'git', ['status', '--porcelain']).trim() === '',
    'npm install left package-lock.json untouched',
  );

  const help = await runToEnd('npx', ['enreach-rte', '--help'], clone);
  check(
    help.code === 0 && /Commands:/.test(help.output),
    `npx enreach-rte --help exits 0 with the usage (${help.code})`,
  );

  const example = join(clone, 'examples/subscriptions');
  step('install an example as its README says', 'npm', ['install'], example);
  check(
    step('lockfile', 'git', ['status', '--porcelain']).trim() === '',
    "the example's npm install changed nothing",
  );

  const board = join(clone, 'examples/browser-wallboard');
  const built = await runToEnd('npm', ['run', 'build'], board);
  check(
    built.code === 0 && existsSync(join(board, 'dist/index.html')),
    `the wallboard builds with npm run build, as its README says (${built.code})`,
  );

  // The README's install until the package is published: npm pack in the clone, install the tarball.
  const tarball = step('pack as the README says', 'npm', ['pack', '--silent']).trim().split('\n').at(-1);
  const project = join(dir, 'your-project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "your-project", "private": true, "type": "module" }\n',
  );
  step('install the tarball', 'npm', ['install', join(clone, tarball)], project);
  const installed = await runToEnd('npx', ['enreach-rte', '--help'], project);
  check(
    installed.code === 0 && /Commands:/.test(installed.output),
    `npx enreach-rte --help works in a project that installed the tarball (${installed.code})`,
  );

  emulator = startLine('npx', ['enreach-rte', 'emulator'], clone);
  const info = JSON.parse(await emulator.line);
  process.stdout.write(`  emulator at ${info.apiUrl}\n`);
  const rte = {
    ENREACH_API_URL: info.apiUrl,
    ENREACH_EMAIL: info.credentials.email,
    ENREACH_SECRET_KEY: info.credentials.secretKey,
    ENREACH_USER_ID: info.credentials.userId,
    ENREACH_QUEUE_ID: 'c9eeb030-ff4b-ea11-ac9c-00155d4fdcf3',
  };
  const script = await runToEnd('npm', ['run', '--silent', 'results-and-refusals'], example, rte);
  check(
    script.code === 0 && /UserStatus .*: subscribed/.test(script.output),
    `npm run results-and-refusals in the example runs against the emulator (${script.code})`,
  );
  const tail = await runToEnd(
    'npx',
    ['enreach-rte', 'tail', '--api-url', info.apiUrl, '--event', 'NoSuchEvent', '--entity', 'not-a-guid'],
    clone,
    rte,
    15_000,
  );
  check(
    tail.code === 5 && /Nothing to tail/.test(tail.output),
    `tail with only refused pairs exits 5 (got ${tail.code}) in ${(tail.ms / 1000).toFixed(1)} s (limit 15 s)`,
  );
} catch (error) {
  process.stdout.write(`  FAILED: ${error.message}\n`);
  failed = true;
} finally {
  if (emulator) {
    try {
      process.kill(-emulator.child.pid, 'SIGTERM');
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `\nfresh clone check ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
process.exit(failed ? 1 : 0);
