// The desk's heavy work, as tasks a worker thread runs over its own connection to the record: reading and
// storing a submitted report and an analyst's correction (both regroup incidents), and every reconciled view.
// Tasks and results are plain data, as they cross between threads; a Problem thrown here (a filter too wide
// to reconcile) reaches the caller as it was thrown.
import type { SealedFieldSource } from '../domain/field-source.js';
import type { Observation } from '../domain/observation.js';
import type { ReportMeta } from '../domain/types.js';
import { linkIncidents } from '../reconcile/link-incidents.js';
import type { TallyBy } from '../reconcile/tally.js';
import type { EventFilter, EventPatch, IngestResult, Store } from '../store/store.js';
import { controlOf, incidentOf, reconciled, tallyOf, weeklyOf, type EventIncident, type WeekLine } from './reckoning.js';

export type DeskTask =
  | { kind: 'submit-report'; text: string; meta: ReportMeta; fieldSource?: SealedFieldSource; sighting?: { url: string | null; seenAt: string | null } }
  | { kind: 'update-event'; id: string; patch: EventPatch; editor: string }
  | { kind: 'event-incident'; observation: Observation }
  | { kind: 'tally'; by: TallyBy; filter: EventFilter }
  | { kind: 'weekly'; filter: EventFilter }
  | { kind: 'control'; filter: EventFilter; at?: string };

export interface DeskResults {
  'submit-report': Pick<IngestResult, 'status' | 'reportId'>;
  'update-event': boolean;
  'event-incident': EventIncident | null;
  tally: ReturnType<typeof tallyOf>;
  weekly: WeekLine[];
  control: ReturnType<typeof controlOf>;
}

export type TaskOf<K extends DeskTask['kind']> = Extract<DeskTask, { kind: K }>;

/** The extractor, loaded on a thread's first report: a thread that only reconciles starts without it. */
const extractor = () => import('../extract/pipeline.js');

/** Loads the extractor and what it reads on first use (gazetteer, lexicon, date rules), so a thread's first report pays only for itself. */
export async function preloadExtractor(): Promise<void> {
  (await extractor()).extractReport('Shelling killed two farmers near Idlib on Monday, a monitor said.', { published: '2016-01-04', source: null, title: null });
}

export async function runDeskTask(store: Store, reconcileLimit: number, task: DeskTask): Promise<DeskResults[DeskTask['kind']]> {
  switch (task.kind) {
    case 'submit-report': {
      const x = (await extractor()).extractReport(task.text, task.meta);
      const r = await store.ingestReport({ text: x.analysis.text, meta: task.meta, extraction: { summary: x.summary, events: x.events, claims: x.claims }, origin: { path: 'api', line: null, id: null }, fieldSource: task.fieldSource, sighting: task.sighting });
      return { status: r.status, reportId: r.reportId };
    }
    case 'update-event':
      return store.updateEvent(task.id, task.patch, task.editor);
    case 'event-incident': {
      // The incident is linked from the events around it; an undated event can only be an incident of its own.
      const o = task.observation;
      const date = o.date?.start;
      const { incidents, rules } = date
        ? await reconciled(store, reconcileLimit, { from: date, to: date, country: o.location?.country ?? undefined }, [o])
        : { incidents: linkIncidents([o]), rules: await store.rangeRules() };
      return incidentOf(o.id, incidents, rules);
    }
    case 'tally':
      return tallyOf(await reconciled(store, reconcileLimit, task.filter), task.by, task.filter);
    case 'weekly':
      return weeklyOf(await reconciled(store, reconcileLimit, task.filter), task.filter);
    case 'control':
      return controlOf(await reconciled(store, reconcileLimit, task.filter), task.at);
  }
}
