/**
 * Which accounts and regions a scan covers: the caller's own account, or each account of --accounts
 * entered through --assume-role; the regions named, the SDK's default one, or every enabled region
 * (ec2:DescribeRegions, asked in each account, since opt-in regions differ between accounts).
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { describe, isAccessDenied } from '#shared/engine/errors.ts';
import { createSharedSession, type CallCounter } from './shared-session.ts';

/** The scan's identity in one account. */
export interface AccountTarget {
  account: string;
  /** Undefined: the SDK's default credential chain (environment, --profile). */
  credentials: AwsCredentialIdentity | undefined;
}

/** The endpoint host an error says does not resolve (getaddrinfo ENOTFOUND), if that is what it says. */
export function unresolvedHostOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; hostname?: unknown; message?: unknown } | undefined;
  if (e?.code !== 'ENOTFOUND') return undefined;
  if (typeof e.hostname === 'string') return e.hostname;
  return typeof e.message === 'string' ? /ENOTFOUND (\S+)/.exec(e.message)?.[1] : undefined;
}

/**
 * Said instead of the raw "getaddrinfo ENOTFOUND sts.eu-wset-1.amazonaws.com": the usual cause is a
 * mistyped Region, which the command line cannot tell from a real one (new Regions keep coming).
 */
export function unreachableRegionMessage(region: string, host: string): string {
  return `Region ${region} could not be reached (${host} does not resolve): the Region name may be wrong (aws ec2 describe-regions lists them), or there is no network.`;
}

/** AWS refused what a scan needs before any cache can be listed; names the action and where. */
export class AwsAccessError extends Error {
  override readonly name = 'AwsAccessError';
  constructor(
    readonly action: string,
    readonly where: string,
    cause: unknown,
    region?: string,
  ) {
    const host = unresolvedHostOf(cause);
    super(
      host && region
        ? unreachableRegionMessage(region, host)
        : isAccessDenied(cause)
          ? `Access denied for ${action} (${where}): grant it to the credentials the scan uses (see --print-policy).`
          : `${action} failed (${where}): ${describe(cause)}`,
      { cause },
    );
  }
}

/** Long enough for a many-region scan of a large account, short enough to limit a leaked token's use. */
const SESSION_SECONDS = 3600;

/** The region the SDK would use (AWS_REGION, the profile's region); undefined when none is configured. */
export async function defaultRegion(): Promise<string | undefined> {
  try {
    return await new STSClient({}).config.region();
  } catch {
    return undefined;
  }
}

export async function callerAccount(region: string, counter: CallCounter): Promise<string> {
  const sts = createSharedSession(region, counter).client(STSClient);
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Account) throw new Error('STS returned no account id');
    return Account;
  } catch (error) {
    throw new AwsAccessError('sts:GetCallerIdentity', `region ${region}; are credentials configured?`, error, region);
  }
}

/** A role name becomes the role of that name in the account; a full ARN may say ACCOUNT for it. */
export function roleArnFor(role: string, account: string, partition = 'aws'): string {
  return role.startsWith('arn:') ? role.replace('ACCOUNT', account) : `arn:${partition}:iam::${account}:role/${role}`;
}

export async function assumeRoleIn(account: string, role: string, region: string, counter: CallCounter): Promise<AccountTarget> {
  const roleArn = roleArnFor(role, account);
  const sts = createSharedSession(region, counter).client(STSClient);
  try {
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'elasticache-config-rules-scan', DurationSeconds: SESSION_SECONDS }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('STS returned no credentials');
    return {
      account,
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) },
    };
  } catch (error) {
    throw new AwsAccessError(`sts:AssumeRole on ${roleArn}`, `account ${account}`, error, region);
  }
}

/** Every region enabled for the account (opted-in or not requiring opt-in), sorted. */
export async function enabledRegions(target: AccountTarget, region: string, counter: CallCounter): Promise<string[]> {
  const ec2 = createSharedSession(region, counter, target.credentials).client(EC2Client);
  try {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
    return (Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
  } catch (error) {
    throw new AwsAccessError('ec2:DescribeRegions', `account ${target.account}, region ${region}`, error, region);
  }
}
