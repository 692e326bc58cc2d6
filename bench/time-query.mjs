// Times a query for the store benchmarks: a few warm-up calls, then `runs` timed calls; p50 and p95 of the wall
// time, and of the CPU time this process spent (the whole query for SQLite, which runs in the process; only the
// client's share for PostgreSQL). On a shared machine the wall time includes waiting for a core, the CPU time not.
// A slow query stops after `budget` ms of timed calls (10 calls at least).
export async function timeQuery(label, q, runs, width = 44, budget = 20_000) {
  for (let i = 0; i < 5; i++) await q();
  const ms = [];
  const cpu = [];
  const t0 = performance.now();
  for (let i = 0; i < runs && (i < 10 || performance.now() - t0 < budget); i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    await q();
    ms.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const p = (xs, x) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(x * xs.length))].toFixed(1);
  console.log(`  ${label.padEnd(width)} p50 ${p(ms, 0.5).padStart(7)} ms   p95 ${p(ms, 0.95).padStart(7)} ms   cpu p50 ${p(cpu, 0.5).padStart(6)} ms   p95 ${p(cpu, 0.95).padStart(6)} ms   (${ms.length} runs)`);
}
