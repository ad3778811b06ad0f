/** The machine the numbers were measured on, as BENCHMARKS.md records it. */
import { readFileSync } from 'node:fs';
import { arch, release, totalmem } from 'node:os';
import type { NodeRuntime } from './lambda-runtime.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  arch: string;
  kernel: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the bench started: other work competing for the cores. */
  loadAverage: number;
  date: string;
}

export function describeMachine(runtime: NodeRuntime): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const models = [...cpuinfo.matchAll(/^model name\s*:\s*(.+)$/gm)].map((m) => m[1]!.trim());
  return {
    cpuModel: models[0] ?? 'unknown (no model name in /proc/cpuinfo)',
    cores: [...cpuinfo.matchAll(/^processor\s*:/gm)].length,
    arch: arch(),
    kernel: release(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: runtime.version,
    loadAverage: loadAverage(),
    date: new Date().toISOString().slice(0, 10),
  };
}

/** The 1-minute load average from /proc/loadavg. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
