import { SingleBar } from 'cli-progress';
import type { ImportProgress } from './import-legacy.use-case';

/**
 * The import's progress bar, on stderr and only when stderr is a terminal (stdout carries the JSON
 * report, and logs or pipes get no control characters).
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ImportProgress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new SingleBar({
    stream,
    format: 'legacy import [{bar}] {percentage}% | {value}/{total} rows | {entity} | {duration_formatted}',
    barCompleteChar: '=',
    barIncompleteChar: ' ',
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  let started = false;
  return {
    start(total) {
      started = true;
      bar.start(total, 0, { entity: 'starting' });
    },
    advance(rows, entity) {
      bar.increment(rows, { entity });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
