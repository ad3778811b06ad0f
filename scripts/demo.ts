/**
 * `npm run demo`: every control of the catalog, built as it ships, run against a local emulated AWS
 * account seeded with a dozen caches, and the verdicts they reported to AWS Config printed as a table.
 *
 * Verdicts are read from the emulator's request recorder (the PutEvaluations calls the rules made),
 * not from the handlers' return values: what is printed is what Config would have received.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { controls, ruleNameOf } from '#shared/controls/context/catalog.ts';
import { inventoryOf } from '#shared/inventory/inventories.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';
import { buildFunctions } from './build.ts';
import { seedDemoEstate, type SeededCache } from './local-aws/demo-estate.ts';
import { invokeRecorded, scheduledEvent } from './local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer } from './local-aws/moto-server.ts';

/** Parameter values the demo sets, for whichever controls declare them; the rest keep their defaults. */
const DEMO_PARAMETER_VALUES: Readonly<Record<string, string>> = {
  // Above Security Hub's 1 day, so that a 1-day retention shows up as too short.
  minimumRetentionDays: '7',
};

export interface DemoVerdict {
  compliance: string;
  annotation: string;
}

export interface DemoRow {
  resourceType: string;
  resourceId: string;
  /** From the seeded estate; undefined for a resource the demo did not seed. */
  cache: SeededCache | undefined;
  /** By control id; undefined when the control reported nothing for this resource. */
  verdicts: Record<string, DemoVerdict | undefined>;
}

