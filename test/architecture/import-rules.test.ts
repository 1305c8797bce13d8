/**
 * The folder imports point one way (DESIGN.md, "Shape of the code"): the domain knows nothing else;
 * providers know the domain and their shared kit, never each other, the schema or the server;
 * simulators never import the code they simulate for; the schema never reaches into providers or
 * server plugins. Only the wiring files at the top of `src/` see everything.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Which areas each area may import from (besides itself); an area is a folder, or a provider folder. */
const ALLOWED: Record<string, (target: string, source: string) => boolean> = {
  domain: () => false,
  'config-values': () => false,
  'providers/kit': (target) => ['domain', 'providers/http', 'config-values'].includes(target),
  // The HTTP client takes its account's cache and shared rate budget, which sit beside it (issue 12).
  'providers/http': (target) => ['domain', 'providers/kit', 'providers/cache'].includes(target),
  'providers/cache': (target) => ['domain', 'providers/http', 'config-values'].includes(target),
  provider: (target) => ['domain', 'providers/http', 'providers/kit', 'providers/cache', 'config-values'].includes(target),
  providers: (target) => target === 'domain' || target === 'config-values' || target.startsWith('providers/'),
  simulator: (target) => target === 'sandbox' || target === 'domain',
  sandbox: (target) => target.startsWith('sandbox/') || target === 'domain',
  schema: (target) => ['domain', 'context'].includes(target),
  context: (target) => target === 'domain',
  // Readiness reports the cache's state.
  server: (target) => ['domain', 'context', 'schema', 'config-values', 'providers/cache'].includes(target),
};

/** `providers/telnyx` and `sandbox/telnyx` are areas of their own kind; files at the top are wiring. */
function areaOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if (parts.length === 1) return parts[0]!.replace(/\.[jt]s$/, '');
  if (parts[0] === 'providers' && parts.length > 2) return ['http', 'kit'].includes(parts[1]!) ? `providers/${parts[1]}` : `providers/${parts[1]}`;
  if (parts[0] === 'sandbox' && parts.length > 2) return `sandbox/${parts[1]}`;
  return parts[0]!;
}

function ruleOf(area: string): ((target: string, source: string) => boolean) | null {
  if (area in ALLOWED) return ALLOWED[area]!;
  if (area.startsWith('providers/')) return ALLOWED.provider!;
  if (area.startsWith('sandbox/')) return ALLOWED.simulator!;
  return null; // wiring: config, gateway, main
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => resolve(dirname(file), match[1]!));
}

describe('import rules', () => {
  it('has every import between folders point the allowed way', () => {
    const violations = sourceFiles(SRC).flatMap((file) => {
      const area = areaOf(file);
      const rule = ruleOf(area);
      if (!rule) return [];
      return importsOf(file)
        .map((target) => areaOf(target))
        .filter((target) => target !== area && !rule(target, area))
        .map((target) => `${relative(SRC, file)} → ${target}`);
    });
    expect(violations).toEqual([]);
  });

  it('knows every folder of src/', () => {
    const areas = new Set(sourceFiles(SRC).map(areaOf));
    const unknown = [...areas].filter((area) => !ruleOf(area) && !['config', 'gateway', 'main'].includes(area));
    expect(unknown).toEqual([]);
  });
});
