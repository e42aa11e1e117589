/**
 * Section 3: per run, the metrics with their definitions, equity and drawdown, the rolling Sharpe
 * ratio, weights over time (largest holdings plus "other", or a heatmap for many assets), turnover
 * per rebalance and the largest holdings.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME } from '../../../shared/charts/normalised-prices';
import { concentrationOption } from '../../../shared/charts/report-concentration';
import { HEATMAP_COLUMNS, HEATMAP_HOLDINGS, STACKED_AREA_MAX_ASSETS, weightsHeatmapOption } from '../../../shared/charts/report-weights-heatmap';
import { rollingSharpeOption } from '../../../shared/charts/rolling-sharpe';
import { equityDrawdownOption, weightsAreaOption } from '../../../shared/charts/run-charts';
import { turnoverOption } from '../../../shared/charts/turnover';
import { formatCount, formatPercent } from '../format';
import { formatMetric, METRIC_ROWS } from '../metric-rows';
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { concentrationOverTime, equityLine, holdingsSummary, rollingSharpeLine, turnoverOverTime, weightsHeatmap, weightsOverTime } from '../run-figures';
import { renderChartSvg } from '../svg-chart';
import { dataTable, figure, heading, keepTogether, paragraph } from './blocks';

/** Chart geometry in px; the PDF scales them to the text width (≈ 0.69 pt per px). */
export const CHART_WIDTH = 720;
/** Points per line: well above what 495 pt of width can show. */
export const MAX_CHART_POINTS = 600;
/** Rows of the largest-holdings table. */
const TABLE_HOLDINGS = 10;
/** Rebalances drawn in the weights chart. */
const MAX_WEIGHT_POINTS = 240;
/** Distinct colours that read on white paper: one per stacked asset (up to STACKED_AREA_MAX_ASSETS) or per run. */
const PALETTE = ['#1d4e89', '#e07a1f', '#2a9d8f', '#c0392b', '#7b5ea7', '#8c6d46', '#d63384', '#4d7c0f', '#0e7490', '#b45309', '#5b6abf', '#9e9d24'];
const OTHER_COLOR = '#b8c0c8';

/**
 * Paper has no hover and no scrolling: drop the tooltip and lay the legend out in full (the UI's
 * scrolling legend would hide entries), leaving room for `legendRows` rows under a single grid.
 */
function forPrint(option: EChartsOption, legendRows?: number): EChartsOption {
  const grid = option.grid;
  return {
    ...option,
    tooltip: undefined,
    ...(option.legend ? { legend: { ...(option.legend as object), type: 'plain', bottom: 0, itemGap: 12, textStyle: { color: LIGHT_THEME.text, fontSize: 12 } } } : {}),
    ...(legendRows !== undefined && !Array.isArray(grid) ? { grid: { ...(grid as object), bottom: 28 + 20 * legendRows } } : {}),
  };
}

/**
 * Equity on a base-2 log axis (gridlines at doublings; base 10 leaves a growth from 1 to 5 with
 * one gridline) and fewer drawdown ticks, which the short lower panel cannot fit at 10 % steps.
 */
export function equityChartSvg(lines: Parameters<typeof equityDrawdownOption>[0], height = 400): string {
  const option = forPrint(equityDrawdownOption(lines, LIGHT_THEME));
  const [equityAxis, drawdownAxis] = option.yAxis as Record<string, unknown>[];
  const yAxis = [
    { ...equityAxis, logBase: 2, axisLabel: { ...(equityAxis.axisLabel as object), formatter: (v: number) => String(Number(v.toPrecision(3))) } },
    { ...drawdownAxis, splitNumber: 3 },
  ];
  return renderChartSvg({ ...option, yAxis, color: PALETTE } as EChartsOption, CHART_WIDTH, height);
}

function weightsAreaSvg(run: ReportRun, dates: string[]): string {
  const weights = weightsOverTime(run.weights, run.assets, dates, STACKED_AREA_MAX_ASSETS, MAX_WEIGHT_POINTS);
  const named = weights.assets.length - (weights.otherAssets > 0 ? 1 : 0);
  const option = forPrint(weightsAreaOption(weights, LIGHT_THEME), Math.ceil(weights.assets.length / 6));
  const colors = [...Array.from({ length: named }, (_, i) => PALETTE[i % PALETTE.length]), ...(weights.otherAssets > 0 ? [OTHER_COLOR] : [])];
  return renderChartSvg({ ...option, color: colors }, CHART_WIDTH, 340);
}

/** Bars drawn in the turnover chart: one per rebalance up to this many, else each gap's largest. */
const MAX_TURNOVER_BARS = 240;

/** A chart and its caption without the figure number (lettered in order by the caller). */
interface RunChart {
  svg: string;
  caption: string;
}

