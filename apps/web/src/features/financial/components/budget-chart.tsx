import { formatMoney } from '@/lib/money';
import type { BudgetReport } from '@/features/financial/api/list-budgets';

export interface BudgetBar {
  report: BudgetReport;
  programName: string;
}

const ROW = 44;
const LABEL = 140;
const WIDTH = 480;

/** The bar length of an amount against the largest one, in SVG units (ratios of minor units, for drawing only). */
function barWidth(minor: number, max: number, span: number): number {
  if (max <= 0 || minor <= 0) return 0;
  return Math.max(1, Math.round((Math.min(minor, max) / max) * span));
}

/**
 * Budget vs actual per program, as plain SVG: for each budget a planned bar and, under it, the actual
 * (approved time + approved expenses); an overrun is drawn red. Every figure is also in the table that
 * follows, which is what screen readers get.
 */
export function BudgetChart({ bars, locale }: { bars: BudgetBar[]; locale?: string }) {
  const span = WIDTH - LABEL - 8;
  const byCurrency = new Map<string, number>();
  for (const { report } of bars)
    byCurrency.set(
      report.currency,
      Math.max(byCurrency.get(report.currency) ?? 0, report.planned_minor, report.actual.total_minor),
    );
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${bars.length * ROW + 8}`}
        className="w-full max-w-2xl"
        aria-hidden="true"
        focusable="false"
      >
        {bars.map(({ report, programName }, i) => {
          const max = byCurrency.get(report.currency) ?? 0;
          const y = i * ROW + 4;
          const over = report.actual.total_minor > report.planned_minor;
          return (
            <g key={report.id}>
              <text x={0} y={y + 14} className="fill-current text-[11px]">
                {programName.length > 20 ? `${programName.slice(0, 19)}…` : programName}
              </text>
              <rect
                x={LABEL}
                y={y + 2}
                width={barWidth(report.planned_minor, max, span)}
                height={14}
                className="fill-slate-400 dark:fill-slate-500"
                data-testid="planned-bar"
              />
              <rect
                x={LABEL}
                y={y + 20}
                width={barWidth(report.actual.total_minor, max, span)}
                height={14}
                className={over ? 'fill-red-600' : 'fill-emerald-600'}
                data-testid="actual-bar"
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-xs">
        <span>
          <span className="mr-1 inline-block h-2 w-3 bg-slate-400" aria-hidden="true" />
          Planned
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-3 bg-emerald-600" aria-hidden="true" />
          Actual
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-3 bg-red-600" aria-hidden="true" />
          Over budget
        </span>
      </figcaption>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Budget vs actual per program</caption>
        <thead>
          <tr>
            <th scope="col">Program</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
            <th scope="col">Remaining</th>
          </tr>
        </thead>
        <tbody>
          {bars.map(({ report, programName }) => (
            <tr key={report.id}>
              <th scope="row" className="font-normal">
                {programName}
              </th>
              <td>{formatMoney(report.planned_minor, report.currency, locale)}</td>
              <td>{formatMoney(report.actual.total_minor, report.currency, locale)}</td>
              <td className={report.remaining_minor < 0 ? 'text-red-700 dark:text-red-400' : undefined}>
                {formatMoney(report.remaining_minor, report.currency, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
