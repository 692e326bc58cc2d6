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
import * as fieldSources from './0007-field-sources.js';
import * as reviews from './0008-reviews.js';
import * as substringSearch from './0009-substring-search.js';
import * as watchedSources from './0010-watched-sources.js';
import * as sightings from './0011-sightings.js';
import * as alerts from './0012-alerts.js';
import * as settings from './0013-settings.js';
import * as matchIndexes from './0014-match-indexes.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-link-decisions': linkDecisions,
  '0003-scale': scale,
  '0004-dataset-columns': datasetColumns,
  '0005-incidents': incidents,
  '0006-desk-tables': deskTables,
  '0007-field-sources': fieldSources,
  '0008-reviews': reviews,
  '0009-substring-search': substringSearch,
  '0010-watched-sources': watchedSources,
  '0011-sightings': sightings,
  '0012-alerts': alerts,
  '0013-settings': settings,
  '0014-match-indexes': matchIndexes,
};
