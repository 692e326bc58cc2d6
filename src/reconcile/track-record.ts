// A claimant's track record, from the incidents analysts have verified: how often its figure agreed with the
// verified best, and how often it was the first to report. A monitor whose figures keep agreeing with what was
// checked earns trust; one that is often first is worth watching. Unverified incidents say nothing either way.

/** A claim's figure is taken to agree when within this share of the verified best (or within one death). */
export const AGREEMENT_SHARE = 0.1;

export interface VerifiedClaim {
  incident: string;
  /** The incident's best deaths, as verified. */
  verifiedBest: number;
  claimant: string;
  /** The claim's own best (else low); null: it gave no number. */
  figure: number | null;
  /** When the report carrying the claim was published (YYYY-MM-DD), if known. */
  published: string | null;
}

export interface TrackRecord {
  claimant: string;
  /** Verified incidents the claimant gave a figure for. */
  incidents: number;
  agreed: number;
  /** Incidents where its report was the earliest published (ties count for each). */
  first: number;
  /** agreed / incidents, 0..1. */
  agreement: number;
}

export const agrees = (figure: number, best: number): boolean => Math.abs(figure - best) <= Math.max(1, AGREEMENT_SHARE * best);

export function trackRecords(claims: VerifiedClaim[]): TrackRecord[] {
  const byIncident = new Map<string, VerifiedClaim[]>();
  for (const c of claims) byIncident.set(c.incident, [...(byIncident.get(c.incident) ?? []), c]);
  const records = new Map<string, { incidents: Set<string>; agreed: Set<string>; first: Set<string> }>();
  for (const [incident, cs] of byIncident) {
    const dates = cs.map((c) => c.published).filter((d): d is string => d !== null);
    const earliest = dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null;
    for (const c of cs) {
      if (c.figure === null) continue;
      const r = records.get(c.claimant) ?? { incidents: new Set(), agreed: new Set(), first: new Set() };
      r.incidents.add(incident);
      if (agrees(c.figure, c.verifiedBest)) r.agreed.add(incident);
      if (earliest !== null && c.published === earliest) r.first.add(incident);
      records.set(c.claimant, r);
    }
  }
  return [...records]
    .map(([claimant, r]) => ({ claimant, incidents: r.incidents.size, agreed: r.agreed.size, first: r.first.size, agreement: r.agreed.size / r.incidents.size }))
    .sort((a, b) => b.incidents - a.incidents || b.agreement - a.agreement || a.claimant.localeCompare(b.claimant));
}