export interface DemoResult {
  controlIds: string[];
  /** What was seeded, in seeding order (the first rows of the table). */
  seeded: SeededCache[];
  rows: DemoRow[];
  putEvaluationsCalls: number;
  /** The scan's HTML report of the demo estate. */
  htmlReport: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Under dist/ (ignored by git), beside the bundles the demo built. */
export const DEMO_REPORT_DIR = join(ROOT, 'dist', 'demo-report');

export interface DemoOptions {
  /** Build the bundles first (default true); tests that already ran `npm run build` skip it. */
  build?: boolean;
  /** Where output lines go (default console.log). */
  print?: (line: string) => void;
  /** Also print the functions' own log lines. */
  showLogs?: boolean;
}

export class DemoError extends Error {
  override readonly name = 'DemoError';
}

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SNAPSHOT_TYPES: ReadonlySet<string> = new Set([SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT]);

/** Whether a control judges a row at all: the snapshot controls judge snapshots, the others caches. */
export function judges(controlId: string, row: Pick<DemoRow, 'resourceType'>): boolean {
  const control = controls.find((c) => c.id === controlId);
  return control !== undefined && (inventoryOf(control) === SNAPSHOT_INVENTORY) === SNAPSHOT_TYPES.has(row.resourceType);
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  print('ElastiCache custom AWS Config rules: local demo');
  print('');
  print('AWS Config\'s scheduling is simulated locally: each rule\'s built Lambda bundle is invoked directly, on');
  print('Node 24, with the ScheduledNotification event Config would send, in Config\'s test mode (resultToken');
  print('TESTMODE). Every AWS call goes to a local emulator (moto) on 127.0.0.1: no real AWS account is touched.');
  print('');

  if (options.build ?? true) {
    print(`Building ${controls.length} functions into dist/ …`);
    await buildFunctions();
  }

  print('Starting the local AWS emulator …');
  const server = await startMotoServer();
  // Ctrl-C (or a kill) must not leave the emulator running.
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping the local AWS emulator.`);
    void server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const env = awsEnvFor(server);
    const estate = await seedDemoEstate(env);
    const listing = (title: string, entries: [string, string][]) => {
      const width = Math.max(...entries.map(([name]) => name.length));
      print(title);
      for (const [name, text] of entries) print(`  ${name.padEnd(width)}  ${text}`);
    };
    listing(`Seeded ${estate.caches.length} caches:`, estate.caches.map((c) => [c.id, c.what]));
    listing('in these cache subnet groups:', estate.subnetGroups.map((g) => [g.name, g.routing]));
    listing('with these KMS keys:', estate.kmsKeys.map((k) => [k.alias, k.state]));
    print('');

    const notificationTime = new Date();
    const verdicts = new Map<string, DemoRow>();
    const key = (type: string, id: string) => `${type} ${id}`;
    for (const cache of estate.caches) {
      verdicts.set(key(cache.resourceType, cache.id), { resourceType: cache.resourceType, resourceId: cache.id, cache, verdicts: {} });
    }
    let putEvaluationsCalls = 0;
    for (const control of controls) {
      const ruleParameters = Object.fromEntries(
        Object.keys(control.parameters).flatMap((name) => {
          const value = DEMO_PARAMETER_VALUES[name];
          return value === undefined ? [] : [[name, value]];
        }),
      );
      const shown = Object.entries(ruleParameters).map(([name, value]) => `${name}=${value}`);
      print(`Invoking ${ruleNameOf(control)}${shown.length ? ` (${shown.join(', ')})` : ''} …`);

      const event = scheduledEvent(control.id, notificationTime, { ruleParameters });
      const run = await invokeRecorded(server, control.id, event, env, {
        ...(options.showLogs ? { onLog: (line: string) => print(`    ${line}`) } : {}),
      });
      const { outcome } = run;
      if (!outcome.ok) throw new DemoError(`${ruleNameOf(control)} failed: ${outcome.error.name}: ${outcome.error.message}`);
      putEvaluationsCalls += run.putEvaluations.length;
      for (const request of run.putEvaluations) {
        if (request.TestMode !== true) throw new DemoError(`${ruleNameOf(control)} called PutEvaluations without TestMode.`);
        for (const evaluation of request.Evaluations) {
          const id = key(evaluation.ComplianceResourceType, evaluation.ComplianceResourceId);
          let row = verdicts.get(id);
          if (!row) {
            row = { resourceType: evaluation.ComplianceResourceType, resourceId: evaluation.ComplianceResourceId, cache: undefined, verdicts: {} };
            verdicts.set(id, row);
          }
          row.verdicts[control.id] = { compliance: evaluation.ComplianceType, annotation: evaluation.Annotation ?? '' };
        }
      }
    }

    const htmlReport = await writeScanReport(env);
    const result: DemoResult = { controlIds: controls.map((c) => c.id), seeded: estate.caches, rows: [...verdicts.values()], putEvaluationsCalls, htmlReport };
    print(`The same verdicts without Config, from \`npm run scan\`, as the HTML report an auditor would file:`);
    print(`  ${pathToFileURL(htmlReport).href}`);
    print('');
    for (const line of renderReport(result)) print(line);
    const missing = result.rows.flatMap((row) =>
      result.controlIds.filter((id) => judges(id, row) && !row.verdicts[id]).map((id) => `${row.resourceId} has no verdict from ${id}`),
    );
    if (missing.length > 0) throw new DemoError(`Some evaluations never reached PutEvaluations: ${missing.join('; ')}.`);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.stop();
  }
}

/**
 * Runs `scan` the way a user would (the package's bin, in a child process) against the same
 * emulator.
 */
