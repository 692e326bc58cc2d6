// Every migration, by file name. Kysely's Migrator runs them in name order. They are imported here rather than
// found on disk so they load the same from dist/ (node) and src/ (vitest, tsx); a test checks this list
// matches the folder, so a new migration file cannot be forgotten.
import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as linkDecisions from './0002-link-decisions.js';
import * as scale from './0003-scale.js';
import * as datasetColumns from './0004-dataset-columns.js';
import * as incidents from './0005-incidents.js';
import * as deskTables from './0006-desk-tables.js';
import * as sightings from './0007-sightings.js';
import * as alerts from './0008-alerts.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-link-decisions': linkDecisions,
  '0003-scale': scale,
  '0004-dataset-columns': datasetColumns,
  '0005-incidents': incidents,
  '0006-desk-tables': deskTables,
  '0007-sightings': sightings,
  '0008-alerts': alerts,
};
