/** KMS served from the estate's six keys; any other key is NotFoundException, as KMS answers. */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { KMS_KEYS } from './estate.ts';
import { apiError } from './paging.ts';
import { refuseUnserved, serviceMock, timed, type ServiceMock } from './service-mock.ts';

export function mockKms(): ServiceMock {
  const stub = mockClient(KMSClient);
  refuseUnserved(stub);
  stub.on(DescribeKeyCommand).callsFake(
    timed(async (input) => {
      const key = KMS_KEYS.find((k) => input.KeyId === k.KeyId || input.KeyId === k.Arn);
      if (!key) throw apiError('NotFoundException', `Key '${input.KeyId}' does not exist`);
      return { KeyMetadata: key };
    }),
  );
  return serviceMock(stub, { DescribeKey: DescribeKeyCommand });
}
