/**
 * The scan's command line, checked against the catalog before any AWS call.
 *
 * Scenarios
 * - Given no options, then every control of the catalog, the SDK's region, the table, no gate.
 * - Given repeated and comma-separated --region/--format/--controls, then they are merged, in catalog order.
 * - Given --param control.name=value, then it is parsed by the control's own declaration (typed),
 *   and a bad value, an unknown control or parameter is a UsageError naming it.
 * - Given several file formats without --output, an unknown format or severity, "all" with a named
 *   region, --assume-role without --accounts (or the reverse), a malformed account, then UsageError.
 * - Given a region named twice, then it is scanned once; given --controls naming nothing, then UsageError.
 * - Given --fail-on above every selected control's severity (critical: no control is CRITICAL), then
 *   UsageError saying it could never fire.
 * - Given --param for a control left out by --controls, then it is still validated (and not used).
 * - Given a control added to the catalog, then --controls and --param accept it with no scan change.
 */
import { controls } from '#shared/controls/context/catalog.ts';
import { NO_CONTEXT, compliant, defineControl } from '#shared/engine/control.ts';
import { integerParameter } from '#shared/engine/parameters.ts';
import { UsageError, parseScanOptions } from '../../../scan/options.ts';

const parse = (...argv: string[]) => parseScanOptions(argv, controls);

describe('scan options', () => {
  it('defaults to every control, the SDK region and the table', () => {
    const options = parse();
    expect(options.controls.map((c) => c.id)).toEqual(controls.map((c) => c.id));
    expect(options.regions).toEqual([]);
    expect(options.formats).toEqual(['table']);
    expect(options.failOn).toBeUndefined();
    expect(options.includeServerlessCaches).toBe(true);
    expect(options.parameters['automatic-backup']).toEqual({ minimumRetentionDays: 1 });
  });

  it('merges repeated and comma-separated values', () => {
    const options = parse('--region', 'eu-west-1,us-east-1', '--region', 'ap-south-1', '--format', 'json,html', '--format', 'csv', '--output', 'out',
      '--controls', 'subnet-privacy,encryption-in-transit');
    expect(options.regions).toEqual(['eu-west-1', 'us-east-1', 'ap-south-1']);
    expect(options.formats).toEqual(['json', 'html', 'csv']);
    expect(options.controls.map((c) => c.id)).toEqual(['encryption-in-transit', 'subnet-privacy']);
  });

  it('parses --param with the control\'s own declaration', () => {
    const options = parse('--param', 'automatic-backup.minimumRetentionDays=7', '--param', 'encryption-in-transit.allowPreferredMode=true');
    expect(options.parameters['automatic-backup']).toEqual({ minimumRetentionDays: 7 });
    expect(options.parameters['encryption-in-transit']).toEqual({ allowPreferredMode: true });
    expect(options.parameterText['automatic-backup']).toEqual({ minimumRetentionDays: '7' });
  });

  it.each([
    [['--param', 'automatic-backup.minimumRetentionDays=90'], /automatic-backup\.minimumRetentionDays.*out of range/],
    [['--param', 'automatic-backup.retention=7'], /retention.*accepted: minimumRetentionDays/],
    [['--param', 'no-such-control.x=1'], /no control "no-such-control"/],
    [['--param', 'minimumRetentionDays=7'], /not control\.name=value/],
    [['--controls', 'encryption-at-rest,tls'], /"tls": no such control/],
    [['--format', 'json,html'], /add --output DIR/],
    [['--format', 'pdf'], /"pdf" is not a report format/],
    [['--fail-on', 'urgent'], /"urgent" is not a severity/],
    [['--region', 'all', '--region', 'eu-west-1'], /do not combine/],
    [['--region', 'Europe'], /"Europe" is not a region name/],
    [['--assume-role', 'Auditor'], /needs --accounts/],
    [['--accounts', '111111111111'], /needs --assume-role/],
    [['--assume-role', 'Auditor', '--accounts', '1234'], /"1234" is not a 12-digit/],
    [['--regions', 'eu-west-1'], /Unknown option '--regions'/],
    [['--controls', ''], /--controls names no control; omit it for every control/],
    [['--controls', ' , '], /--controls names no control/],
    [['--fail-on', 'critical'], /--fail-on critical could never fire: no selected control is CRITICAL or above \(the highest is HIGH\); use high or lower/],
    [['--controls', 'event-notifications', '--fail-on', 'medium'], /no selected control is MEDIUM or above \(the highest is LOW\)/],
    // A parameter of a control left out by --controls is still checked.
    [['--controls', 'encryption-in-transit', '--param', 'automatic-backup.minimumRetentionDays=90'], /automatic-backup\.minimumRetentionDays.*out of range/],
    [['--controls', 'encryption-in-transit', '--param', 'automatic-backup.retention=7'], /retention.*accepted: minimumRetentionDays/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('scans a region named twice once', () => {
    expect(parse('--region', 'eu-west-1', '--region', 'eu-west-1,us-east-1').regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('accepts a valid parameter of a control left out, without using it', () => {
    const options = parse('--controls', 'encryption-in-transit', '--param', 'automatic-backup.minimumRetentionDays=7');
    expect(Object.keys(options.parameters)).toEqual(['encryption-in-transit']);
  });

  it('takes --fail-on in any case and one file format alone on stdout', () => {
    expect(parse('--fail-on', 'Medium').failOn).toBe('MEDIUM');
    expect(parse('--format', 'json').formats).toEqual(['json']);
    expect(parse('--format', 'table,json', '--output', 'dir').outputDir).toBe('dir');
  });

  it('accepts a control added to the catalog, with its parameters, without any scan change', () => {
    const added = defineControl({
      ...controls[0]!,
      id: 'cache-eviction-policy',
      parameters: { minimumLogs: integerParameter({ description: 'd', default: 1, min: 1, max: 2 }) },
      loadContext: NO_CONTEXT,
      evaluate: () => compliant('ok'),
    });
    const options = parseScanOptions(['--controls', 'cache-eviction-policy', '--param', 'cache-eviction-policy.minimumLogs=2'], [...controls, added]);
    expect(options.controls).toEqual([added]);
    expect(options.parameters['cache-eviction-policy']).toEqual({ minimumLogs: 2 });
  });
});
