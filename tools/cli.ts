import 'reflect-metadata';
import { ConfigError } from '@oversing/platform';
import { apiCommands, CliArgs, CliResultError, CliUsageError } from '../apps/api/src/cli/api-cli';
import { legacyCommands } from '../apps/api/src/legacy/legacy-cli';
import { certificationCommands } from '../apps/certification/src/cli/certification-cli';

/** `npm run cli -- <command> [--flag value]…`: prints JSON on stdout; errors on stderr with exit 1 (2 for usage). */
const commands: Record<string, (args: CliArgs) => Promise<unknown>> = {
  ...apiCommands,
  ...certificationCommands,
  ...legacyCommands,
};

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) throw new CliUsageError(`unexpected argument "${token}"`);
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) args[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args[name] = argv[++i];
    else args[name] = true;
  }
  return args;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(
      `usage: npm run cli -- <command> [options]\ncommands: ${Object.keys(commands).sort().join(', ')}\n`,
    );
    process.exit(2);
  }
  try {
    const result = await command(parseArgs(rest));
    // exit once the output is flushed: a pipe would otherwise get a large report cut short
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  } catch (error) {
    if (error instanceof CliResultError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.stdout.write(`${JSON.stringify(error.result)}\n`, () => process.exit(1));
      return;
    }
    const message =
      error instanceof CliUsageError || error instanceof ConfigError
        ? error.message
        : (error as { details?: { field?: string; message: string }[]; message: string }).details?.length
          ? `${(error as Error).message}: ${(error as { details: { field?: string; message: string }[] }).details.map((d) => `${d.field ?? ''} ${d.message}`).join('; ')}`
          : (error as Error).message;
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  }
}

void main();
