/**
 * Preloaded (`node --import ./bench/cpu-probe.mjs <server>`) into every server the benchmark runs:
 * answers IPC messages `{ probe, id }` with the process's CPU time, its RSS and the peak RSS seen
 * since the last `reset`, sampled every 10 ms. The server's own code is left untouched.
 */
let peakRss = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
  return rss;
};
setInterval(sample, 10).unref();

process.on('message', (message) => {
  if (!message || typeof message.probe !== 'string') return;
  const rss = sample();
  if (message.probe === 'gc' && typeof globalThis.gc === 'function') globalThis.gc();
  const { heapUsed } = process.memoryUsage();
  const cpu = process.cpuUsage();
  process.send?.({ id: message.id, cpuMs: (cpu.user + cpu.system) / 1000, rss, peakRss, heapUsed });
  if (message.probe === 'reset') peakRss = rss;
});
