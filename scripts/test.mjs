// The one test command (`npm test`): every check CI runs, in order, with a summary line at the end.
// Suites that need a tool this machine lacks (dotnet for conformance, Chromium for the browser,
// nats-server for the JetStream bridge) are announced as NOT run; under CI=true a missing tool is a
// failure, never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const failures = [];
const notRun = [];

function has(command, args = ['--version']) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function step(name, command, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failures.push(name);
  return result.status === 0;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dotnet = has('dotnet', ['--version']);
const browser = existsSync(chromium);
const nats = has('nats-server', ['--version']);
const optional = [
  {
    name: 'conformance suite (ASP.NET Core hub)',
    paths: ['test/conformance'],
    available: dotnet,
    tool: 'dotnet',
  },
  {
    name: 'browser suites (headless Chromium)',
    paths: ['test/browser', 'test/conformance/contract/browser.test.ts'],
    available: browser,
    tool: chromium,
  },
  {
    name: 'JetStream bridge suite (nats-server)',
    paths: ['test/bridge'],
    available: nats,
    tool: 'nats-server',
  },
];
const exclude = [];
for (const suite of optional) {
  if (suite.available) continue;
  for (const path of suite.paths) exclude.push('--exclude', path.endsWith('.ts') ? path : `${path}/**`);
  notRun.push(`${suite.name}: NOT run, ${suite.tool} not found`);
}

step('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']);
step('lint', 'biome', ['check', '.']);
mkdirSync('test-results', { recursive: true });
step('tests', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...exclude,
]);
step('build', 'tsc', ['-p', 'tsconfig.build.json']) &&
  step('package (publint --strict)', 'publint', ['--strict']) &&
  step('package types (attw --pack)', 'attw', ['--pack', '.', '--profile', 'esm-only']) &&
  step('browser bundle size', 'node', ['scripts/check-size.mjs']);
step('docs (typedoc, warnings are errors)', 'typedoc', ['--treatWarningsAsErrors']);

let passed = 0;
let failed = 0;
if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0);
  if ((report.numPendingTests ?? 0) > 0) failures.push(`${report.numPendingTests} skipped test(s)`);
  if (passed === 0) failures.push('no test ran');
}
for (const line of notRun) process.stdout.write(`\n⚠ ${line}\n`);
if (ci && notRun.length > 0) failures.push('a suite could not run under CI');
if (failures.length > 0) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(
  `\ntests: ${passed} passed, ${failed + (failures.length > 0 && failed === 0 ? 1 : 0)} failed\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
