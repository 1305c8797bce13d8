import { readdirSync, readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/** Validators from the Kubernetes OpenAPI schemas that `kubernetes-models` ships (offline). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

const DIRECTORY = new URL('../../deploy/k8s/', import.meta.url);
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, any> };
const manifests: Manifest[] = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => parseAllDocuments(readFileSync(new URL(file, DIRECTORY), 'utf8')).map((document) => document.toJS() as Manifest));
const byKind = (kind: string) => manifests.find((manifest) => manifest.kind === kind)!;

function validate(manifest: Manifest): void {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

describe('Kubernetes manifests', () => {
  it('are valid against the Kubernetes schemas, and the validator does reject a broken one', () => {
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
    for (const manifest of manifests) expect(() => validate(manifest), `${manifest.kind}`).not.toThrow();
    const broken = structuredClone(byKind('Deployment'));
    broken.spec!.replicas = 'two';
    expect(() => validate(broken)).toThrow();
    const misspelt = structuredClone(byKind('Deployment'));
    misspelt.spec!.template.spec.containers[0].livenessProbe.httpGet.port = { named: 'http' };
    expect(() => validate(misspelt)).toThrow();
  });

  it('probe /health for liveness and /ready for readiness, with resources set', () => {
    const container = byKind('Deployment').spec!.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });

  it('give the pod longer to terminate than the preStop pause plus SHUTDOWN_TIMEOUT_MS', () => {
    const pod = byKind('Deployment').spec!.template.spec;
    const container = pod.containers[0];
    const shutdownMs = Number(container.env.find((variable: { name: string }) => variable.name === 'SHUTDOWN_TIMEOUT_MS').value);
    const preStopSeconds = Number(container.lifecycle.preStop.exec.command[1]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + shutdownMs / 1000);
    expect(container.readinessProbe.timeoutSeconds * 1000).toBeGreaterThan(5_000); // /ready may wait for one probe (READY_PROBE_TIMEOUT_MS)
  });

  it('point the Service, the PodDisruptionBudget and the HPA at the Deployment', () => {
    const deployment = byKind('Deployment');
    const labels = deployment.spec!.template.metadata.labels;
    expect(byKind('Service').spec!.selector).toEqual(labels);
    expect(byKind('PodDisruptionBudget').spec!.selector.matchLabels).toEqual(labels);
    const hpa = byKind('HorizontalPodAutoscaler').spec!;
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.metrics).toEqual([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]);
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
  });
});
