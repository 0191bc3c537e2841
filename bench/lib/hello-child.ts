import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { captureOutput, stopChild } from './child-process.js';

export interface HelloChild {
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** bench/hello-server.ts in its own process; resolves with the port it printed. */
export async function startHelloChild(): Promise<HelloChild> {
  const script = fileURLToPath(new URL('../hello-server.js', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hello server did not start within 10 s:\n${output()}`)), 10_000);
    child.stdout.on('data', () => {
      const m = /listening (\d+)/.exec(output());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hello server exited (${code}):\n${output()}`));
    });
  });
  return { host: '127.0.0.1', port, pid: child.pid!, stop: () => stopChild(child) };
}
