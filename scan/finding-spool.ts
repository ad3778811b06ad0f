/**
 * The scan's findings on disk, not in memory: at 10,000 replication groups a scan makes about
 * 200,000 findings, which held as objects (and rendered into one report string) took well over a
 * gigabyte. Each control's findings in a Region are appended, as they are made, to one NDJSON file
 * as a section whose byte range is recorded; iterating the spool reads the sections back in the
 * report order, a bounded chunk at a time, so every writer streams what it reads. Memory is that of
 * the section list (accounts × Regions × controls), whatever the number of findings.
 *
 * The report order: account, then Region (as text), then control (in the order of --controls, else
 * the catalog's), then resource (in the order the inventory listed it). It is the order the scan
 * always reported in; sections make it independent of which Region or control finished first.
 *
 * The file lives in a private directory made by mkdtemp under os.tmpdir(), removed by remove(),
 * and at the latest when the process exits or is stopped by SIGINT, SIGTERM or SIGHUP.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Finding } from './findings.ts';

interface Section {
  account: string;
  region: string;
  /** The control's place in the scan's selection: the order of sections within a Region. */
  controlIndex: number;
  start: number;
  length: number;
  count: number;
}

/** Bytes written or read at once: large enough for few system calls, small enough not to matter. */
const CHUNK_BYTES = 1 << 16;

export class FindingSpool implements Iterable<Finding> {
  readonly directory: string;
  private readonly fd: number;
  private size = 0;
  private sections: Section[] = [];
  private sorted = true;
  private removed = false;

  constructor(parent: string = tmpdir()) {
    this.directory = mkdtempSync(join(parent, 'elasticache-scan-'));
    // 0o600: findings name the account's resources; nobody else needs to read them.
    this.fd = openSync(join(this.directory, 'findings.ndjson'), 'w+', 0o600);
    liveDirectories.add(this.directory);
    removeAtExit();
  }

  /** Findings in the spool. */
  get length(): number {
    return this.sections.reduce((sum, section) => sum + section.count, 0);
  }

  /** Appends one control's findings in one Region as a section of their own. */
  append(account: string, region: string, controlIndex: number, findings: Iterable<Finding>): void {
    this.assertOpen();
    const section: Section = { account, region, controlIndex, start: this.size, length: 0, count: 0 };
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = () => {
      const buffer = Buffer.from(pending.join(''), 'utf8');
      let written = 0;
      while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written, this.size + written);
      this.size += buffer.length;
      section.length += buffer.length;
      pending = [];
      pendingBytes = 0;
    };
    for (const finding of findings) {
      const line = `${JSON.stringify(finding)}\n`;
      pending.push(line);
      pendingBytes += line.length;
      section.count++;
      if (pendingBytes >= CHUNK_BYTES) flush();
    }
    if (pending.length > 0) flush();
    this.sections.push(section);
    this.sorted = false;
  }

  *[Symbol.iterator](): Iterator<Finding> {
    this.assertOpen();
    if (!this.sorted) {
      this.sections.sort((a, b) => regionOrder(a, b) || a.controlIndex - b.controlIndex);
      this.sorted = true;
    }
    // A copy: a section appended while a reader iterates is left to the next reader.
    for (const section of [...this.sections]) yield* this.read(section);
  }

  /** Closes and deletes the file and its directory; the spool cannot be read afterwards. */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    closeSync(this.fd);
    rmSync(this.directory, { recursive: true, force: true });
    liveDirectories.delete(this.directory);
  }

  private *read(section: Section): Generator<Finding> {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, section.length));
    let carry = '';
    for (let offset = 0; offset < section.length; ) {
      const read = readSync(this.fd, buffer, 0, Math.min(buffer.length, section.length - offset), section.start + offset);
      if (read === 0) throw new Error(`The findings file ended early (${this.directory}).`);
      offset += read;
      const lines = (carry + decoder.write(buffer.subarray(0, read))).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) yield JSON.parse(line) as Finding;
    }
    carry += decoder.end();
    if (carry.length > 0) yield JSON.parse(carry) as Finding;
  }

  private assertOpen(): void {
    if (this.removed) throw new Error('The scan\'s findings were removed (FindingSpool.remove) before being read.');
  }
}

/** Account, then Region; the order of the failures too. */
export function regionOrder(a: { account: string; region: string | undefined }, b: { account: string; region: string | undefined }): number {
  return `${a.account} ${a.region ?? ''}`.localeCompare(`${b.account} ${b.region ?? ''}`);
}

const liveDirectories = new Set<string>();
let hooked = false;

/** Once per process: findings left on disk by a scan that did not remove them (an error, a signal). */
function removeAtExit(): void {
  if (hooked) return;
  hooked = true;
  const removeAll = () => {
    for (const directory of liveDirectories) rmSync(directory, { recursive: true, force: true });
    liveDirectories.clear();
  };
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeAll();
      // The listener kept the default action from running: die of the signal as before.
      process.kill(process.pid, signal);
    });
  }
}
