import { readdirSync, readFileSync } from 'node:fs';

/** The command lines (argv) of a process's children, from /proc (Linux: this project's machines). */
export function childCommandLines(parentPid: number): string[][] {
  const lines: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the parenthesised command name, which may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parentPid) continue;
      lines.push(
        readFileSync(`/proc/${entry}/cmdline`, 'utf8')
          .split('\0')
          .filter((a) => a !== ''),
      );
    } catch {
      // The process ended while we looked.
    }
  }
  return lines;
}
