/**
 * Section 4 (two or more runs): metrics side by side with differences against the first run
 * (the baseline), the common period, the correlation of net returns, and equity and drawdown
 * overlaid on the common period.
 */
import { formatCount, formatRatio } from '../format';
import { formatMetric, formatMetricDifference, METRIC_ROWS } from '../metric-rows';
import type { Content } from '../pdf-document';
import type { AuditReportData } from '../report-data';
import { commonPeriod, correlation, equityLine } from '../run-figures';
import { dataTable, figure, heading, paragraph, type Column } from './blocks';
import { equityChartSvg, MAX_CHART_POINTS } from './performance';

/** Runs per side-by-side table: with their differences, more would not fit the page width. */
const RUNS_PER_TABLE = 2;

function metricsTables(data: AuditReportData): Content[] {
  const [base, ...others] = data.runs;
  const tables: Content[] = [];
  for (let start = 0; start < others.length; start += RUNS_PER_TABLE) {
    const group = others.slice(start, start + RUNS_PER_TABLE);
    const columns: Column[] = [
      { header: 'Metric', width: '*' },
      { header: `${base.label} (baseline)`, width: 58, align: 'right' },
      ...group.flatMap((run): Column[] => [
        { header: run.label, width: 50, align: 'right' },
        { header: `${run.label} − ${base.label}`, width: 56, align: 'right' },
      ]),
    ];
    tables.push(
      dataTable(
        columns,
        METRIC_ROWS.map((row): Content[] => [row.label, formatMetric(row, base.metrics), ...group.flatMap((run) => [formatMetric(row, run.metrics), formatMetricDifference(row, base.metrics, run.metrics)])]),
      ),
    );
  }
  return tables;
}

export function comparisonSection(data: AuditReportData): Content[] {
  const [base] = data.runs;
  const common = commonPeriod(data.runs);
  const p = common.dates.length;
  const overlayHeading = heading('4.2  Equity and drawdown overlaid', 2);
  const overlay =
    p >= 2
      ? [
          figure(
            equityChartSvg(data.runs.map((run, k) => equityLine(`Run ${run.label}`, common.dates, common.returns[k], MAX_CHART_POINTS)), 420),
            `Figure 4 — Growth of 1 net of costs (log scale) and drawdown of every run over their common period, ${common.dates[0]} to ${common.dates[p - 1]}.`,
            [overlayHeading],
          ),
        ]
      : [overlayHeading, paragraph('The runs share fewer than two periods, so their equity curves cannot be overlaid.')];
  return [
    heading('4  Comparison', 1, { pageBreak: true }),
    paragraph(`Run ${base.label} (${base.name}) is the baseline: each difference is the other run's figure minus the baseline's, in percentage points (pp) for figures in per cent. The metrics are each run's full out-of-sample figures.`),
    dataTable(
      [
        { header: 'Run', width: 24 },
        { header: 'Pipeline', width: '*' },
        { header: 'Out of sample', width: 'auto' },
        { header: 'Periods', width: 44, align: 'right' },
        { header: `Correlation with ${base.label}`, width: 70, align: 'right' },
      ],
      data.runs.map((run, k) => [
        { text: run.label, bold: true },
        run.name,
        `${run.dates[0]} to ${run.dates[run.dates.length - 1]}`,
        formatCount(run.dates.length),
        k === 0 ? '—' : formatRatio(correlation(common.returns[0], common.returns[k])),
      ]),
    ),
    paragraph(
      p > 0
        ? `Common period: ${common.dates[0]} to ${common.dates[p - 1]}, ${formatCount(p)} periods. Correlations are of net returns over it. Differences are point estimates; this report does not test their statistical significance.`
        : 'The runs have no period in common. Differences are point estimates; this report does not test their statistical significance.',
    ),
    heading('4.1  Metrics side by side', 2),
    ...metricsTables(data),
    ...overlay,
  ];
}
