// One colour per perpetrator bloc, the same on the map, the timeline and the chips. Colour-blind-safe
// hues (Okabe-Ito and Tol) for the sides that recur; the rest in grey.
const COLOURS: Record<string, string> = {
  'pro-government': '#c0392b',
  government: '#c0392b',
  opposition: '#2e86c1',
  'jihadist-opposition': '#7d3c98',
  'islamic-state': '#1b1b1b',
  'kurdish-forces': '#d4ac0d',
  'international-coalition': '#16a085',
  'saudi-led-coalition': '#117a65',
  insurgents: '#a04000',
  civilians: '#5d6d7e',
  unknown: '#95a5a6',
};
const EXTRA = ['#e67e22', '#8e44ad', '#27ae60', '#d35400', '#2c3e50', '#f1948a'];
const assigned = new Map<string, string>();

export function blocColour(bloc: string | null | undefined): string {
  const b = bloc || 'unknown';
  if (COLOURS[b]) return COLOURS[b];
  if (!assigned.has(b)) assigned.set(b, EXTRA[assigned.size % EXTRA.length]);
  return assigned.get(b)!;
}

export const KNOWN_BLOCS = ['pro-government', 'opposition', 'jihadist-opposition', 'islamic-state', 'kurdish-forces', 'international-coalition', 'saudi-led-coalition', 'insurgents', 'civilians', 'unknown'];
