// Deaths per week, stacked by perpetrator bloc (reconciled: an incident counts once however many reports told it).
import * as Plot from '@observablehq/plot';
import type { WeekLine } from '../../src/api/reckoning.js';
import { blocColour } from './blocs.js';

export function timeline(weeks: WeekLine[], width: number): SVGSVGElement | HTMLElement {
  const blocs = [...new Set(weeks.map((w) => w.bloc))].sort();
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 44,
    style: { fontSize: '11px', fontFamily: 'inherit', background: 'transparent' },
    x: { type: 'utc', label: null },
    y: { label: 'killed per week (best)', grid: true },
    color: { domain: blocs, range: blocs.map(blocColour), legend: true },
    marks: [
      Plot.rectY(weeks, { x: (w: WeekLine) => new Date(`${w.week}T00:00:00Z`), interval: 'monday', y: 'best', fill: 'bloc', tip: { format: { x: (d: Date) => `week of ${d.toISOString().slice(0, 10)}` } } }),
      Plot.ruleY([0]),
    ],
  });
}
