#!/usr/bin/env node
// Entry point: parses arguments and dispatches to one module per command, loaded only when used.
// Errors are shaped once here: one line for people, exit code 1 (2 for bad usage).
import { Command, CommanderError } from 'commander';
import { UserError } from './user-error.js';

export function buildProgram(): Command {
  const program = new Command('observatory')
    .description('Conflict monitoring: sourced events and casualty claims from reports')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('extract')
    .description('Extract events and claims from a report (FILE) or a batch (--input JSONL)')
    .argument('[file]', 'a report as a text file')
    .option('--published <date>', 'publication date, YYYY-MM-DD (anchors "on Sunday", "last week")')
    .option('--source <name>', 'the outlet that published the report')
    .option('--title <title>', 'the report title')
    .option('--input <jsonl>', 'batch mode: one {"id","text","published"?,"source"?,"title"?} a line')
    .option('--output <jsonl>', 'batch mode: where predictions go (default: standard output)')
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (file, opts) => (await import('./commands/extract.js')).runExtract(file, opts));

  program
    .command('eval')
    .description('Score extraction against a gold file (FA-KES-style JSONL) and print accuracy per field')
    .argument('<gold>', 'gold JSONL')
    .option('--json', 'print the scores as JSON')
    .option('--errors <n>', 'also list up to N misses per field', '0')
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (gold, opts) => (await import('./commands/eval.js')).runEval(gold, opts));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UserError) {
      process.stderr.write(`observatory: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`observatory: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

const invoked = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (invoked || process.argv[1]?.endsWith('observatory')) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
