// One line per step of `npm start`: a spinner while it runs (on a terminal), then ✓ with its duration, or ✗
// with the tail of its log. A step's own output goes to var/log/<step>.log, not to the screen.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_DIR = process.env.OVERSING_LOG_DIR ?? 'var/log';
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const tty = process.stdout.isTTY === true;

export const colour = {
  green: (s) => (tty ? `\x1b[32m${s}\x1b[0m` : s),
  red: (s) => (tty ? `\x1b[31m${s}\x1b[0m` : s),
  yellow: (s) => (tty ? `\x1b[33m${s}\x1b[0m` : s),
  dim: (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s),
  bold: (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s),
};

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Shows `title` with a spinner while `work()` runs; returns its result or exits with the reason. */
export async function step(title, work) {
  const started = Date.now();
  let frame = 0;
  const timer = tty
    ? setInterval(
        () =>
          process.stdout.write(
            `\r${FRAMES[frame++ % FRAMES.length]} ${title} ${colour.dim(seconds(started))}`,
          ),
        100,
      )
    : undefined;
  if (!tty) process.stdout.write(`» ${title}\n`);
  try {
    const result = await work();
    if (timer) clearInterval(timer);
    process.stdout.write(
      `${tty ? '\r\x1b[2K' : ''}${colour.green('✓')} ${title} ${colour.dim(`(${seconds(started)})`)}\n`,
    );
    return result;
  } catch (error) {
    if (timer) clearInterval(timer);
    process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${colour.red('✗')} ${title}\n`);
    process.stderr.write(`${error.message ?? error}\n`);
    process.exit(1);
  }
}

/** Runs a command with its output in var/log/<name>.log; on failure the error carries the log's last lines. */
export function runLogged(name, command, args, env) {
  mkdirSync(LOG_DIR, { recursive: true });
  const path = join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(path);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', reject);
    child.once('close', (code) => {
      log.end(() => {
        if (code === 0) return resolve();
        const tail = readFileSync(path, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
        reject(
          new Error(
            `${tail}\n\n${command} ${args.join(' ')} exited with ${code}; the whole output is in ${path}`,
          ),
        );
      });
    });
  });
}
