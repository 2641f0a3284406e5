import { ChildProcess, spawn } from 'node:child_process';

/** Starts a built entry point (`dist/...js`) as its own process, with extra environment variables. */
export function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  return spawn('node', [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}
