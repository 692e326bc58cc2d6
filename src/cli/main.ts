#!/usr/bin/env node
// Entry point: parses arguments and dispatches to one module per command, loaded only when used.
// Errors are shaped once here: one line for people, exit code 1 (2 for bad usage).
import { Command, CommanderError } from 'commander';
import { addFilterOptions } from './event-filter.js';
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
    .option('--explain', 'add why each casualty refiner dropped, linked or added a figure')
    .action(async (file, opts) => (await import('./commands/extract.js')).runExtract(file, opts));

  program
    .command('eval')
    .description('Score extraction against a gold file (FA-KES-style JSONL) and print accuracy per field')
    .argument('<gold>', 'gold JSONL')
    .option('--json', 'print the scores as JSON')
    .option('--errors <n>', 'also list up to N misses per field', '0')
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (gold, opts) => (await import('./commands/eval.js')).runEval(gold, opts));

  const db = ['--db <path>', 'the record: a SQLite file or a postgres:// URL (default: $OBSERVATORY_DB, else ./.observatory/observatory.sqlite)'] as const;
  const raw = ['--raw', 'CSV cells exactly as held: no quote before a leading =, +, -, @ (for programs, not spreadsheets)'] as const;
  const pgDb = ['--db <url>', 'the record and its queue: a postgres:// URL (default: $OBSERVATORY_DB)'] as const;

  program
    .command('ingest')
    .description('Extract and store reports: text files, folders of them, JSONL batches (the format of extract --input)')
    .argument('<paths...>', 'text files, folders, or .jsonl batches')
    .option(...db)
    .option('--published <date>', 'publication date for text files without a Published: header, YYYY-MM-DD')
    .option('--source <name>', 'outlet for text files without a Source: header')
    .option('--title <title>', 'title for text files without a Title: header')
    .option('--follow-symlinks', 'follow symbolic links met in a folder, when they stay inside it (default: not followed)')
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (paths, opts) => {
      await (await import('./commands/ingest.js')).runIngest(paths, opts);
    });

  addFilterOptions(
    program
      .command('events')
      .description('List the events in the record that match a filter (or tally them with --by)')
      .option(...db)
      .option('--format <format>', 'table (for people), json or csv (for programs)', 'table')
      .option('--limit <n>', 'at most N events, newest first (the table shows 50 unless told)')
      .option('--by <key>', 'tally events and fatalities by month, admin1, country, actor, bloc or type')
      .option(...raw),
  ).action(async (opts) => (await import('./commands/events.js')).runEvents(opts));

  addFilterOptions(
    program
      .command('incidents')
      .description('List reconciled incidents, newest first: one row however many reports tell it, deaths low / best / high, status, reports, claimants')
      .option(...db)
      .option('--format <format>', 'table (for people), json or csv (for programs)', 'table')
      .option('--limit <n>', 'at most N incidents, newest first (the table shows 50 unless told)')
      .option('--totals', 'list the period totals and cumulative tolls instead: claims over a span, never incidents')
      .option('--rebuild', 'reconcile the whole record again (after events were written around observatory), keeping the ids')
      .option(...raw),
  ).action(async (opts) => (await import('./commands/incidents.js')).runIncidents(opts));

  program
    .command('show')
    .description('Show one event with every claim behind it and the sentence each was read from, span marked')
    .argument('<event-id>', 'an id from observatory events')
    .option(...db)
    .option('--json', 'print it as JSON')
    .action(async (id, opts) => (await import('./commands/show.js')).runShow(id, opts));

  program
    .command('reports')
    .description('The reports in the record, last ingested first, with the outlets and pages each was seen at; reports show ID: one report and its sightings')
    .argument('[action]', 'list (the default) or show')
    .argument('[id]', 'the report, for show')
    .option(...db)
    .option('--limit <n>', 'list: at most N reports', '50')
    .option('--json', 'print JSON')
    .action(async (action, id, opts) => (await import('./commands/reports.js')).runReports(action, id, opts));

  addFilterOptions(
    program
      .command('export')
      .description('Export reconciled incidents (one row each, however many reports tell it) as ACLED-style CSV, UCDP GED CSV (lethal incidents), GeoJSON (located incidents) or JSONL')
      .option(...db)
      .requiredOption('--format <format>', 'acled-csv, ucdp-ged-csv, geojson or jsonl')
      .option('--reports', "one row per report's event instead (every event, imported ones and period totals included)")
      .option('--output <file>', 'where to write (default: standard output)')
      .option(...raw),
  ).action(async (opts) => {
    await (await import('./commands/export.js')).runExport(opts);
  });

  program
    .command('import')
    .description('Import the field\'s data into the record: an ACLED export or a UCDP GED file (CSV)')
    .argument('<format>', 'acled (an ACLED export) or ucdp (a UCDP GED CSV file, with or without its header row)')
    .argument('<file>', 'the CSV file')
    .option(...db)
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (format, file, opts) => {
      await (await import('./commands/import.js')).runImport(format, file, opts);
    });

  program.command('serve').description('Serve the desk: the HTTP API (/api, described at /openapi.json) and the web dashboard').option(...db).option('--port <n>', 'the port', '8787').option('--host <address>', 'the address to listen on (0.0.0.0 for every interface)', '127.0.0.1').option('--public-read', 'anyone may read without a token (writing always needs one)').action(async (opts) => (await import('./commands/serve.js')).runServe(opts));
  program.command('token').description('Manage API tokens: create --role viewer|analyst|admin --name NAME (prints the token once), list, revoke ID').argument('<action>', 'create, list or revoke').argument('[id]', 'the token id, for revoke').option(...db).option('--role <role>', 'viewer, analyst or admin').option('--name <name>', 'who or what uses it').action(async (action, id, opts) => (await import('./commands/token.js')).runToken(action, id, opts));

  program
    .command('alerts')
    .description("Alerts on incidents: add --name NAME --when 'killed >= 10' --webhook URL [--country --admin1 --bloc --type --within 24h] (prints the signing secret once), list, remove NAME, log, deliver [--wait]")
    .argument('<action>', 'add, list, remove, log or deliver')
    .argument('[name]', 'the alert, for remove')
    .option(...db)
    .option('--name <name>', 'add: what the desk and the log call it; log: only this alert')
    .option('--when <condition>', "add: figures compared to whole numbers, joined by 'and': killed, civilians killed, wounded, captured, reports, claimants with >=, >, =, <=, <; or 'control' for a change of territorial control")
    .option('--country <name>', 'add: incidents in this country')
    .option('--admin1 <name>', 'add: incidents in this first-level region')
    .option('--bloc <bloc>', 'add: incidents whose perpetrator is of this bloc')
    .option('--type <type>', 'add: incidents of this ACLED event type or sub-type')
    .option('--within <span>', 'add: only incidents dated within this span of now (90m, 24h, 7d, 2w)')
    .option('--webhook <url>', 'add: the http(s) URL each firing is posted to, signed')
    .option('--limit <n>', 'log: at most N lines, newest first', '50')
    .option('--removed', 'list: removed alerts too')
    .option('--wait', 'deliver: keep going until nothing is pending, waiting for retries as they fall due')
    .option('--json', 'list, log: print JSON')
    .action(async (action, name, opts) => (await import('./commands/alerts.js')).runAlerts(action, name, opts));

  program
    .command('tally')
    .description('Reconciled deaths by bloc, admin1, country, actor or month: low / best / high, incidents and claimants per row')
    .option(...db)
    .option('--by <key>', 'bloc, admin1, country, actor or month', 'bloc')
    .option('--from <date>', 'incidents on or after this date, YYYY-MM-DD')
    .option('--to <date>', 'incidents on or before this date, YYYY-MM-DD')
    .option('--country <name>', 'one country')
    .option('--periods', 'also set each stated period total against the incidents of its period')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => (await import('./commands/tally.js')).runTally(opts));

  program
    .command('incident')
    .description('One incident across reports: why each event joined, low / best / high and disagreements')
    .argument('<id>', 'an incident id from observatory incidents, or an event id from observatory events')
    .option(...db)
    .option('--json', 'print it as JSON')
    .action(async (id, opts) => (await import('./commands/incident.js')).runIncident(id, opts));

  program
    .command('control')
    .description('Territorial control: every change per place, or with --at the last known holder of each place')
    .option(...db)
    .option('--at <date>', 'holders on this date, YYYY-MM-DD')
    .option('--place <text>', 'places whose name contains this text')
    .option('--country <name>', 'one country')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => (await import('./commands/control.js')).runControl(opts));

  for (const decision of ['link', 'unlink'] as const) {
    program
      .command(decision)
      .description(decision === 'link' ? 'Record that two events are one incident (overrides the rules)' : 'Record that two events are different incidents (overrides the rules)')
      .argument('<event-a>')
      .argument('<event-b>')
      .option(...db)
      .option('--note <text>', 'why')
      .option('--analyst <name>', 'who decided (default: $USER)')
      .action(async (a, b, opts) => (await import('./commands/link.js')).runLink(decision, a, b, opts));
  }

  program
    .command('enqueue')
    .description('Put reports (text files, folders, JSONL batches) on the queue for workers, and return at once (PostgreSQL)')
    .argument('<paths...>', 'text files, folders, or .jsonl batches')
    .option(...pgDb)
    .option('--published <date>', 'publication date for text files without a Published: header, YYYY-MM-DD')
    .option('--source <name>', 'outlet for text files without a Source: header')
    .option('--title <title>', 'title for text files without a Title: header')
    .option('--follow-symlinks', 'follow symbolic links met in a folder, when they stay inside it (default: not followed)')
    .action(async (paths, opts) => {
      await (await import('./commands/enqueue.js')).runEnqueue(paths, opts);
    });

  program
    .command('worker')
    .description('Extract and store queued reports; run as many as you like, on any machine (PostgreSQL)')
    .option(...pgDb)
    .option('--concurrency <n>', 'worker processes to run here (extraction uses one core each)', '1')
    .option('--until-empty', 'exit once the queue holds nothing pending or running')
    .option('--batch <n>', 'jobs taken at a time', '10')
    .action(async (opts) => (await import('./commands/worker.js')).runWorker(opts));

  program
    .command('queue')
    .description('The queue: pending, running, done and failed counts, and the failed reports with their errors (PostgreSQL)')
    .option(...pgDb)
    .option('--json', 'print it as JSON')
    .option('--limit <n>', 'at most N failed reports listed', '100')
    .action(async (opts) => (await import('./commands/queue.js')).runQueue(opts));

  program
    .command('copy')
    .description('Copy the whole record from one database to another (a SQLite file to PostgreSQL, or back); the destination must be empty')
    .requiredOption('--from <location>', 'a SQLite file or a postgres:// URL')
    .requiredOption('--to <location>', 'a SQLite file or a postgres:// URL')
    .action(async (opts) => (await import('./commands/copy.js')).runCopy(opts));

  program
    .command('links')
    .description('The history of analysts\' link and unlink decisions')
    .option(...db)
    .action(async (opts) => (await import('./commands/link.js')).runLinks(opts));

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
      return e.exitCode;
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
