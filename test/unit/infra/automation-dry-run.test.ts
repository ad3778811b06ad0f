/**
 * The Automation dry run's own semantics, on small documents with fake API, script and Lambda
 * callers (no emulator): what onFailure and isCritical do to the run, how executeScript outputs are
 * selected and fail a step, what invokeLambdaFunction returns, and parameter defaults.
 */
import type { AutomationDocument, AutomationStep } from '../../../infra/remediation-documents.ts';
import { dryRun, type LambdaInvoker, type ScriptRunner } from '../../support/automation-dry-run.ts';

const script = (name: string, extra: Partial<AutomationStep> = {}): AutomationStep => ({
  name,
  action: 'aws:executeScript',
  timeoutSeconds: 60,
  inputs: { Runtime: 'python3.11', Handler: 'handler', Script: name, InputPayload: { Value: '{{ Value }}' } },
  ...extra,
});

const documentOf = (...mainSteps: AutomationStep[]): AutomationDocument => ({
  schemaVersion: '0.3',
  parameters: { Value: { type: 'String', default: 'from-default' } },
  mainSteps,
});

/** Runs each script by its name: `fail*` raises, anything else returns its payload and its name. */
const runScript: ScriptRunner = async (text, _handler, payload) => {
  if (text.startsWith('fail')) throw new Error(`Exception: ${text} raised`);
  return { Step: text, ...payload };
};
const noApi = async () => {
  throw new Error('no API call expected');
};

describe('dryRun', () => {
  it('fills a parameter that is not given with its default, and selects a script output from $.Payload', async () => {
    // Prepare
    const document = documentOf(
      script('first', { outputs: [{ Name: 'Seen', Selector: '$.Payload.Value', Type: 'String' }] }),
      { ...script('second'), inputs: { ...script('second').inputs, InputPayload: { Value: '{{ first.Seen }}' } } },
    );
    const seen: unknown[] = [];
    // Act
    const result = await dryRun(document, {}, noApi, { runScript: async (text, handler, payload) => (seen.push(payload), runScript(text, handler, payload)) });
    // Assess
    expect(result).toEqual({ outcome: 'succeeded', ran: ['first', 'second'] });
    expect(seen).toEqual([{ Value: 'from-default' }, { Value: 'from-default' }]);
  });

  it('ends failed at a script that raises (onFailure Abort by default), running nothing after it', async () => {
    const result = await dryRun(documentOf(script('fail-here'), script('after')), {}, noApi, { runScript });
    expect(result).toMatchObject({ outcome: 'failed', at: 'fail-here', ran: ['fail-here'], reason: 'Exception: fail-here raised' });
  });

  it('goes on after a failure with onFailure Continue, which is not critical unless it says so', async () => {
    const lenient = await dryRun(documentOf(script('fail-soft', { onFailure: 'Continue' }), script('after')), {}, noApi, { runScript });
    const strict = await dryRun(documentOf(script('fail-hard', { onFailure: 'Continue', isCritical: true }), script('after')), {}, noApi, { runScript });
    expect(lenient).toMatchObject({ outcome: 'succeeded', ran: ['fail-soft', 'after'], failures: [{ step: 'fail-soft' }] });
    expect(strict).toMatchObject({ outcome: 'failed', at: 'fail-hard', ran: ['fail-hard', 'after'] });
  });

  it('jumps to the step onFailure names, still ending failed unless isCritical is false', async () => {
    const steps = (critical?: boolean) =>
      documentOf(script('fail-jump', { onFailure: 'step:cleanup', ...(critical === undefined ? {} : { isCritical: critical }) }), script('skipped'), script('cleanup'));
    const critical = await dryRun(steps(), {}, noApi, { runScript });
    const notCritical = await dryRun(steps(false), {}, noApi, { runScript });
    expect(critical).toMatchObject({ outcome: 'failed', at: 'fail-jump', ran: ['fail-jump', 'cleanup'] });
    expect(notCritical).toMatchObject({ outcome: 'succeeded', ran: ['fail-jump', 'cleanup'] });
  });

  it('fails a script step whose declared output selects nothing', async () => {
    const result = await dryRun(documentOf(script('first', { outputs: [{ Name: 'Missing', Selector: '$.Payload.Nope', Type: 'String' }] })), {}, noApi, { runScript });
    expect(result).toMatchObject({ outcome: 'failed', at: 'first', reason: expect.stringContaining('$.Payload.Nope selects nothing') });
  });

  it('gives an invoke step the function\'s result as Payload text, or Lambda\'s error object with FunctionError', async () => {
    // Prepare
    const invoke: LambdaInvoker = async (name, payload) =>
      name === 'good' ? { ok: true, result: { echoed: payload } } : { ok: false, error: { name: 'BadThing', message: 'it broke' } };
    const call = (name: string): AutomationStep => ({ name: `call-${name}`, action: 'aws:invokeLambdaFunction', timeoutSeconds: 60, inputs: { FunctionName: name, InputPayload: { v: '{{ Value }}' } } });
    const readBack: AutomationStep = {
      ...script('read'),
      inputs: { ...script('read').inputs, InputPayload: { Good: '{{ call-good.Payload }}', Bad: '{{ call-bad.Payload }}', Error: '{{ call-bad.FunctionError }}' } },
      outputs: [
        { Name: 'Good', Selector: '$.Payload.Good', Type: 'String' },
        { Name: 'Bad', Selector: '$.Payload.Bad', Type: 'String' },
        { Name: 'Error', Selector: '$.Payload.Error', Type: 'String' },
      ],
    };
    const received: Record<string, unknown>[] = [];
    // Act
    const result = await dryRun(documentOf(call('good'), call('bad'), readBack), { Value: 'x' }, noApi, {
      invoke,
      runScript: async (_t, _h, payload) => (received.push(payload), payload),
    });
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(received).toEqual([{ Good: '{"echoed":{"v":"x"}}', Bad: '{"errorType":"BadThing","errorMessage":"it broke"}', Error: 'Unhandled' }]);
  });

  it('fails an invoke step when Invoke itself fails (an unknown function)', async () => {
    const invoke: LambdaInvoker = async () => {
      throw new Error('ResourceNotFoundException: Function not found: nope');
    };
    const result = await dryRun(documentOf({ name: 'call', action: 'aws:invokeLambdaFunction', timeoutSeconds: 60, inputs: { FunctionName: 'nope' } }), {}, noApi, { invoke });
    expect(result).toMatchObject({ outcome: 'failed', at: 'call', reason: expect.stringContaining('Function not found') });
  });
});
