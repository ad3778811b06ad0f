/**
 * What the bundles hold, read from esbuild's metafile of the build's own options, so that a change
 * that drags the AWS SDK back into the hook, or the SDK's profile/SSO machinery into a function, fails
 * here rather than showing up as a slower cold start.
 *
 * Scenarios
 * - Given the CloudFormation hook, then it bundles no AWS SDK package at all and no YAML parser: it
 *   judges the properties CloudFormation hands it, with the catalog's definitions only.
 * - Given any Lambda function, then it bundles none of the nested STS/SSO/SSO OIDC/sign-in clients
 *   and none of the profile, SSO, process or web-identity credential providers: Lambda passes the
 *   role's credentials in the environment (shared/aws/lambda-credentials.ts).
 * - Given scan, then it keeps the SDK's whole default chain (people run it with profiles and SSO).
 * - Given the catalog, then exactly the functions whose control calls EC2 (and the remediation
 *   verifier, which runs every control) bundle the EC2 client, the largest of the SDK clients.
 * - Given a bundle with the EC2 client, then it holds the shapes of the EC2 calls it makes, not the
 *   537 KiB of every EC2 shape (scripts/build.ts, inlineSchemaKeys).
 */
import { controls, iamActionsOf } from '#shared/controls/catalog.ts';
import { functionNames } from '../../../scripts/build.ts';
import { bundleContents, type BundleContents } from '../../../scripts/bundle-report.ts';

const bundles = new Map<string, BundleContents>();

beforeAll(async () => {
  const targets = [...functionNames(), 'scan'];
  const built = await Promise.all(targets.map(async (target) => [target, (await bundleContents(target)).contents] as const));
  for (const [target, contents] of built) bundles.set(target, contents);
}, 180_000);

const packagesOf = (target: string): string[] => [...bundles.get(target)!.byPackage.keys()];

/** The SDK's default chain beyond the environment: what a profile, SSO, credential_process or web identity needs. */
const PROFILE_AND_SSO_MACHINERY = /^@aws-sdk\/(nested-clients|token-providers|credential-provider-(node|ini|sso|process|web-identity|login))$/;

describe('the CloudFormation hook bundle', () => {
  it('holds no AWS SDK package and no YAML parser', () => {
    // Act
    const foreign = packagesOf('cloudformation-hook').filter((name) => /^@(aws-sdk|smithy)\//.test(name) || name === 'yaml');
    // Assess
    expect(foreign).toEqual([]);
  });

  it('judges with the catalog\'s definitions, not the controls bound to their account readers', () => {
    // Act
    const inputs = bundles.get('cloudformation-hook')!.inputs;
    // Assess
    expect(inputs.filter((input) => input.startsWith('shared/controls/context/') || input.startsWith('shared/aws/'))).toEqual([]);
    expect(inputs).toContain('shared/controls/catalog.ts');
  });
});

describe('the Lambda function bundles', () => {
  it.each(functionNames())('%s holds none of the SDK\'s profile and SSO credential machinery', (name) => {
    // Assess
    expect(packagesOf(name).filter((pkg) => PROFILE_AND_SSO_MACHINERY.test(pkg))).toEqual([]);
  });

  it('read their credentials through the Lambda chain wherever a client is bundled', () => {
    // Act
    const withClients = functionNames().filter((name) => packagesOf(name).includes('@aws-sdk/core'));
    // Assess
    expect(withClients.length).toBeGreaterThan(0);
    for (const name of withClients) expect(bundles.get(name)!.inputs).toContain('shared/aws/lambda-credentials.ts');
  });

  it('bundle the EC2 client exactly where a control calls EC2, and in the verifier', () => {
    // Prepare
    const callingEc2 = controls.filter((control) => iamActionsOf(control).some((action) => action.startsWith('ec2:'))).map((control) => control.id);
    // Act
    const withEc2 = functionNames().filter((name) => packagesOf(name).includes('@aws-sdk/client-ec2'));
    // Assess
    expect(callingEc2.length).toBeGreaterThan(0);
    expect(withEc2.sort()).toEqual([...callingEc2, 'remediation-verifier'].sort());
  });
});

describe('the EC2 client in a bundle', () => {
  it.each([...functionNames(), 'scan'])('%s holds only the EC2 shapes it uses', (name) => {
    // Act
    const ec2Bytes = bundles.get(name)!.byPackage.get('@aws-sdk/client-ec2') ?? 0;
    // Assess: 17-27 KiB where used (the client, endpoint rules and a few shapes), 548 KiB with every shape.
    expect(ec2Bytes).toBeLessThan(64 * 1024);
  });
});

describe('the scan bundle', () => {
  it('keeps the SDK\'s whole default credential chain, for profiles and SSO', () => {
    // Assess
    expect(packagesOf('scan')).toEqual(expect.arrayContaining(['@aws-sdk/credential-provider-node', '@aws-sdk/credential-provider-sso', '@aws-sdk/credential-provider-ini']));
    expect(bundles.get('scan')!.inputs).not.toContain('shared/aws/lambda-credentials.ts');
  });
});
