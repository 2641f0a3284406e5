import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { balanced, checkRuleGroups, get, selectorMatches } from './checks';
import { renderKustomization } from './render';
import { K8S_DIR, OPS_DIR } from './paths';

interface Target {
  expr: string;
  refId: string;
  datasource?: { uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid?: string };
  targets?: Target[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  __inputs: { name: string; pluginId: string }[];
  templating: { list: { name: string; query?: unknown }[] };
  panels: Panel[];
}

const dashboard = JSON.parse(
  readFileSync(join(OPS_DIR, 'grafana/oversing-dashboard.json'), 'utf8'),
) as Dashboard;
const alerts = parse(readFileSync(join(OPS_DIR, 'prometheus/alerts.yaml'), 'utf8')) as { groups: unknown[] };
const expressions = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const alertExpressions = alerts.groups.flatMap((g) =>
  ((get(g, 'rules') as unknown[]) ?? []).map((r) => String(get(r, 'expr'))),
);

/** The series the processes expose (SYSTEM.md, issue 7) plus Node's default metrics the panels use. */
const HISTOGRAMS = ['http_request_duration_seconds', 'oversing_job_duration_seconds'];
const KNOWN_SERIES = new Set([
  ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_count`, `${h}_sum`]),
  'oversing_queue_jobs',
  'oversing_db_pool_connections',
  'realtime_connections',
  'certifications_issued_total',
  'audit_relay_dead_lettered_total',
  'audit_dead_letters_open',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'up',
]);
const FUNCTIONS = new Set([
  'sum',
  'rate',
  'increase',
  'delta',
  'histogram_quantile',
  'topk',
  'max',
  'by',
  'and',
  'unless',
  'or',
  'offset',
  'on',
  'le',
]);

/** Metric names in a PromQL expression: identifiers followed by { or [ or standing alone, minus functions and labels. */
function seriesIn(expression: string): string[] {
  const withoutStrings = expression
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]');
  const withoutGroupings = withoutStrings.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  return [...withoutGroupings.matchAll(/\b([a-z_:][a-z0-9_:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] as string)
    .filter((name) => !FUNCTIONS.has(name) && !/^\d/.test(name) && !/^[0-9.]+[smhd]?$/.test(name));
}

describe('ops/grafana/oversing-dashboard.json', () => {
  it('is an importable dashboard with a Prometheus data-source input and variables', () => {
    expect(dashboard.uid).toBe('oversing-overview');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', pluginId: 'prometheus' }),
    ]);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'namespace', 'app']);
  });

  it('lays out panels with unique ids on the 24-column grid without overlap', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const boxes = dashboard.panels.map((p) => p.gridPos);
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.w, dashboard.panels[i]?.title).toBeLessThanOrEqual(24);
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
      }
    }
  });

  it('queries the selected data source from every panel, with balanced expressions', () => {
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid, panel.title).toBe('${datasource}');
        expect(balanced(target.expr), target.expr).toBe(true);
      }
    }
  });

  it('covers every named series: HTTP durations, queue depth, job duration, db pool, realtime, certifications', () => {
    const used = new Set(expressions.flatMap(seriesIn));
    for (const series of [
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'oversing_queue_jobs',
      'oversing_job_duration_seconds_bucket',
      'oversing_job_duration_seconds_count',
      'oversing_db_pool_connections',
      'realtime_connections',
      'certifications_issued_total',
    ]) {
      expect(used, series).toContain(series);
    }
  });

  it('names only series that exist (no typos) in the dashboard and the alerts', () => {
    for (const expression of [...expressions, ...alertExpressions]) {
      for (const series of seriesIn(expression))
        expect(KNOWN_SERIES, `${series} in ${expression}`).toContain(series);
    }
  });
});

describe('series extraction', () => {
  it('finds metric names and would catch a misspelt one (negative test)', () => {
    const found = seriesIn(
      'sum by (app, le) (rate(http_request_duraton_seconds_bucket{app=~"$app"}[$__rate_interval]))',
    );
    expect(found).toEqual(['http_request_duraton_seconds_bucket']);
    expect(KNOWN_SERIES.has(found[0] as string)).toBe(false);
    expect(seriesIn('sum(realtime_connections) < 0.5 * sum(realtime_connections offset 10m)')).toEqual([
      'realtime_connections',
      'realtime_connections',
    ]);
  });
});

describe('ops/prometheus/alerts.yaml', () => {
  it('has well-formed groups: alert names, expressions, severities and summaries', () => {
    expect(alerts.groups.length).toBeGreaterThan(0);
    expect(checkRuleGroups(alerts.groups)).toEqual([]);
  });

  it('reports a malformed rule (negative test)', () => {
    const broken = [
      { name: 'g', rules: [{ alert: 'X', expr: 'sum(rate(up[5m])', labels: { severity: 'page' } }] },
    ];
    expect(checkRuleGroups(broken)).toEqual([
      'g/X: unbalanced brackets in expr',
      'g/X: labels.severity must be critical, warning or info',
      'g/X: annotations.summary is required',
    ]);
  });

  it('watches exactly the jobs the ServiceMonitors scrape (job = Service name)', () => {
    const objects = renderKustomization(join(K8S_DIR, 'overlays/prod'));
    const scraped = objects
      .filter(
        (o) =>
          o.kind === 'Service' &&
          objects.some(
            (m) =>
              m.kind === 'ServiceMonitor' &&
              selectorMatches(get(m, 'spec.selector'), o.metadata.labels ?? {}),
          ),
      )
      .map((o) => o.metadata.name)
      .sort();
    const targetDown = alertExpressions.find((e) => e.startsWith('up{')) ?? '';
    const jobs = (/job=~"([^"]+)"/.exec(targetDown)?.[1] ?? '').split('|').sort();
    expect(jobs).toEqual(scraped);
  });
});