async function writeScanReport(env: Readonly<Record<string, string>>): Promise<string> {
  // The same parameter values the rules ran with, so the report shows the same verdicts.
  const parameters = controls.flatMap((control) =>
    Object.keys(control.parameters).flatMap((name) => {
      const value = DEMO_PARAMETER_VALUES[name];
      return value === undefined ? [] : ['--param', `${control.id}.${name}=${value}`];
    }),
  );
  const args = ['scan', '--region', env.AWS_REGION ?? 'us-east-1', ...parameters, '--format', 'html', '--output', DEMO_REPORT_DIR, '--quiet'];
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'elasticache-config-rules.mjs'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
  } catch (error) {
    throw new DemoError(`The scan of the demo estate failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  return join(DEMO_REPORT_DIR, 'elasticache-scan.html');
}

const SYMBOLS: Record<string, string> = { COMPLIANT: '✔', NON_COMPLIANT: '✘', NOT_APPLICABLE: '–' };
const CELLS: Record<string, string> = { COMPLIANT: '✔ COMPLIANT', NON_COMPLIANT: '✘ NON_COMPLIANT', NOT_APPLICABLE: '– N/A' };

/** The compliance table, the annotations per resource, and a summary line. */
export function renderReport({ controlIds, rows, putEvaluationsCalls }: DemoResult): string[] {
  const lines: string[] = [];
  const typeOf = (row: DemoRow) =>
    row.resourceType === GROUP ? 'replication group' : row.resourceType === SNAPSHOT ? 'snapshot' : row.resourceType === SERVERLESS_CACHE_SNAPSHOT ? 'serverless snapshot' : 'cache cluster';
  // A control that does not judge this kind of resource leaves its cell blank.
  const cell = (row: DemoRow, id: string) => {
    const verdict = row.verdicts[id];
    if (!judges(id, row)) return '';
    return verdict ? (CELLS[verdict.compliance] ?? verdict.compliance) : '? none';
  };
  const columns = [
    { header: 'Resource', width: 0, value: (row: DemoRow) => row.resourceId },
    { header: 'Type', width: 0, value: typeOf },
    ...controlIds.map((id) => ({ header: id, width: 0, value: (row: DemoRow) => cell(row, id) })),
  ];
  for (const column of columns) {
    column.width = Math.max(column.header.length, ...rows.map((row) => column.value(row).length));
  }
  const line = (values: string[]) => values.map((v, i) => v.padEnd(columns[i]!.width)).join('  ').trimEnd();
  lines.push(line(columns.map((c) => c.header)));
  lines.push(line(columns.map((c) => '─'.repeat(c.width))));
  for (const row of rows) lines.push(line(columns.map((c) => c.value(row))));

  lines.push('', 'Annotations (as reported to AWS Config):');
  const idWidth = Math.max(...controlIds.map((id) => id.length));
  for (const row of rows) {
    lines.push('', `${row.resourceId} (${row.cache?.what ?? typeOf(row)})`);
    if (row.cache) lines.push(`  seeded to show: ${row.cache.shows}`);
    for (const id of controlIds.filter((controlId) => judges(controlId, row))) {
      const verdict = row.verdicts[id];
      lines.push(`  ${verdict ? (SYMBOLS[verdict.compliance] ?? '?') : '?'} ${id.padEnd(idWidth)}  ${verdict?.annotation ?? '(no evaluation reported)'}`);
    }
  }

  const counts = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 } as Record<string, number>;
  let total = 0;
  for (const row of rows) {
    for (const verdict of Object.values(row.verdicts)) {
      if (!verdict) continue;
      total++;
      counts[verdict.compliance] = (counts[verdict.compliance] ?? 0) + 1;
    }
  }
  lines.push(
    '',
    `Summary: ${rows.length} resources (${rows.filter((r) => SNAPSHOT_TYPES.has(r.resourceType)).length} of them snapshots) × the ${controlIds.length} controls that judge them = ${total} evaluations — ` +
      `${counts.COMPLIANT} compliant, ${counts.NON_COMPLIANT} non-compliant, ${counts.NOT_APPLICABLE} not applicable — ` +
      `received through ${putEvaluationsCalls} PutEvaluations call${putEvaluationsCalls === 1 ? '' : 's'} (TestMode). No real AWS was touched.`,
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A reader that goes away (`npm run demo | head`) must not crash the demo before it stops the emulator.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  try {
    await runDemo({ showLogs: process.argv.includes('--logs') });
  } catch (error) {
    console.error(`\nDemo failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
  }
}

