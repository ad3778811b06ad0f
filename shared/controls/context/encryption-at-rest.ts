import { withContext } from '../../engine/control.ts';
import { describeKmsKeys } from '../../inventory/kms.ts';
import { SERVERLESS_CACHE } from '../../inventory/cache-resource.ts';
import { encryptionAtRestDefinition } from '../encryption-at-rest.ts';

export const encryptionAtRest = withContext(encryptionAtRestDefinition, {
  loadContext: (resources, session) =>
    describeKmsKeys(
      session,
      resources.flatMap((r) =>
        r.atRestEncryptionEnabled && r.kmsKeyId && (r.engine !== 'memcached' || r.resourceType === SERVERLESS_CACHE) ? [r.kmsKeyId] : [],
      ),
    ),
});
