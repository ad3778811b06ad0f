/**
 * Turns the measurements into the tables printed on the console and into BENCHMARKS.md. Every
 * number in the file comes from the measurements passed in; the prose around them only explains.
 */
import { LOAD_RUNS, type BundleMeasurement } from './bundles.ts';
import type { LambdaTarget } from './lambda-runtime.ts';
import type { Machine } from './machine.ts';
import { ESTATE_SIZES, REPETITIONS, type ScheduledMeasurement } from './scheduled-runs.ts';
import { KMS_KEYS } from './estate.ts';
import { OPERATIONS } from './service-mock.ts';
import { spread } from './stats.ts';
import { FAULT_ESTATE, FAULT_RATE, FAULT_RUNS_PER_CONTROL, FAULT_SEED, type FaultPass } from './fault-runs.ts';

export interface BenchResults {
  machine: Machine;
  target: LambdaTarget;
  bundles: BundleMeasurement[];
  runs: ScheduledMeasurement[];
  elapsedSeconds: number;
  /** 1-minute load average when the bench finished. */
  loadAverageAtEnd: number;
  faults: FaultPass[];
}

const MIB = 2 ** 20;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number): string => (bytes / MIB).toFixed(1);
const ms = (value: number): string => (value < 100 ? value.toFixed(1) : value.toFixed(0));
const count = (value: number): string => value.toLocaleString('en-US');

