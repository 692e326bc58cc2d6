// What an alert reads of an incident (src/domain/alert-condition.ts): its figures (deaths as the incident
// record gives them; wounded and captured by the same casualty rules), whether it is a change of control, and
// where, who and what.
import type { IncidentFacts } from '../domain/alert-condition.js';
import { isControl } from '../domain/observation.js';
import { casualtyRange, type RangeRules } from './casualty-range.js';
import type { Incident } from './link-incidents.js';
import type { IncidentSummary } from './summarize-incident.js';

export function incidentFacts(incident: Incident, s: IncidentSummary, rules: RangeRules = {}): IncidentFacts {
  return {
    figures: {
      killed: s.deaths.best,
      'civilians killed': s.groups.find((g) => g.group === 'civilians')?.best ?? null,
      wounded: casualtyRange(incident, 'wounded', rules).total.best,
      captured: casualtyRange(incident, 'captured', rules).total.best,
      reports: s.reports,
      claimants: s.claimants.length,
    },
    control: incident.observations.some(isControl),
    country: s.country,
    admin1: s.admin1,
    bloc: s.perpetratorBloc,
    type: s.type,
    subType: s.subType,
    dateEnd: s.dateEnd,
  };
}
