#!/usr/bin/env node
import { runDemo } from './demo.ts';
import { runEmulatorCommand } from './emulator-command.ts';
import { EXIT } from './exit-codes.ts';
import { inFlagTerms } from './flags.ts';
import { runTail } from './tail.ts';

const USAGE = `enreach-rte <command> [options]

Commands:
  tail       print live RTE events (a real silo, or --emulator)
  emulator   run a local RTE emulator and print its URLs and credentials as JSON
  demo       emulator + simulated contact centre + a live subscriber, with a forced drop
  bridge     stream RTE events into NATS JetStream, once per event, with redundant bridges

Run enreach-rte <command> --help for the options of one command.
Exit codes: 0 done, 1 unexpected failure, 2 usage, 3 credentials refused, 4 API or hub unreachable,
5 tail: the hub refused every pair, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'tail':
        return await runTail(rest);
      case 'emulator':
        return await runEmulatorCommand(rest);
      case 'demo':
        return await runDemo(rest);
      case 'bridge':
        // Loaded on demand: the NATS client is an optional peer dependency that other commands never need.
        return await (await import('./bridge.ts')).runBridge(rest);
      case undefined:
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        process.stderr.write(`Unknown command "${command}"\n\n${USAGE}\n`);
        return EXIT.usage;
    }
  } catch (error) {
    // parseArgs and option checks throw TypeErrors for bad input: a usage problem, not a crash.
    if (!(error instanceof TypeError)) {
      process.stderr.write(`enreach-rte ${command}: ${(error as Error).stack ?? String(error)}\n`);
      return EXIT.failure;
    }
    process.stderr.write(
      `${inFlagTerms(error.message)}\nRun enreach-rte ${command} --help for its options.\n`,
    );
    return EXIT.usage;
  }
}

process.exitCode = await main(process.argv.slice(2));