function rollingSharpeChart(run: ReportRun): RunChart[] {
  if (!Number.isFinite(run.periodsPerYear)) return [];
  const line = rollingSharpeLine(run.dates, run.netReturns, run.periodsPerYear, MAX_CHART_POINTS);
  if (line.values.every((value) => value === null)) return [];
  const svg = renderChartSvg({ ...forPrint(rollingSharpeOption([{ name: `Run ${run.label}`, line }], LIGHT_THEME)), color: PALETTE }, CHART_WIDTH, 240);
  return [{ svg, caption: `annualised Sharpe ratio of the trailing ${line.window} periods of net returns (no risk-free rate subtracted).` }];
}

function turnoverChart(run: ReportRun): RunChart[] {
  if (run.rebalances.length === 0) return [];
  const turnover = turnoverOverTime(run.rebalances, MAX_TURNOVER_BARS);
  const sampled = run.rebalances.length > turnover.dates.length ? ` (${formatCount(turnover.dates.length)} of ${formatCount(run.rebalances.length)} rebalances, keeping the largest trade of each stretch)` : '';
  const svg = renderChartSvg(forPrint(turnoverOption(turnover, LIGHT_THEME)), CHART_WIDTH, 220);
  return [{ svg, caption: `one-way turnover (half the sum of absolute weight changes) at each rebalance and its mean, ${formatPercent(turnover.mean)}${sampled}.` }];
}

function weightsCharts(run: ReportRun, dates: string[], everHeld: number): RunChart[] {
  const sampled = dates.length > MAX_WEIGHT_POINTS ? ` (${MAX_WEIGHT_POINTS} of ${formatCount(dates.length)} rebalances, evenly spaced)` : '';
  if (run.assets.length <= STACKED_AREA_MAX_ASSETS) return [{ svg: weightsAreaSvg(run, dates), caption: `weights after each rebalance${sampled}.` }];
  const heatmap = weightsHeatmap(run.weights, run.assets, dates, HEATMAP_HOLDINGS, HEATMAP_COLUMNS);
  const width = Math.ceil(dates.length / heatmap.dates.length);
  return [
    {
      svg: renderChartSvg(forPrint(weightsHeatmapOption(heatmap, LIGHT_THEME)), CHART_WIDTH, 90 + 13 * heatmap.assets.length),
      caption: `weights of the ${heatmap.assets.length} largest holdings by mean weight (of ${formatCount(everHeld)} held)${width > 1 ? `, each cell the mean over ${width} consecutive rebalances` : ''}.`,
    },
    {
      svg: renderChartSvg(forPrint(concentrationOption(concentrationOverTime(run.weights, run.assets.length, dates, MAX_CHART_POINTS), LIGHT_THEME), 1), CHART_WIDTH, 230),
      caption: 'effective number of holdings and largest single position after each rebalance.',
    },
  ];
}

function runPerformance(run: ReportRun, index: number): Content[] {
  const dates = run.rebalances.map((record) => record.date);
  const holdings = holdingsSummary(run.weights, run.assets, dates, TABLE_HOLDINGS);
  const rows = METRIC_ROWS.map((row): Content[] => [row.label, { text: formatMetric(row, run.metrics), alignment: 'right' }, { text: row.definition, style: 'small' }]);
  const charts: RunChart[] = [
    {
      svg: equityChartSvg([equityLine(`Run ${run.label}`, run.dates, run.netReturns, MAX_CHART_POINTS)]),
      caption: `growth of 1 net of costs (log scale) and drawdown from the running peak, ${run.dates[0]} to ${run.dates[run.dates.length - 1]}.`,
    },
    ...rollingSharpeChart(run),
    ...weightsCharts(run, dates, holdings.everHeld),
    ...turnoverChart(run),
  ];
  return [
    heading(`3.${index + 1}  Run ${run.label} — ${run.name}`, 2, { pageBreak: index > 0 }),
    dataTable(
      [
        { header: 'Metric', width: 120 },
        { header: 'Value', width: 70, align: 'right' },
        { header: 'Definition (A = periods a year)', width: '*' },
      ],
      rows,
    ),
    ...charts.map((chart, k) => figure(chart.svg, `Figure 3.${index + 1}${String.fromCharCode(97 + k)} — Run ${run.label}: ${chart.caption}`)),
    keepTogether([
      { text: 'Largest holdings', style: 'h3' },
      paragraph(`${formatCount(holdings.everHeld)} of ${formatCount(run.assets.length)} assets were held at some rebalance.`),
      dataTable(
      [
        { header: 'Asset', width: '*' },
        { header: 'Mean weight', width: 70, align: 'right' },
        { header: 'Largest weight', width: 70, align: 'right' },
        { header: 'Held at (share of rebalances)', width: 130, align: 'right' },
      ],
        holdings.top.map((holding) => [holding.asset, formatPercent(holding.meanWeight), formatPercent(holding.maxWeight), formatPercent(holding.heldShare, 1)]),
      ),
    ]),
  ];
}

export function performanceSection(data: AuditReportData): Content[] {
  return [heading('3  Performance', 1, { pageBreak: true }), ...data.runs.flatMap(runPerformance)];
}
