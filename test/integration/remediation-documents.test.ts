/**
 * Every remediation document against the local emulator, whatever it remediates: each
 * PropertySelector and output Selector of its API steps resolves, on a real Describe response, to a
 * value of the modelled type, and SSM accepts the document. Each runbook's own runs (every
 * NON_COMPLIANT fixture to COMPLIANT, refusals changing nothing) are in test/integration/remediation/.
 */
import * as elasticache from '@aws-sdk/client-elasticache';
import { CreateDocumentCommand, SSMClient } from '@aws-sdk/client-ssm';
import { documentText, loadDocument, remediationDocuments, type AutomationStep } from '../../infra/remediation-documents.ts';
import { asJson } from '../support/automation-dry-run.ts';
import {
  createCacheCluster,
  createReplicationGroup,
  createServerlessCache,
  estateClients,
  type EstateClients,
} from '../../scripts/local-aws/estate-builders.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';
import { group } from '../support/emulator.ts';
import { botocoreModels, select, shapeAtSelector } from '../support/ssm-validator.ts';

// One emulator for the file, seeded once: every test here only reads (or registers a document).
let server: MotoServer;
let env: Record<string, string>;
let aws: EstateClients;

beforeAll(async () => {
  server = await startMotoServer();
  env = awsEnvFor(server);
  aws = estateClients(env);
  await createTargets();
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

/** The resource each id input is pointed at: one of each kind (snapshots too), TLS on in preferred mode, with logs and a topic. */
const TARGETS: Record<string, Record<string, string>> = {
  ReplicationGroupId: { ReplicationGroupId: 'any-group' },
  CacheClusterId: { CacheClusterId: 'any-cluster' },
  ServerlessCacheName: { ServerlessCacheName: 'any-serverless' },
  SnapshotName: { SnapshotName: 'any-snapshot' },
  ServerlessCacheSnapshotName: { ServerlessCacheSnapshotName: 'any-serverless-snapshot' },
};

async function createTargets(): Promise<void> {
  await createReplicationGroup(aws, group('any-group', { tls: 'preferred', slowLogGroup: '/aws/elasticache/slow', notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops' }));
  await createCacheCluster(aws, { id: 'any-cluster', engine: 'redis', engineVersion: '7.1', tls: false, retentionDays: 1 });
  await createServerlessCache(aws, { name: 'any-serverless', engine: 'valkey', majorEngineVersion: '8', subnetIds: [], retentionDays: 1 });
  await aws.elasticache.send(new elasticache.CreateSnapshotCommand({ SnapshotName: 'any-snapshot', ReplicationGroupId: 'any-group' }));
  await aws.elasticache.send(new elasticache.CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'any-serverless-snapshot', ServerlessCacheName: 'any-serverless' }));
}

describe('every selector of every document, on a real Describe response', () => {
  const models = botocoreModels();
  const selectors = remediationDocuments.flatMap(({ file }) =>
    loadDocument(file).mainSteps.flatMap((step) => {
      if (!['aws:executeAwsApi', 'aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'].includes(step.action)) return [];
      const found: { file: string; step: AutomationStep; selector: string }[] = [];
      if (typeof step.inputs['PropertySelector'] === 'string') found.push({ file, step, selector: step.inputs['PropertySelector'] });
      for (const output of step.outputs ?? []) found.push({ file, step, selector: output.Selector });
      return found;
    }),
  );
  const JS_TYPE: Record<string, string> = { string: 'string', integer: 'number', long: 'number', boolean: 'boolean' };

  it.each(selectors.map((entry) => [entry.file, entry.step.name, entry.selector, entry] as const))(
    '%s %s: %s resolves to a value of the modelled type',
    async (_file, _step, selector, { step }) => {
      // Prepare
      const api = String(step.inputs['Api']);
      const model = models('elasticache')!;
      const leaf = shapeAtSelector(model, model.operations[api]!.output!.shape, selector);
      if (!('shape' in leaf)) throw new Error(leaf.problem);
      const target = Object.keys(TARGETS).find((input) => input in step.inputs)!;
      // Act
      const Command = (elasticache as unknown as Record<string, new (input: unknown) => never>)[`${api}Command`]!;
      const response = asJson(await aws.elasticache.send(new Command(TARGETS[target])));
      // Assess
      const value = select(response, selector);
      expect({ selector, type: typeof value }).toEqual({ selector, type: JS_TYPE[leaf.shape.type] });
    },
    30_000,
  );
});

describe('SSM CreateDocument', () => {
  it.each(remediationDocuments.map(({ file }) => [file]))('accepts %s as a YAML Automation document', async (file) => {
    // Prepare
    const name = file.replace(/\.yaml$/, '');
    const declared = loadDocument(file).parameters;
    const ssm = new SSMClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
      maxAttempts: 1,
    });
    // Act
    const { DocumentDescription: created } = await ssm.send(
      new CreateDocumentCommand({ Name: name, Content: documentText(file), DocumentType: 'Automation', DocumentFormat: 'YAML' }),
    );
    // Assess
    expect(created).toMatchObject({ Name: name, DocumentType: 'Automation', DocumentFormat: 'YAML', SchemaVersion: '0.3' });
    const parameters = (created?.Parameters ?? []).map(({ Name, Type }) => ({ Name, Type }));
    expect(parameters).toEqual(Object.entries(declared).map(([Name, { type }]) => ({ Name, Type: type })));
    // The first SSM call makes moto load its SSM backend, which takes seconds on a loaded machine.
  }, 30_000);
});
