// Runs the system's processes for `npm start`: each with its own environment, its output prefixed with its
// name (pino JSON pretty-printed, request lines and framework boot noise only with LOG_LEVEL=debug) and kept
// whole in var/log/<name>.log, its pid in var/log/<name>.pid; a process that dies is restarted with backoff, and one that keeps crashing is
// given up on with the reason while the others stay up. stop() ends them all.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { colour, LOG_DIR } from './steps.mjs';

const require = createRequire(import.meta.url);
const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000];
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;
const STOP_GRACE_MS = 10_000;
const NOISY_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory']);
const REQUEST_MESSAGES = new Set(['incoming request', 'request completed']);

function formatter(verbose) {
  let prettify;
  try {
    const { prettyFactory } = require('pino-pretty');
    prettify = prettyFactory({
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,app,reqId,context',
      singleLine: true,
    });
  } catch {
    prettify = (entry) => `${JSON.stringify(entry)}\n`;
  }
  // Nest's own console logger (before pino takes over): "[Nest] 123 - … LOG [InstanceLoader] …"
  const nestBoot = /\[(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory)\]/;
  return (line) => {
    if (!line.startsWith('{')) return !verbose && nestBoot.test(line) ? undefined : line;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return line;
    }
    if (typeof entry.level !== 'number') return line;
    if (!verbose && entry.level < 40) {
      if (REQUEST_MESSAGES.has(entry.msg) || NOISY_CONTEXTS.has(entry.context)) return undefined;
    }
    return prettify(entry).trimEnd();
  };
}

export class Supervisor {
  constructor({ verbose = false, names = [] } = {}) {
    this.format = formatter(verbose);
    this.running = new Map();
    this.stopping = false;
    this.width = Math.max(0, ...names.map((n) => n.length));
    mkdirSync(LOG_DIR, { recursive: true });
    // if the supervisor itself ends unexpectedly, take the processes with it
    process.once('exit', () => {
      for (const state of this.running.values())
        if (state.child?.exitCode === null) state.child.kill('SIGKILL');
    });
  }

  /** spec: {name, command, args, env} */
  start(spec) {
    this.width = Math.max(this.width, spec.name.length);
    const state = { spec, child: undefined, crashes: [], startedAt: 0, gaveUp: false };
    this.running.set(spec.name, state);
    this.launch(state);
  }

  launch(state) {
    const { spec } = state;
    const log = createWriteStream(join(LOG_DIR, `${spec.name}.log`), { flags: 'a' });
    // its own process group: a Ctrl-C in the terminal reaches only the supervisor, which then stops every
    // process in order (otherwise the children would exit on their own and look like crashes)
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    state.child = child;
    state.startedAt = Date.now();
    // <name>.pid next to the log: which process to look at (or to kill, to see it come back)
    if (child.pid) writeFileSync(this.pidFile(spec.name), `${child.pid}\n`);
    state.lastLines = [];
    const prefix = colour.dim(`${spec.name.padEnd(this.width)} │ `);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        state.lastLines = [...state.lastLines.slice(-9), line];
        const shown = this.format(line);
        if (shown !== undefined) process.stdout.write(`${prefix}${shown}\n`);
      });
    }
    child.once('error', (error) => process.stderr.write(`${prefix}${colour.red(error.message)}\n`));
    child.once('exit', (code, signal) => {
      log.end();
      if (this.stopping) return;
      this.onCrash(state, code, signal);
    });
  }

  pidFile(name) {
    return join(LOG_DIR, `${name}.pid`);
  }

  onCrash(state, code, signal) {
    const { name } = state.spec;
    const now = Date.now();
    state.crashes = [...state.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (state.crashes.length >= MAX_CRASHES) {
      state.gaveUp = true;
      process.stderr.write(
        `${colour.red('✗')} ${name} exited (${how}) ${MAX_CRASHES} times within ${CRASH_WINDOW_MS / 1000} s: ` +
          `giving up on it; the other processes keep running. Its last lines:\n` +
          state.lastLines.map((l) => `    ${l}`).join('\n') +
          `\n  The whole log is in ${join(LOG_DIR, `${name}.log`)}. Fix the cause and run npm start again.\n`,
      );
      return;
    }
    const delay = BACKOFF_MS[Math.min(state.crashes.length - 1, BACKOFF_MS.length - 1)];
    process.stderr.write(
      `${colour.yellow('↻')} ${name} exited (${how}); restarting it in ${delay / 1000} s ` +
        `(${state.crashes.length} of ${MAX_CRASHES} allowed within ${CRASH_WINDOW_MS / 1000} s)\n`,
    );
    state.timer = setTimeout(() => {
      if (!this.stopping) this.launch(state);
    }, delay);
  }

  /** Stops every process: SIGTERM, then SIGKILL for any still running after the grace period. */
  async stop() {
    this.stopping = true;
    const waits = [];
    for (const state of this.running.values()) {
      clearTimeout(state.timer);
      const child = state.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      waits.push(new Promise((resolve) => child.once('exit', resolve)));
      child.kill('SIGTERM');
    }
    const grace = setTimeout(() => {
      for (const state of this.running.values())
        if (state.child?.exitCode === null) state.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(waits);
    clearTimeout(grace);
    for (const name of this.running.keys()) rmSync(this.pidFile(name), { force: true });
  }
}
