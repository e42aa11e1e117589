/**
 * Section 4 (two or more runs): metrics side by side with differences against the first run
 * (the baseline), the common period, the correlation of net returns, tests of each Sharpe-ratio
 * difference, and equity and drawdown overlaid on the common period.
 */
import { formatCount, formatDifference, formatPValue, formatRatio } from '../format';
import { formatMetric, formatMetricDifference, METRIC_ROWS } from '../metric-rows';
import type { Content } from '../pdf-document';
import type { AuditReportData } from '../report-data';
import { commonPeriod, correlation, equityLine } from '../run-figures';
import { BOOTSTRAP_SEED, type SharpeTests } from '../sharpe-tests';
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

function testsBlock(data: AuditReportData, tests: SharpeTests): Content[] {
  const [base] = data.runs;
  if (!tests.ok) return [paragraph(`The Sharpe-ratio differences were not tested: ${tests.reason}.`)];
  return [
    paragraph(
      `H₀: the run's Sharpe ratio equals run ${base.label}'s (two-sided), over the ${formatCount(tests.periods)} common periods ${tests.first} to ${tests.last}, on net returns with a risk-free rate of 0; run ${base.label}'s Sharpe ratio there is ${formatRatio(tests.baselineSharpe)}. Jobson–Korkie with Memmel's correction assumes independent, normal returns; the Ledoit–Wolf (2008) studentised circular block bootstrap (blocks of ${tests.blockLength} periods, ${formatCount(tests.resamples)} resamples, seed ${BOOTSTRAP_SEED}) allows for serial dependence and fat tails and is the one the findings use.`,
    ),
    dataTable(
      [
        { header: 'Run', width: 24 },
        { header: 'Sharpe', width: 40, align: 'right' },
        { header: `− ${base.label}`, width: 40, align: 'right' },
        { header: 'JKM z', width: 40, align: 'right' },
        { header: 'JKM p', width: 44, align: 'right' },
        { header: 'Bootstrap p', width: 56, align: 'right' },
        { header: '95 % interval of the difference', width: '*', align: 'right' },
      ],
      tests.tests.map((test) => [
        { text: test.label, bold: true },
        formatRatio(test.sharpe),
        formatDifference(test.difference),
        formatRatio(test.jkmStatistic),
        formatPValue(test.jkmPValue),
        formatPValue(test.bootstrapPValue),
        `${formatRatio(test.interval[0])} to ${formatRatio(test.interval[1])}`,
      ]),
    ),
  ];
}

export function comparisonSection(data: AuditReportData, tests: SharpeTests): Content[] {
  const [base] = data.runs;
  const common = commonPeriod(data.runs);
  const p = common.dates.length;
  const overlayHeading = heading('4.3  Equity and drawdown overlaid', 2);
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
        ? `Common period: ${common.dates[0]} to ${common.dates[p - 1]}, ${formatCount(p)} periods. Correlations are of net returns over it.`
        : 'The runs have no period in common.',
    ),
    heading('4.1  Metrics side by side', 2),
    ...metricsTables(data),
    heading('4.2  Is the Sharpe-ratio difference significant?', 2),
    ...testsBlock(data, tests),
    ...overlay,
  ];
}
