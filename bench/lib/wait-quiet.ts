import { setTimeout as sleep } from 'node:timers/promises';
import { machineBusySeconds } from './proc-cpu.js';

/** Share of one core the whole machine is busy over the next `sampleMs`, in %. */
async function busyPercent(sampleMs: number): Promise<number | undefined> {
  const before = machineBusySeconds();
  await sleep(sampleMs);
  const after = machineBusySeconds();
  return before === undefined || after === undefined ? undefined : ((after - before) / (sampleMs / 1000)) * 100;
}

/**
 * On a shared machine, waits (up to `maxWaitMs`) until other processes leave the CPUs nearly idle
 * before a row starts, so that the row measures keysmith rather than a neighbour's test suite.
 * Returns the last busy figure seen; a row still runs when the wait times out.
 */
export async function waitForQuiet(maxWaitMs: number, thresholdPercent = 20, sampleMs = 1000): Promise<number | undefined> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const busy = await busyPercent(sampleMs);
    if (busy === undefined || busy <= thresholdPercent || Date.now() >= deadline) return busy;
  }
}
