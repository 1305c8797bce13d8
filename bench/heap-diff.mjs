// Compares two V8 heap snapshots (bench/live-subscribers.ts --snapshots DIR writes them):
//   node bench/heap-diff.mjs BEFORE.heapsnapshot AFTER.heapsnapshot [--retainers NAME]
// Prints the object groups (type and constructor name) that grew most in count and size, and with
// --retainers, the retainer chains of a few objects of group NAME in AFTER (what keeps them alive).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { retainers: { type: 'string' }, top: { type: 'string', default: '25' } } });

function load(path) {
  const snapshot = JSON.parse(readFileSync(path, 'utf8'));
  const meta = snapshot.snapshot.meta;
  const nodeFields = meta.node_fields.length;
  const types = meta.node_types[0];
  const at = (field) => meta.node_fields.indexOf(field);
  const [typeAt, nameAt, sizeAt, edgesAt] = [at('type'), at('name'), at('self_size'), at('edge_count')];
  const count = snapshot.nodes.length / nodeFields;
  const group = (index) => {
    const base = index * nodeFields;
    const type = types[snapshot.nodes[base + typeAt]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? snapshot.strings[snapshot.nodes[base + nameAt]] : '';
    return `${type}${name ? ` ${name.slice(0, 60)}` : ''}`;
  };
  const groups = new Map();
  for (let index = 0; index < count; index += 1) {
    const key = group(index);
    const entry = groups.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += snapshot.nodes[index * nodeFields + sizeAt];
    groups.set(key, entry);
  }
  return { snapshot, nodeFields, count, group, groups, edgesAt, typeAt, nameAt, types };
}

const [before, after] = positionals.map(load);
const rows = [...after.groups].map(([key, entry]) => {
  const old = before.groups.get(key) ?? { count: 0, size: 0 };
  return { key, count: entry.count - old.count, size: entry.size - old.size };
});
const total = (heap) => [...heap.groups.values()].reduce((sum, entry) => sum + entry.size, 0);
console.log(`self size: ${(total(before) / 1e6).toFixed(1)} MB → ${(total(after) / 1e6).toFixed(1)} MB`);
for (const row of rows.sort((a, b) => b.size - a.size).slice(0, Number(values.top))) {
  console.log(`${(row.size / 1024).toFixed(0).padStart(8)} KB ${String(row.count).padStart(8)} × ${row.key}`);
}

if (values.retainers) printRetainers(after, values.retainers);

/** For five objects of `name` (the two largest, three spread over the rest), a chain of retainers up to a GC root (12 steps at most). */
function printRetainers(heap, name) {
  const { snapshot, nodeFields, count } = heap;
  const edgeFields = snapshot.snapshot.meta.edge_fields.length;
  const edgeTypes = snapshot.snapshot.meta.edge_types[0];
  const retainers = new Map();
  let edge = 0;
  for (let index = 0; index < count; index += 1) {
    const edges = snapshot.nodes[index * nodeFields + heap.edgesAt];
    for (let step = 0; step < edges; step += 1, edge += edgeFields) {
      const type = edgeTypes[snapshot.edges[edge]];
      if (type === 'weak' || type === 'shortcut') continue;
      const target = snapshot.edges[edge + 2] / nodeFields;
      const label = type === 'element' || type === 'hidden' ? `[${snapshot.edges[edge + 1]}]` : snapshot.strings[snapshot.edges[edge + 1]];
      if (!retainers.has(target)) retainers.set(target, []);
      retainers.get(target).push({ from: index, label });
    }
  }
  const samples = [];
  const all = [];
  for (let index = 0; index < count; index += 1) if (heap.group(index) === name) all.push(index);
  // The two largest, then three spread over the rest.
  const size = (index) => snapshot.nodes[index * nodeFields + snapshot.snapshot.meta.node_fields.indexOf('self_size')];
  const largest = [...all].sort((a, b) => size(b) - size(a)).slice(0, 2);
  samples.push(...largest);
  for (let pick = 0; pick < 3 && all.length > 2; pick += 1) samples.push(all[Math.floor(((pick + 0.5) * all.length) / 3)]);
  for (const sample of samples) {
    const chain = [`${heap.group(sample)} (${size(sample)} bytes)`];
    const seen = new Set([sample]);
    for (let node = sample, depth = 0; depth < 12; depth += 1) {
      // Prefer a JavaScript retainer to the engine's own (synthetic roots, native handles).
      const candidates = (retainers.get(node) ?? []).filter((candidate) => !seen.has(candidate.from));
      const next = candidates.find((candidate) => !heap.group(candidate.from).startsWith('synthetic')) ?? candidates[0];
      if (!next) break;
      chain.push(`  ← .${next.label} of ${heap.group(next.from)}`);
      seen.add(next.from);
      node = next.from;
    }
    console.log(`\n${chain.join('\n')}`);
  }
}
