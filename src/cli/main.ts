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
  const keyFile = ['--key-file <file>', 'the field-source key file, mode 600 (default: $OBSERVATORY_SOURCE_KEY_FILE, else $OBSERVATORY_SOURCE_KEY)'] as const;
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
    .option('--field-source <name>', 'the person on the ground who sent these reports: sealed with the field-source key, shown to others as "field source N"')
    .option('--field-contact <text>', "the field source's contact (sealed with the name)")
    .option('--field-place <text>', 'where the field source is (sealed)')
    .option('--field-relation <text>', 'how the field source knows: witness, medic, relative... (sealed)')
    .option('--field-notes <text>', "the handler's notes on the field source (sealed)")
    .option(...keyFile)
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

  program
    .command('compare')
    .description("Hold the record's incidents against imported ACLED or UCDP GED events: coverage both ways, fatality agreement of matched pairs, the biggest disagreements")
    .requiredOption('--with <dataset>', 'acled or ucdp (imported with observatory import)')
    .option(...db)
    .option('--from <date>', 'incidents and events on or after this date, YYYY-MM-DD')
    .option('--to <date>', 'incidents and events on or before this date, YYYY-MM-DD')
    .option('--country <name>', 'one country, however either side spells it')
    .option('--format <format>', 'table (for people) or json (for programs)', 'table')
    .option('--limit <n>', 'at most N rows in each list (the table shows 20 unless told; json lists all)')
    .action(async (opts) => (await import('./commands/compare.js')).runCompare(opts));

  program.command('serve').description('Serve the desk: the HTTP API (/api, described at /openapi.json) and the web dashboard').option(...db).option('--port <n>', 'the port', '8787').option('--host <address>', 'the address to listen on (0.0.0.0 for every interface)', '127.0.0.1').option('--public-read', 'anyone may read without a token (writing always needs one)').option('--request-budget <seconds>', 'the most one request\'s work may take (extraction, reconciliation), waiting included; over it the answer is 503 (default 30, or OBSERVATORY_REQUEST_BUDGET_SECONDS)').option('--threads <n>', 'worker threads for that work (default: one per core, or OBSERVATORY_THREADS)').option(...keyFile).action(async (opts) => (await import('./commands/serve.js')).runServe(opts));
  program
    .command('token')
    .description('Manage API tokens: create --role viewer|analyst|admin --name NAME (prints the token once), list, revoke ID')
    .argument('<action>', 'create, list or revoke')
    .argument('[id]', 'the token id, for revoke')
    .option(...db)
    .option('--role <role>', 'viewer, analyst or admin')
    .option('--name <name>', 'who or what uses it')
    .option('--source-handler', "may read field sources' identities (no role implies it, admin included)")
    .option('--expires <when>', 'refused after this: a number of days ("30d") or a date YYYY-MM-DD')
    .action(async (action, id, opts) => (await import('./commands/token.js')).runToken(action, id, opts));

  program
    .command('review')
    .description('The review queue (incidents by impact: deaths, contested figures, changes of control), or a decision: verify|dispute|reject|reopen ID --comment WHY')
    .argument('[action]', 'verify, dispute, reject or reopen (none: list the queue)')
    .argument('[id]', 'the incident id (observatory incidents lists them)')
    .option(...db)
    .option('--state <state>', 'list: unreviewed (default), verified, disputed or rejected')
    .option('--sort <order>', 'list: impact (default) or recent')
    .option('--limit <n>', 'list: at most N incidents', '50')
    .option('--format <format>', 'list: table or json', 'table')
    .option('--comment <text>', 'why: kept in the history with who and when')
    .option('--as <name>', 'who decides (default: your login)')
    .action(async (action, id, opts) => (await import('./commands/review.js')).runReview(action, id, opts));

  program
    .command('claimants')
    .description("Claimants' track records on verified incidents: how often their figure agreed with the verified best, how often they reported first")
    .option(...db)
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => (await import('./commands/review.js')).runClaimants(opts));

  program
    .command('rules')
    .description('Casualty-range rules for the whole record, none on by default: track-record on|off lets a claimant proven right on verified incidents set the best before claimant kinds (every incident is reckoned again)')
    .argument('[rule]', 'track-record (none: show the rules)')
    .argument('[state]', 'on or off')
    .option(...db)
    .option('--min-incidents <n>', 'on: verified incidents a claimant needs before its record counts', '5')
    .option('--min-agreement <share>', 'on: the share of them its figure must have agreed in (0.8 is 80%)', '0.8')
    .option('--as <name>', 'who sets it (default: your login)')
    .action(async (rule, state, opts) => (await import('./commands/rules.js')).runRules(rule, state, opts));

  program
    .command('reextract')
    .description("Read stored reports again with the current engine (after a rule or data change): analysts' corrections, reviews and links are kept, conflicts listed")
    .option(...db)
    .option('--since <date>', 'only reports ingested on or after this date, YYYY-MM-DD')
    .option('--dry-run', 'say what would change, write nothing')
    .option('--json', 'print the changed and held-back reports as JSON')
    .option('--no-progress', 'no progress bar on standard error')
    .action(async (opts) => {
      await (await import('./commands/reextract.js')).runReextract(opts);
    });

  program
    .command('history')
    .description("Everything that changed an incident: reviews, edits of its events, link decisions; who, when, before, after, why")
    .argument('<id>', 'the incident id')
    .option(...db)
    .option('--json', 'print it as JSON')
    .action(async (id, opts) => (await import('./commands/review.js')).runHistory(id, opts));

  program
    .command('field-sources')
    .description('People on the ground: list (pseudonyms), show N --reason WHY (the identity, with the key; the read is logged), reads [N] (the read log)')
    .argument('<action>', 'list, show or reads')
    .argument('[number]', 'N of "field source N"')
    .option(...db)
    .option('--reason <text>', 'why the identity must be read (show): logged with who and when')
    .option(...keyFile)
    .action(async (action, n, opts) => (await import('./commands/field-sources.js')).runFieldSources(action, n, opts));

  program
    .command('keys')
    .description('The field-source key: generate [--out FILE] (a new key, in a mode-600 file), rotate --new-key-file FILE (every identity resealed, in one transaction)')
    .argument('<action>', 'generate or rotate')
    .option(...db)
    .option('--out <file>', 'generate: write the key to this new file (mode 600) instead of standard output')
    .option(...keyFile)
    .option('--new-key-file <file>', 'rotate: the key to seal under from now on')
    .action(async (action, opts) => (await import('./commands/keys.js')).runKeys(action, opts));

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
    .option('--verified', 'only incidents an analyst has verified (rejected incidents are always left out)')
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
    .command('sources')
    .description('The sources the record watches: add URL|FOLDER, list, show NAME (last fetch, status, items, errors, next due), remove NAME')
    .argument('<action>', 'add, list, show or remove')
    .argument('[target]', 'for add: a feed (RSS, Atom, JSON Feed) or article page URL, or a folder; for show and remove: the source name')
    .option(...db)
    .option('--name <name>', 'add: what to call it (default: the site or folder name)')
    .option('--kind <kind>', 'add: the claimant kind of what it publishes: monitor, wire, state-media, party-media, official, armed-group, witness or unknown (the publisher\'s kind when the lexicon does not know it)', 'unknown')
    .option('--country <country>', 'add: the country it reports from or on')
    .option('--interval <duration>', 'add: how often to poll it (90s, 10m, 1h)', '10m')
    .option('--json', 'list, show: print JSON')
    .action(async (action, target, opts) => (await import('./commands/sources.js')).runSources(action, target, opts));

  program
    .command('watch')
    .description('Poll the watched sources when due, ingest what is new, and keep going (or --once); run on as many machines as you like')
    .option(...db)
    .option('--once', 'poll every source due now, once each, then exit')
    .option('--concurrency <n>', 'sources polled at once (requests to one site still go one at a time)', '4')
    .option('--host-delay <duration>', 'the least pause between two requests to one site (a longer robots.txt Crawl-delay wins)', '2s')
    .option('--timeout <duration>', 'the longest one request may take, body included', '30s')
    .option('--max-size <size>', 'the largest answer read (larger ones are refused or cut off)', '10MB')
    .option('--lease <duration>', 'how long a source stays with a watcher that stops renewing its hold (a dead one)', '2m')
    .action(async (opts) => {
      await (await import('./commands/watch.js')).runWatch(opts);
    });

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
