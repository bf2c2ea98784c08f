import { afterEach, beforeEach, vi } from 'vitest';

// The SDK is silent by default: any console output during a test is a defect,
// either in the SDK or in a test that forgot to inject a logger.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let written: string[] = [];

beforeEach(() => {
  written = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (written.length > 0) {
    throw new Error(`Unexpected console output:\n${written.join('\n')}`);
  }
});
