import type { ImportStep } from './import-step';

/**
 * Steps imported at once: two keeps both cores of a small machine busy (each step is a pipeline of MySQL
 * reads, mapping here and one PostgreSQL connection writing) without starving the API next to it.
 */
export const DEFAULT_PARALLEL_STEPS = 2;

/**
 * Runs every step once all the entities it depends on are imported, at most `parallel` at a time, in the
 * list's order among those ready. A failure stops new steps; the running ones finish before it is thrown.
 */
export async function runSteps(
  steps: readonly ImportStep[],
  parallel: number,
  run: (step: ImportStep) => Promise<void>,
): Promise<void> {
  const done = new Set<string>();
  const pending = [...steps];
  const running = new Map<string, Promise<string>>();
  while (pending.length || running.size) {
    for (const step of [...pending]) {
      if (running.size >= parallel) break;
      if (!step.dependsOn.every((entity) => done.has(entity))) continue;
      pending.splice(pending.indexOf(step), 1);
      running.set(
        step.entity,
        run(step).then(() => step.entity),
      );
    }
    if (!running.size)
      throw new Error(
        `steps waiting on entities no step imports: ${pending.map((s) => s.entity).join(', ')}`,
      );
    try {
      const finished = await Promise.race(running.values());
      running.delete(finished);
      done.add(finished);
    } catch (error) {
      await Promise.allSettled(running.values());
      throw error;
    }
  }
}
