import { describe, expect, it } from 'vitest';
import type { ImportStep } from './import-step';
import { IMPORT_STEPS } from './legacy-steps';
import { runSteps } from './step-scheduler';

function step(entity: string, dependsOn: string[] = []): ImportStep {
  return { entity, dependsOn } as unknown as ImportStep;
}

/** Runs steps that each take a tick, recording when they start and end and how many ran at once. */
async function trace(steps: ImportStep[], parallel: number, failing?: string) {
  const events: string[] = [];
  let running = 0;
  let most = 0;
  const run = runSteps(steps, parallel, async (s) => {
    events.push(`start ${s.entity}`);
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    events.push(`end ${s.entity}`);
    if (s.entity === failing) throw new Error(`${s.entity} failed`);
  });
  return { run, events, most: () => most };
}

describe('runSteps', () => {
  it('starts a step only once everything it depends on is done, at most `parallel` at a time', async () => {
    const t = await trace(
      [step('a'), step('b'), step('c', ['a']), step('d', ['c', 'b']), step('e', ['a'])],
      2,
    );
    await t.run;
    const at = (event: string) => t.events.indexOf(event);
    expect(at('start c')).toBeGreaterThan(at('end a'));
    expect(at('start d')).toBeGreaterThan(Math.max(at('end c'), at('end b')));
    expect(at('start e')).toBeGreaterThan(at('end a'));
    expect(t.most()).toBe(2);
    expect(t.events.filter((e) => e.startsWith('end'))).toHaveLength(5);
  });

  it('runs one step at a time in list order with parallel 1', async () => {
    const t = await trace([step('a'), step('b'), step('c', ['a'])], 1);
    await t.run;
    expect(t.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('on a failure starts nothing more and lets the running steps finish before throwing', async () => {
    const t = await trace([step('a'), step('b'), step('c', ['a'])], 2, 'a');
    await expect(t.run).rejects.toThrow('a failed');
    expect(t.events).toContain('end b');
    expect(t.events).not.toContain('start c');
  });

  it('refuses steps waiting on an entity no step imports', async () => {
    const t = await trace([step('a'), step('b', ['x'])], 2);
    await expect(t.run).rejects.toThrow(/waiting on entities no step imports: b/);
  });

  it('the import steps depend only on entities imported by steps listed before them', () => {
    const before = new Set<string>();
    for (const s of IMPORT_STEPS) {
      for (const entity of s.dependsOn) expect(before.has(entity), `${s.entity} → ${entity}`).toBe(true);
      before.add(s.entity);
    }
  });
});
