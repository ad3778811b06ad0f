/**
 * The credential chain of the Lambda bundles: scripts/build.ts puts this module in place of the
 * SDK's default chain (@aws-sdk/credential-provider-node) in every function, never in `scan`.
 *
 * Lambda hands a function its execution role's credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (the Lambda Developer Guide's reserved environment
 * variables); an environment serving them from a container endpoint instead
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI) is read too. The rest of the default chain
 * (SSO, profile files, credential_process, web identity, instance metadata) cannot apply in Lambda,
 * and it bundles the nested STS, SSO, SSO OIDC and sign-in clients into every function. The
 * cross-account role of organization mode is assumed by shared/aws/execution-role.ts, not here.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from '@aws-sdk/types';

export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
}

/** Refreshed this long before they expire, as the SDK's default chain does. */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

/** Same name and call shape as the default chain's export, which the SDK clients' runtime config calls. */
export function defaultProvider(init: { logger?: Logger } = {}): AwsCredentialIdentityProvider {
  let fromEndpoint: Promise<AwsCredentialIdentity> | undefined;
  const logger = init.logger ? { logger: init.logger } : {};
  return async () => {
    const env = process.env;
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return fromEnv(logger)();
    if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
      const held = fromEndpoint && (await fromEndpoint.catch(() => undefined));
      if (!held || (held.expiration && held.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS)) fromEndpoint = fromHttp(logger)();
      return fromEndpoint!;
    }
    throw new MissingCredentialsError(
      'No AWS credentials: Lambda sets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the function\'s execution role, and neither they nor AWS_CONTAINER_CREDENTIALS_FULL_URI are set.',
    );
  };
}
