// Times a query for the store benchmarks: a few warm-up calls, then `runs` timed calls, p50 and p95 printed.
export async function timeQuery(label, q, runs, width = 44) {
  for (let i = 0; i < 5; i++) await q();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await q();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const p = (x) => ms[Math.min(ms.length - 1, Math.floor(x * ms.length))].toFixed(1);
  console.log(`  ${label.padEnd(width)} p50 ${p(0.5).padStart(7)} ms   p95 ${p(0.95).padStart(7)} ms   (${runs} runs)`);
}
