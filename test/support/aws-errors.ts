/**
 * The refusals the AWS services answer with, shaped as the SDK raises them: each service's own
 * exception class, name, fault and status, and a message in the service's own words.
 */
import { ConfigServiceServiceException } from '@aws-sdk/client-config-service';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { KMSServiceException } from '@aws-sdk/client-kms';
import { ACCOUNT_ID } from './fixtures.ts';

/** The rule's execution role, as a refusal names the caller. */
const CALLER = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/rule-role/fn`;

/** ElastiCache refusing `action` (for example elasticache:DescribeCacheClusters) to the rule's role. */
export function accessDenied(action: string): ElastiCacheServiceException {
  return new ElastiCacheServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User: ${CALLER} is not authorized to perform: ${action}`,
  });
}

/**
 * KMS refusing DescribeKey (an IAM policy or a key policy leaving the caller out), on the given key
 * when there is one.
 */
export function kmsAccessDenied(keyArn?: string): KMSServiceException {
  return new KMSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: ${CALLER} is not authorized to perform: kms:DescribeKey${keyArn === undefined ? '' : ` on resource: ${keyArn}`}`,
  });
}

/** EC2 refusing a call: EC2 says UnauthorizedOperation where the other services say AccessDenied. */
export function ec2Unauthorized(): EC2ServiceException {
  return new EC2ServiceException({
    name: 'UnauthorizedOperation',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: 'You are not authorized to perform this operation.',
  });
}

/** AWS Config refusing `action` (for example config:GetResourceConfigHistory). */
export function configAccessDenied(action: string): ConfigServiceServiceException {
  return new ConfigServiceServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `not authorized to perform: ${action}`,
  });
}
