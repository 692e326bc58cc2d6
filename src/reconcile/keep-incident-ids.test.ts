// Incident ids an analyst can cite: what happens to them as reports arrive and links are decided.
import { describe, expect, it } from 'vitest';
import { keepIncidentIds, type HeldIncident } from './keep-incident-ids.js';

const held: HeldIncident[] = [
  { id: 'i:afp-1', anchor: 'afp-1', createdAt: '2024-01-01T10:00:00Z' },
  { id: 'i:bbc-1', anchor: 'bbc-1', createdAt: '2024-01-02T10:00:00Z' },
];
const NOW = '2024-02-01T00:00:00Z';

describe('keeping incident ids', () => {
  it('keeps the id when a third outlet joins an incident, even one telling it earlier', () => {
    const [g] = keepIncidentIds([{ members: ['afp-1', 'rtr-0'], first: 'rtr-0' }], held.slice(0, 1), NOW);
    expect(g).toMatchObject({ id: 'i:afp-1', createdAt: '2024-01-01T10:00:00Z' });
  });

  it('lets the older incident keep its id when two merge, whatever their order in the group', () => {
    const [g] = keepIncidentIds([{ members: ['bbc-1', 'afp-1'], first: 'bbc-1' }], held, NOW);
    expect(g.id).toBe('i:afp-1');
  });

  it('gives the part an unlink splits off its own id, and the anchor keeps the old one', () => {
    const out = keepIncidentIds(
      [
        { members: ['afp-1'], first: 'afp-1' },
        { members: ['rtr-0', 'dpa-2'], first: 'rtr-0' },
      ],
      held.slice(0, 1),
      NOW,
    );
    expect(out.map((g) => g.id)).toEqual(['i:afp-1', 'i:rtr-0']);
    expect(out[1].createdAt).toBe(NOW);
  });

  it('names a brand-new incident after its first event', () => {
    expect(keepIncidentIds([{ members: ['x-1'], first: 'x-1' }], [], NOW)[0]).toMatchObject({ id: 'i:x-1', anchor: 'x-1' });
  });
});
