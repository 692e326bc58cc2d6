// `observatory eval GOLD.jsonl`: extracts every gold report and prints accuracy per field.
import { existsSync, readFileSync } from 'node:fs';
import type { ReportSummary } from '../../domain/types.js';
import { FIELDS, scoreAll, scoreOne, weaponClassOf, type Field, type Gold } from '../../evaluate/score-fields.js';
import { extractReport } from '../../extract/pipeline.js';
import { isBatchError, parseBatchLine } from '../../extract/read-batch.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { progressBar } from '../progress.js';
import { UserError } from '../user-error.js';

interface EvalOpts {
  json?: boolean;
  errors: string;
  progress: boolean;
}

export async function runEval(goldPath: string, opts: EvalOpts): Promise<void> {
  if (!existsSync(goldPath)) throw new UserError(`${goldPath}: no such file`);
  exitQuietlyOnClosedPipe(process.stdout);
  const lines = readFileSync(goldPath, 'utf8').split('\n');
  const bar = opts.progress ? progressBar(lines.length, 'eval') : null;
  const pairs: Array<{ id: string; pred: ReportSummary | null; gold: Gold; title: string | null }> = [];
  const failures: string[] = [];
  lines.forEach((raw, idx) => {
    const item = parseBatchLine(raw, idx + 1);
    bar?.tick();
    if (item === null) return;
    let gold: Gold;
    try {
      gold = (JSON.parse(raw).gold ?? {}) as Gold;
    } catch {
      gold = {};
    }
    if (isBatchError(item)) {
      failures.push(`${goldPath}: ${item.error}`);
      pairs.push({ id: item.id ?? String(idx + 1), pred: null, gold, title: null });
      return;
    }
    const x = extractReport(item.text, { published: item.published, source: item.source, title: item.title });
    pairs.push({ id: item.id, pred: x.summary, gold, title: item.title });
  });
  bar?.stop();
  const scores = scoreAll(pairs);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ reports: pairs.length, failed: failures.length, fields: scores.map((s) => ({ ...s, accuracy: s.hits / s.total })) }, null, 2) + '\n');
    return;
  }
  const w = Math.max(...scores.map((s) => s.field.length));
  process.stdout.write(`${'field'.padEnd(w)}  accuracy   hits/total\n`);
  for (const s of scores) process.stdout.write(`${s.field.padEnd(w)}  ${((100 * s.hits) / s.total).toFixed(1).padStart(7)}%  ${String(s.hits).padStart(5)}/${s.total}\n`);
  process.stdout.write(`${pairs.length} reports, ${failures.length} could not be read\n`);
  for (const f of failures) process.stderr.write(f + '\n');
  const n = Number(opts.errors);
  if (n > 0) {
    for (const field of FIELDS) {
      const misses = pairs.filter((p) => scoreOne(p.pred, p.gold)[field] === false).slice(0, n);
      if (misses.length === 0) continue;
      process.stdout.write(`\n# misses on ${field}\n`);
      for (const m of misses) process.stdout.write(`${m.id}\tgold=${goldValue(m.gold, field)}\tpred=${predictedValue(m.pred, field)}\t${m.title ?? ''}\n`);
    }
  }
}

function goldValue(gold: Gold, field: Field): unknown {
  return field === 'coordinates' ? `${gold.latitude},${gold.longitude}` : gold[field];
}

function predictedValue(pred: ReportSummary | null, field: Field): unknown {
  if (!pred) return null;
  switch (field) {
    case 'cause':
      return pred.weapon;
    case 'weapon_class':
      return `${weaponClassOf(pred.weapon)} (${pred.weapon})`;
    case 'place':
      return pred.location?.name ?? null;
    case 'coordinates':
      return pred.location ? `${pred.location.lat},${pred.location.lon}` : null;
    default:
      return pred[field];
  }
}
