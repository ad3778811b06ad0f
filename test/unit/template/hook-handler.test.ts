/**
 * The hook's parameters and requests at their edges (the handler's main paths are in
 * cloudformation-hook.test.ts).
 *
 * Scenarios
 * - Given HOOK_PARAMETERS that is JSON but not an object of control ids, or that gives a control a
 *   value other than an object of parameters, then it is refused naming what is wrong, never read
 *   as the defaults.
 * - Given HOOK_PARAMETERS left empty, then every control judges with its defaults.
 * - Given a request without targetLogicalId, then InternalFailure naming it.
 * - Given a request without clientRequestToken, then the answer carries none.
 * - Given a cache judged only on controls that need nothing from the account, then SUCCESS with no
 *   "judged once deployed" list.
 * - Given the Lambda entry with its defaults, then it reads process.env and logs through the
 *   central logger.
 */
import { controls as catalog } from '#shared/controls/catalog.ts';
import { logEntries } from '../../support/captured-output.ts';
import { HookRequestError, createHookHandler, hookParameters, judgeHookRequest } from '#shared/template/hook-handler.ts';

const request = (requestData: Record<string, unknown>, token?: string): Record<string, unknown> => ({
  ...(token ? { clientRequestToken: token } : {}),
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: { targetName: 'AWS::ElastiCache::ServerlessCache', targetType: 'AWS::ElastiCache::ServerlessCache', targetLogicalId: 'Sessions', ...requestData },
});

// Every property the controls read of a serverless cache, hardened, as CloudFormation hands them (resolved, as strings).
const SERVERLESS = {
  ServerlessCacheName: 'sessions',
  Engine: 'valkey',
  MajorEngineVersion: '8',
  SnapshotRetentionLimit: '7',
  SubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  SecurityGroupIds: ['sg-0123456789abcdef0'],
  UserGroupId: 'sessions-users',
};

describe('HOOK_PARAMETERS', () => {
  it.each<[string, string, RegExp]>([
    ['a JSON list', '["automatic-backup"]', /HOOK_PARAMETERS must be a JSON object of control ids/],
    ['a JSON string', '"automatic-backup"', /HOOK_PARAMETERS must be a JSON object of control ids/],
    ['a control given a value instead of its parameters', '{"automatic-backup": "14"}', /HOOK_PARAMETERS automatic-backup must be an object of parameter values/],
    ['a control given a list', '{"automatic-backup": ["minimumRetentionDays=14"]}', /HOOK_PARAMETERS automatic-backup must be an object of parameter values/],
    ['a parameter given as a number', '{"automatic-backup": {"minimumRetentionDays": 14}}', /HOOK_PARAMETERS automatic-backup\.minimumRetentionDays: .*must be a string/],
  ])('refuses %s, naming what is wrong', (_what, value, message) => {
    expect(() => hookParameters({ HOOK_PARAMETERS: value })).toThrow(HookRequestError);
    expect(() => hookParameters({ HOOK_PARAMETERS: value })).toThrow(message);
  });

  it('gives every control its defaults when HOOK_PARAMETERS is blank', () => {
    const parameters = hookParameters({ HOOK_PARAMETERS: '   ' });
    expect(parameters['automatic-backup']).toEqual(hookParameters({})['automatic-backup']);
    expect(parameters['automatic-backup']).toMatchObject({ minimumRetentionDays: 1 });
  });
});

describe('judging one hook request', () => {
  const parameters = hookParameters({ HOOK_PARAMETERS: JSON.stringify({ authentication: { allowAuthToken: 'true' } }) });

  it('fails a request without targetLogicalId with InternalFailure, echoing no token it was not given', async () => {
    const { response } = await judgeHookRequest(request({ targetLogicalId: '' }), { parameters });
    expect(response).toEqual({ hookStatus: 'FAILED', errorCode: 'InternalFailure', message: 'The hook request cannot be judged: requestData.targetLogicalId is missing.' });
  });

  it('passes a cache on controls that need nothing from the account, with nothing left for later', async () => {
    // Prepare: the network and access controls always need the account for a single resource; these do not.
    const judged = catalog.filter((c) => ['automatic-backup', 'encryption-at-rest', 'encryption-in-transit'].includes(c.id));
    // Act
    const { response, findings } = await judgeHookRequest(request({ targetModel: { resourceProperties: SERVERLESS } }), { parameters, controls: judged, now: new Date('2026-12-07T00:00:00Z') });
    // Assess
    expect(findings.map((f) => [f.control, f.compliance])).toEqual([['encryption-in-transit', 'COMPLIANT'], ['encryption-at-rest', 'COMPLIANT'], ['automatic-backup', 'COMPLIANT']]);
    expect(response).toEqual({ hookStatus: 'SUCCESS', message: 'Sessions (AWS::ElastiCache::ServerlessCache) passes every control that can be judged before deployment.' });
  });

  it('names one failed control in the singular', async () => {
    const { response } = await judgeHookRequest(request({ targetModel: { resourceProperties: { ...SERVERLESS, SnapshotRetentionLimit: '0' } } }, 'token-1'), { parameters });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'token-1' });
    expect(response.message).toMatch(/^Sessions \(AWS::ElastiCache::ServerlessCache\) fails 1 control: automatic-backup: /);
  });
});

describe('the Lambda entry with its defaults', () => {
  const saved = process.env.HOOK_PARAMETERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.HOOK_PARAMETERS;
    else process.env.HOOK_PARAMETERS = saved;
  });

  it('reads HOOK_PARAMETERS from process.env and logs the verdict through the central logger', async () => {
    // Prepare
    process.env.HOOK_PARAMETERS = JSON.stringify({ 'automatic-backup': { minimumRetentionDays: '14' } });
    // Act
    const response = await createHookHandler()(request({ targetModel: { resourceProperties: SERVERLESS } }, 'token-2'));
    // Assess: 7 days of backups are too few with the 14 the environment asks.
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'token-2', message: expect.stringContaining('automatic-backup') });
    expect(logEntries('INFO')).toEqual([expect.objectContaining({ message: 'hook verdict', hookStatus: 'FAILED', target: 'Sessions' })]);
  });
});
