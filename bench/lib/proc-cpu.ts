import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times; 100 on every common kernel build. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; undefined where
 * there is no /proc. Lets the report say whether the server was CPU-bound during a row.
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** The process and all its descendants (from /proc/<pid>/task/<tid>/children); just the pid where that is missing. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/)) if (child !== '') visit(Number(child));
    }
  };
  visit(pid);
  return out;
}

/**
 * CPU seconds of a process and its descendants: `keysmith serve --workers N` is a primary and N
 * workers, and its CPU is theirs together. Processes that exited are not counted, so take the
 * tree's pids once (`processTree`) and sum those at both ends of a window.
 */
export function treeCpuSeconds(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const seconds = processCpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}

/**
 * CPU seconds all processors have spent busy since boot (everything but idle and iowait), from
 * /proc/stat. With the server's and the worker's own CPU it tells how much *other* processes took
 * during a row: on a shared 2-core machine that is the difference between a figure and noise.
 */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = ticks;
    return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Resident memory of a process tree in MiB (VmRSS from /proc/<pid>/status); undefined where there
 * is no /proc. Sampled at both ends of a row: a server that keeps what a burst of connections made
 * it allocate shows it here.
 */
export function treeRssMiB(pids: readonly number[]): number | undefined {
  let kib = 0;
  for (const pid of pids) {
    try {
      const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (!line) return undefined;
      kib += Number(line[1]);
    } catch {
      return undefined;
    }
  }
  return kib / 1024;
}
