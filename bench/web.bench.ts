import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The PWA: (1) gzipped JavaScript the first screen needs (the entry script and its modulepreloads in the
 * built index.html; routes and panels load on demand), against the 200 KB budget; (2) in Debian's
 * Chromium against the running system (apps/web/e2e/first-render.perf.ts, started like the e2e tests):
 * first contentful paint and time until the workspace shows the API's tasks, on a reload online and on a
 * reload offline (service worker cache), median of BENCH_WEB_RUNS reloads (default 7); (3) the Lighthouse
 * performance score of the first screen (npm package lighthouse against the same Chromium).
 */
/** first-screen budgets (issue 19): the sign-in screen (the entry) and the signed-in workspace */
const BUDGET_KB = { entry: 150, workspace: 200 };
const dist = 'apps/web/dist';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

function entryScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
}

function sizes(files: string[]): Array<{ file: string; bytes: number; gzip: number }> {
  return [...new Set(files)].map((file) => {
    const body = readFileSync(join(dist, file));
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
}

function main(): void {
  run('npm', ['run', 'build:web', '--silent']);
  run('npx', ['vitest', 'run', '--config', 'apps/web/vitest.perf.config.ts']);
  const perf = 'test-artifacts/web/perf.json';
  if (!existsSync(perf)) throw new Error(`${perf} was not written`);
  const figures = JSON.parse(readFileSync(perf, 'utf8')) as {
    runs: number;
    scripts: string[];
    online: { fcpMs: number; workspaceMs: number };
    offline: { fcpMs: number; workspaceMs: number };
    lighthouse: {
      score: number;
      fcpMs: number;
      lcpMs: number;
      tbtMs: number;
      cls: number;
      formFactor: string;
    };
  };

  for (const [title, files, budget] of [
    ['entry (index.html: script and modulepreloads)', entryScripts(), BUDGET_KB.entry],
    ['signed-in workspace (every script Chromium loaded)', figures.scripts, BUDGET_KB.workspace],
  ] as const) {
    const js = sizes(files);
    const gzipKb = js.reduce((sum, f) => sum + f.gzip, 0) / 1024;
    const rawKb = js.reduce((sum, f) => sum + f.bytes, 0) / 1024;
    process.stdout.write(`## web: JavaScript for the first screen, ${title}\n`);
    for (const f of js)
      process.stdout.write(
        `${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, gzip ${(f.gzip / 1024).toFixed(1)} KB\n`,
      );
    process.stdout.write(
      `total ${rawKb.toFixed(1)} KB, gzip ${gzipKb.toFixed(1)} KB: ${((gzipKb / budget) * 100).toFixed(0)}% of the ${budget} KB budget\n`,
    );
  }
  process.stdout.write(`## web: first render in Chromium (median of ${figures.runs} reloads)\n`);
  for (const [name, f] of [
    ['online reload', figures.online],
    ['offline reload', figures.offline],
  ] as const) {
    process.stdout.write(
      `${name.padEnd(16)} first contentful paint ${f.fcpMs.toFixed(0)} ms, workspace with tasks ${f.workspaceMs.toFixed(0)} ms\n`,
    );
  }
  process.stdout.write(
    `ratio: offline reload takes ${((figures.offline.workspaceMs / figures.online.workspaceMs) * 100).toFixed(0)}% of the online reload's time\n`,
  );
  const lh = figures.lighthouse;
  process.stdout.write(
    `## web: Lighthouse performance of the first screen (${lh.formFactor} profile, simulated throttling)\n`,
  );
  process.stdout.write(
    `score ${lh.score} (aim 90: ${lh.score >= 90 ? 'met' : 'not met'}); FCP ${lh.fcpMs.toFixed(0)} ms, LCP ${lh.lcpMs.toFixed(0)} ms, TBT ${lh.tbtMs.toFixed(0)} ms, CLS ${lh.cls.toFixed(3)}\n`,
  );
}

main();
