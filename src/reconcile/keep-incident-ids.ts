// Stable incident ids. An incident's id is `i:` and the event it was first seen with (its anchor), and
// it is never renamed while that event stays in it: regrouping a neighbourhood (a new report, an
// analyst's link or unlink) gives each new group the id of the oldest incident whose anchor it holds.
// When two incidents merge, the older one (first seen earlier) keeps its id and the other's ends; a
// group holding no anchor (a new incident, or the part an unlink split off) takes its first event as
// anchor. An id is always its anchor's, and every event is in one group, so no two groups can share one.

/** An incident as the record holds it: its id, the event it is named after, and when it was first seen. */
export interface HeldIncident {
  id: string;
  anchor: string;
  createdAt: string;
}

/** A group of event ids; `first` is the event a new incident is named after (the earliest told). */
export interface Group {
  members: string[];
  first: string;
}

export interface Named {
  id: string;
  anchor: string;
  createdAt: string;
  members: string[];
}

export const incidentIdFor = (anchor: string) => `i:${anchor}`;

export function keepIncidentIds(groups: Group[], held: HeldIncident[], now: string): Named[] {
  const byAnchor = new Map(held.map((h) => [h.anchor, h]));
  return groups.map((g) => {
    const kept = g.members
      .map((m) => byAnchor.get(m))
      .filter((h): h is HeldIncident => h !== undefined)
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id))[0];
    if (kept) return { id: kept.id, anchor: kept.anchor, createdAt: kept.createdAt, members: g.members };
    return { id: incidentIdFor(g.first), anchor: g.first, createdAt: now, members: g.members };
  });
}
