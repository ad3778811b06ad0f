import { withContext } from '../../engine/control.ts';
import { loadAccessDirectory } from '../../inventory/user-groups.ts';
import { authenticationDefinition } from '../authentication.ts';

export const authentication = withContext(authenticationDefinition, {
  loadContext: async (resources, session, run) => ({
    directory: await loadAccessDirectory(resources, session),
    evaluationTime: run.evaluationTime,
  }),
});
