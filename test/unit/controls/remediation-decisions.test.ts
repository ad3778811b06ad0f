/**
 * The catalog's remediation decisions (shared/controls/<id>.ts) against what each evaluator can flag
 * and against the runbook registry (infra/remediation-documents.ts): every control and resource type
 * it can report NON_COMPLIANT has a decision, every runbook named exists and takes that type, and an
 * automated decision names a runbook Config may run by itself.
 */
import { controls } from '#shared/controls/catalog.ts';
import type { ControlDefinition, RemediationDecision, ResourceType } from '#shared/engine/control.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { parseParameters } from '#shared/engine/parameters.ts';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResourceType } from '#shared/inventory/cache-resource.ts';
import { remediationDocuments } from '../../../infra/remediation-documents.ts';
import { documentNamed, modeOf, resourceTypesOf, wiredDocument } from '../../../infra/remediation-plan.ts';
import { cacheResource } from '../../support/fixtures.ts';

const ALL: readonly CacheResourceType[] = [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE];

/**
 * The types each evaluator can report NON_COMPLIANT, read from shared/evaluators/<id>.ts. A serverless
 * cache is always COMPLIANT for TLS (TLS only), high availability (multi-AZ by design) and minor
 * upgrades (applied by ElastiCache), and NOT_APPLICABLE for log delivery and event notifications.
 * The snapshot controls flag both snapshot types; cross-region-recovery flags a critical standalone
 * Redis OSS / Valkey cluster and a critical serverless cache (neither can join a global datastore).
 */
const FLAGGED: Readonly<Record<string, readonly ResourceType[]>> = {
  'encryption-in-transit': [REPLICATION_GROUP, CACHE_CLUSTER],
  'encryption-at-rest': ALL,
  'automatic-backup': ALL,
  'subnet-privacy': ALL,
  authentication: ALL,
  'security-group-exposure': ALL,
  'default-subnet-group': ALL,
  'high-availability': [REPLICATION_GROUP, CACHE_CLUSTER],
  'auto-minor-version-upgrade': [REPLICATION_GROUP, CACHE_CLUSTER],
  'engine-version': ALL,
  'log-delivery': [REPLICATION_GROUP, CACHE_CLUSTER],
  'event-notifications': [REPLICATION_GROUP, CACHE_CLUSTER],
  'snapshot-encryption': [SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT],
  'snapshot-retention': [SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT],
  'cross-region-recovery': ALL,
};

type Runbook = Extract<RemediationDecision, { document: string }>;
const pairsOf = (control: ControlDefinition<any, any>) =>
  Object.entries(control.remediationDecisions).flatMap(([type, decisions]) => (decisions ?? []).map((decision) => [type, decision] as const));
const runbookPairs = (control: ControlDefinition<any, any>) =>
  pairsOf(control).filter((pair): pair is readonly [string, Runbook] => 'document' in pair[1]);

describe.each(controls.map((control) => [control.id, control] as const))('%s', (id, control) => {
  it('decides for exactly the resource types its evaluator can flag', () => {
    expect(Object.keys(control.remediationDecisions).sort()).toEqual([...(FLAGGED[id] ?? [])].sort());
    for (const type of Object.keys(control.remediationDecisions)) expect(control.resourceTypes).toContain(type);
  });

  it('names only registered runbooks of this control that take the type', () => {
    for (const [type, decision] of runbookPairs(control)) {
      const document = documentNamed(decision.document);
      expect({ type, file: decision.document, registered: document !== undefined }).toEqual({ type, file: decision.document, registered: true });
      expect({ file: decision.document, controlId: document!.controlId }).toEqual({ file: decision.document, controlId: id });
      expect({ file: decision.document, takes: resourceTypesOf(document!) }).toEqual({
        file: decision.document,
        takes: expect.arrayContaining([type]),
      });
    }
  });

  it('names an automated-mode runbook in every automated decision', () => {
    for (const [type, decision] of runbookPairs(control).filter(([, d]) => d.kind === 'automated')) {
      expect({ type, file: decision.document, mode: modeOf(documentNamed(decision.document)!) }).toEqual({
        type,
        file: decision.document,
        mode: 'automated',
      });
    }
  });

  it('wires at most one runbook to its rule, since Config keeps one remediation per rule', () => {
    const automated = new Set(runbookPairs(control).filter(([, d]) => d.kind === 'automated').map(([, d]) => d.document));
    expect(automated.size).toBeLessThanOrEqual(1);
    expect(wiredDocument(control)?.file).toBe([...automated][0]);
  });

  it('says which findings each decision answers when a type has several, and gives steps where none is in place', () => {
    for (const decisions of Object.values(control.remediationDecisions)) {
      if ((decisions ?? []).length > 1) for (const decision of decisions ?? []) expect(decision.when).toEqual(expect.any(String));
    }
    for (const [, decision] of pairsOf(control)) {
      if ('steps' in decision) expect(decision.steps.length).toBeGreaterThan(0);
      else expect(decision.summary.length).toBeGreaterThan(20);
    }
  });
});

/** Control × type pairs without a decision: the evaluator must never say NON_COMPLIANT there. */
const UNDECIDED = controls.flatMap((control) =>
  (control.resourceTypes as readonly CacheResourceType[]).filter((type) => !(FLAGGED[control.id] ?? []).includes(type)).map((type) => [control.id, type, control] as const),
);

describe.each(UNDECIDED)('%s on %s', (_id, resourceType, control) => {
  it.each(['redis', 'valkey', 'memcached', 'unknown-engine'])('is never NON_COMPLIANT, even for %s reporting nothing', (engine) => {
    // Prepare: a resource that reports none of the fields the controls read. These controls need no context.
    const resource = cacheResource({
      resourceType,
      engine,
      engineVersion: undefined,
      transitEncryptionEnabled: undefined,
      transitEncryptionMode: undefined,
      autoMinorVersionUpgrade: undefined,
      automaticFailover: undefined,
      multiAZ: undefined,
      shards: [],
      logDeliveries: [],
      notificationSettings: [],
    });
    // Act
    const verdict = control.evaluate(resource, parseParameters(control.parameters, {}), undefined);
    // Assess
    expect(verdict.compliance).not.toBe('NON_COMPLIANT');
  });
});

describe('the runbook registry', () => {
  it('holds no runbook that no decision of its control names', () => {
    const named = new Set(controls.flatMap((control) => runbookPairs(control).map(([, decision]) => decision.document)));
    expect(remediationDocuments.map((document) => document.file).filter((file) => !named.has(file))).toEqual([]);
  });
});