/** A Markdown table whose columns are padded, so that it also reads well on a terminal. */
function table(headers: string[], rows: string[][], rightAligned: readonly number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) => (rightAligned.includes(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function bundleTable(bundles: readonly BundleMeasurement[]): string {
  return table(
    ['Function', 'Raw', 'Gzip', 'Load ms (median)', 'min–max', 'of which import()', 'RSS after load (MiB)'],
    bundles.map((b) => [
      b.name,
      kib(b.rawBytes),
      kib(b.gzipBytes),
      ms(b.loadMs.median),
      `${ms(b.loadMs.min)}–${ms(b.loadMs.max)}`,
      ms(b.importMs.median),
      mib(b.rssAfterLoadBytes.median),
    ]),
    [1, 2, 3, 4, 5, 6],
  );
}

export function runTable(runs: readonly ScheduledMeasurement[]): string {
  return table(
    ['Control', 'Groups', 'Wall ms', 'CPU ms', 'of which mock', 'RSS before (MiB)', 'Peak RSS (MiB)', 'of memory', 'Heap after (MiB)', 'AWS calls'],
    runs.map((r) => [
      r.control,
      count(r.groups),
      ms(r.wallMs.median),
      ms(r.cpuMs.median),
      ms(r.mockMs.median),
      mib(r.rssBeforeBytes.median),
      mib(r.peakRssBytes.max),
      `${((r.peakRssBytes.max / (r.memoryMb * MIB)) * 100).toFixed(0)}% of ${r.memoryMb} MB`,
      mib(r.heapAfterBytes.max),
      r.first ? count(Object.values(r.first.calls).reduce((a, b) => a + b, 0)) : '–',
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
}

export function callTable(runs: readonly ScheduledMeasurement[]): string {
  return table(
    ['Control', 'Groups', ...OPERATIONS],
    runs.map((r) => [r.control, count(r.groups), ...OPERATIONS.map((op) => (r.first ? String(r.first.calls[op]) : '–'))]),
    OPERATIONS.map((_, i) => i + 2).concat(1),
  );
}

interface Capacity {
  control: string;
  perThousandMiB: number;
  groupsAtLimit: number;
}

/** Peak RSS grows about linearly with the estate: where the two sizes' line meets the memory size. */
function capacities(runs: readonly ScheduledMeasurement[]): Capacity[] {
  const [small, large] = [ESTATE_SIZES[0]!, ESTATE_SIZES[ESTATE_SIZES.length - 1]!];
  return [...new Set(runs.map((r) => r.control))].flatMap((control) => {
    const at = (groups: number) => runs.find((r) => r.control === control && r.groups === groups);
    const [a, b] = [at(small), at(large)];
    if (!a || !b) return [];
    const slope = (b.peakRssBytes.max - a.peakRssBytes.max) / (large - small);
    if (!(slope > 0)) return [];
    return [{ control, perThousandMiB: (slope * 1000) / MIB, groupsAtLimit: small + (a.memoryMb * MIB - a.peakRssBytes.max) / slope }];
  });
}

function capacityTable(runs: readonly ScheduledMeasurement[]): string {
  return table(
    ['Control', 'Peak RSS per 1,000 groups (MiB)', 'Groups at which the peak reaches the memory size (≈)'],
    capacities(runs).map((c) => [c.control, c.perThousandMiB.toFixed(1), count(Math.round(c.groupsAtLimit / 1000) * 1000)]),
    [1, 2],
  );
}

export function consoleReport(results: Pick<BenchResults, 'bundles' | 'runs'>): string {
  return [
    'Bundles (fresh Node 24 process per load)',
    bundleTable(results.bundles),
    '',
    `Scheduled runs (median of ${REPETITIONS} fresh processes; peak RSS and heap after: the highest)`,
    runTable(results.runs),
    '',
    'AWS calls by operation',
    callTable(results.runs),
    '',
    'Memory capacity (linear extrapolation)',
    capacityTable(results.runs),
  ].join('\n');
}

export function markdownReport({ machine, target, bundles, runs, elapsedSeconds, loadAverageAtEnd, faults }: BenchResults): string {
  const largest = ESTATE_SIZES[ESTATE_SIZES.length - 1]!;
  const largeRuns = runs.filter((r) => r.groups === largest);
  const worst = largeRuns.reduce((a, b) => (b.peakRssBytes.max > a.peakRssBytes.max ? b : a));
  const heaviestBundle = bundles.reduce((a, b) => (b.rawBytes > a.rawBytes ? b : a));
  const others = bundles.filter((b) => b !== heaviestBundle);
  const medianOf = (values: number[]) => (values.length ? spread(values).median : NaN);
  const othersLoad = medianOf(others.map((b) => b.loadMs.median));
  const othersRaw = medianOf(others.map((b) => b.rawBytes));
  const othersRss = medianOf(others.map((b) => b.rssAfterLoadBytes.median));
  const callsAtLargest = worst.first ? Object.values(worst.first.calls).reduce((a, b) => a + b, 0) : NaN;
  const tightest = capacities(runs).reduce<Capacity | undefined>((a, b) => (!a || b.groupsAtLimit < a.groupsAtLimit ? b : a), undefined);
  const cpuShare = Math.round(1769 / target.memoryMb);
  const retainedMiB = Math.max(...runs.map((r) => r.heapAfterBytes.max - r.heapBeforeBytes.max)) / MIB;

  return `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts) on ${machine.date}. Every number below is measured; do not edit
this file by hand, rerun the bench.

## Machine

| | |
|---|---|
| CPU | ${machine.cpuModel} (model name in /proc/cpuinfo), ${machine.cores} cores (logical CPUs), ${machine.arch} |
| Memory | ${machine.memoryGiB} GiB |
| Kernel | Linux ${machine.kernel} |
| Node | ${machine.node} (\`node_modules/.bin/node\`, the npm \`node@24\` package; the runtime is ${target.runtime}) |
| Load average (1 minute) | ${machine.loadAverage} at the start, ${loadAverageAtEnd} at the end${Math.max(machine.loadAverage, loadAverageAtEnd) > machine.cores ? ': other work was competing for the cores, so times are noisier than on an idle machine' : ''} |
| Lambda target | ${target.runtime}, ${target.architecture}, ${target.memoryMb} MB, timeout ${target.timeoutSeconds} s (from the SAM template builder) |
| Bench duration | ${elapsedSeconds.toFixed(0)} s |

## Bundles

${bundleTable(bundles)}

## Scheduled runs

Median of ${REPETITIONS} fresh processes per row for times; the highest of the ${REPETITIONS} for peak RSS and heap after.

${runTable(runs)}

### AWS calls by operation

Each count equals the expected one, which the bench asserts: ⌈records / 100⌉ per list, ⌈evaluations / 100⌉
PutEvaluations per batch, one DescribeKey per distinct key (${KMS_KEYS.length} in the estate), and nothing else.

${callTable(runs)}

### Memory capacity

A straight line through the two estate sizes' peaks, extended to the memory size: an estimate, and a
conservative one, since near the limit V8 collects harder (its old space is capped at 90% of the memory) instead
of growing, at a cost in CPU.

${capacityTable(runs)}

## Faults

${faultSection(faults)}

## Method

- **Build.** \`buildFunctions()\` from scripts/build.ts, exactly as \`npm run build\`: one minified ESM bundle per
  function in dist/. Raw is the size of index.mjs, gzip its zlib gzip size at the default level (close to what the
  deployment zip holds).
- **Load time.** Each bundle is imported by a fresh \`node --input-type=module -e …\` process on Node 24 with the
  heap flags the Lambda runtime passes for ${target.memoryMb} MB (\`--max-semi-space-size\`, \`--max-old-space-size\`).
  The child reads \`performance.now()\`, whose origin is the process start, once before \`import()\` and once when
  \`handler\` is a function. One warm-up load per bundle is discarded (disk cache), then ${LOAD_RUNS} loads per bundle
  in rounds over all bundles; the table gives median, minimum and maximum, the import share, and RSS after loading.
- **Scheduled run.** For each control and each estate size (${ESTATE_SIZES.map(count).join(' and ')} replication groups,
  two member clusters each) a fresh Node 24 process with the same heap flags runs
  \`runRule(control, event, createAwsSession())\` from #shared/engine/run-rule.ts with a ScheduledNotification event
  that is not TESTMODE, so the earlier results are listed and stale ones cleared. The harness
  (scripts/bench/scheduled-run.ts) is bundled with the functions' esbuild options and loads only the control's own
  module, so the process holds the SDK clients the function holds, plus aws-sdk-client-mock.
- **Mocked AWS.** aws-sdk-client-mock on ElastiCacheClient and ConfigServiceClient, and on KMSClient or EC2Client for
  the control that declares kms: or ec2: actions. Lists are paged like the APIs: at most the requested page size
  (validated against each API's range), an opaque token valid only for its operation, returned exactly when more
  records remain; Config's ComplianceTypes filter is applied server-side. PutEvaluations validates batch size,
  annotation length and result token, and returns no failed evaluations. Any other operation is refused, and
  unmocked clients point at an unreachable endpoint: no call leaves the process.
- **Estate.** Real API shapes (scripts/bench/estate.ts): Redis OSS 6.2–7.1 and Valkey 8.0 groups; TLS required on 90%,
  preferred on 5%, off on 5%; at rest with one of six KMS keys (one AWS managed, one disabled, one pending
  deletion) on 80%, the AWS owned key on 10%, off on 10%; retention 0–35 days; 150 cache subnet groups in 30 VPCs
  with 120 route tables, ten subnet groups holding a public subnet. Config holds one earlier result per group,
  plus 1% for deleted caches (stale, to clear) and 0.5% already NOT_APPLICABLE (filtered out). Records are built
  when a page is requested, as the SDK builds each page, so the mock keeps no copy of the estate.
- **Measures.** Wall time (\`performance.now()\`) and CPU time (\`process.cpuUsage()\`, user + system) around
  \`runRule\`; "of which mock" is the CPU time the mocks spent building responses. RSS before the run (after imports,
  mock set-up and a GC); peak RSS is \`process.resourceUsage().maxRSS\`, the process's high-water mark; heap after
  is \`heapUsed\` after the run, the mocks' call histories dropped and a GC. AWS calls are counted from the mocks'
  call histories.
- **Asserted** (the bench exits non-zero and leaves this file unchanged otherwise): every call count above, no
  unexpected call, every group evaluated, every stale result cleared, no TestMode, and peak RSS below the function's
  memory size. Times are reported, never asserted.

## What the numbers mean

- **Load time and cold starts.** A Lambda cold start is environment set-up plus the runtime's start plus the INIT
  phase; the load time here is the part the code controls (Node start-up and importing the bundle) on this
  machine's ${machine.arch} CPU, while the functions run on ${target.architecture}. Read it to compare bundles and commits, not as a
  Lambda INIT duration. ${heaviestBundle.name}, the largest bundle, is ${kib(heaviestBundle.rawBytes - othersRaw)} larger than the
  median of the others, loads in ${ms(heaviestBundle.loadMs.median)} ms against ${ms(othersLoad)} ms, and holds ${mib(heaviestBundle.rssAfterLoadBytes.median - othersRss)} MiB more RSS once loaded.
- **Memory headroom.** The highest ${count(largest)}-group peak is ${mib(worst.peakRssBytes.max)} MiB (${worst.control}), ${((worst.peakRssBytes.max / (worst.memoryMb * MIB)) * 100).toFixed(0)}% of the function's
  ${worst.memoryMb} MB, of which ${mib(worst.rssBeforeBytes.median)} MiB is there before the run starts (Node, the bundle's SDK clients and the
  mock library)${tightest ? `; extended linearly, ${tightest.control} would reach ${worst.memoryMb} MB near ${count(Math.round(tightest.groupsAtLimit / 1000) * 1000)} groups` : ''}.
  The real SDK parses XML (ElastiCache, EC2) and JSON (Config, KMS) into these objects and leaves more garbage than
  the mock, so a real run peaks somewhat higher: read the peaks as lower bounds and the headroom as an upper bound.
  Heap after the run is at most ${retainedMiB.toFixed(1)} MiB above heap before it in any run: the run keeps nothing for the
  next invocation of a warm container.
- **CPU.** Lambda allocates CPU in proportion to memory (one vCPU at 1,769 MB), so a ${target.memoryMb} MB function gets about
  1/${cpuShare} of a vCPU: a CPU-bound stretch takes roughly ${cpuShare} times the CPU time shown, before the difference
  between ${machine.arch} and ${target.architecture}. The CPU time includes the mock's own work ("of which mock") instead of the SDK's
  deserialisation, which costs more.
- **Wall time on AWS.** Without network the run is CPU-bound; on AWS it waits on its calls, which are made one after
  another (DescribeKey five at a time): ${count(callsAtLargest)} for ${worst.control} over ${count(largest)} groups. At an assumed 100 ms per call that is about ${Math.round(callsAtLargest / 10)} s of the
  ${target.timeoutSeconds} s timeout; measure the real latency in your account before relying on it.

## Reproduce

\`\`\`sh
npm ci          # includes the node@24 package (Node 24 binary) and aws-sdk-client-mock
npm run bench   # rebuilds dist/ and rewrites this file
\`\`\`

The bench needs no AWS account and no network, and took ${elapsedSeconds.toFixed(0)} s on the machine above. Numbers move with
the machine and its load; call counts must not.
`;
}

/** The fault campaign: per pass and control, what the faulty runs did; then the faults injected. */
export function faultTable(faults: readonly FaultPass[]): string {
  const rows = faults.flatMap((pass) =>
    pass.figures.perControl.map((c) => {
      const attempts = spread(c.attempts);
      return [
        pass.maxAttempts === undefined ? 'engine default (adaptive, 10)' : String(pass.maxAttempts),
        c.control,
        count(c.resources),
        count(c.runs),
        count(c.completed),
        count(c.failedLoudly),
        count(c.wrongVerdicts),
        count(c.missingVerdicts),
        count(c.cleanAttempts),
        `${attempts.median.toFixed(0)} (${attempts.min.toFixed(0)}–${attempts.max.toFixed(0)})`,
      ];
    }),
  );
  return table(
    ['Attempts a call', 'Control', 'Resources', 'Faulty runs', 'Completed', 'Failed loudly', 'Wrong verdicts', 'Missing verdicts', 'Requests, clean run', 'Requests a faulty run (median, min–max)'],
    rows,
    [2, 3, 4, 5, 6, 7, 8],
  );
}

function faultSection(faults: readonly FaultPass[]): string {
  const injected = (pass: FaultPass) =>
    Object.entries(pass.figures.faults)
      .map(([kind, n]) => `${kind} ${count(n)}`)
      .join(', ');
  return `The built bundles on Node 24 ran every control through a fault-injecting proxy in front of the local emulator
(scripts/local-aws/fault-proxy.ts: loopback only, seed ${FAULT_SEED}), over ${count(FAULT_ESTATE.groups)} replication groups and
${count(FAULT_ESTATE.standalone)} standalone clusters. Each control ran once cleanly, then ${FAULT_RUNS_PER_CONTROL} times with a fault on
${Math.round(FAULT_RATE * 100)}% of requests: throttling in each protocol's own error format, HTTP 500 and 503, and connections
reset before and after the emulator acted. A completed run must report exactly the clean run's verdicts
(annotations included) for every resource, nothing twice with different results; a failed run must fail
with an error. "Requests" counts every HTTP request that reached the proxy, retries included. The second
pass allows 2 attempts a call, so that some runs must fail.

${faultTable(faults)}

Faults injected: ${faults.map((pass) => `${pass.maxAttempts === undefined ? 'default retries' : `${pass.maxAttempts} attempts`}: ${injected(pass)} (${(pass.figures.durationMs / 1000).toFixed(0)} s)`).join('; ')}.
${faults.some((pass) => pass.figures.failures.length) ? `\nFailed runs ended with: ${[...new Set(faults.flatMap((pass) => pass.figures.failures))].map((f) => `\`${f}…\``).join('; ')}.\n` : ''}
The same campaign, smaller (200 caches, one faulty run per control, 3 attempts a call), runs in \`make test\`
(test/integration/fault-injection.test.ts).`;
}
