// Observations are domain types (the store reads them, reconciliation links them); re-exported for callers here.
export * from '../domain/observation.js';
