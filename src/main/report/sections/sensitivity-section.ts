/**
 * Per run whose optimiser is `sensitivity` (METHODS.md §4): how the drivers were built (source,
 * transform, gaps), which ones the commonality selection kept at the last fit and with what scores,
 * the sensitivity map (assets × drivers, signed) and the dendrogram with cluster weights of the last
 * rebalance. Runs of other optimisers add nothing.
 */
import type { EChartsOption } from 'echarts';
import { LIGHT_THEME } from '../../../shared/charts/normalised-prices';
import type { SensitivityRunDiagnostics } from '../../../shared/charts/sensitivity-data';
import { DENDROGRAM_MAX_LEAVES, sensitivityDendrogramOption } from '../../../shared/charts/sensitivity-dendrogram';
import { sensitivityMapOption } from '../../../shared/charts/sensitivity-map';
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { renderChartSvg } from '../svg-chart';
import { dataTable, figure, heading, paragraph } from './blocks';
import { CHART_WIDTH } from './performance';

/** Tallest map that still fits a page with its caption (px at CHART_WIDTH). */
const MAX_MAP_HEIGHT = 980;

const share = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(0)} %`);

function forPrint(option: EChartsOption): EChartsOption {
  return { ...option, tooltip: undefined };
}

function runSection(run: ReportRun, diagnostics: SensitivityRunDiagnostics): Content[] {
  const last = diagnostics.lastWindow;
  const content: Content[] = [
    heading(`Run ${run.label}: sensitivity allocation`, 2),
    paragraph(
      `${diagnostics.variant === 'hrp' ? 'Recursive bisection' : 'Minimum variance within a weight band per cluster'} on the ${diagnostics.linkage}-linkage tree of ` +
        `sensitivity distances (the Euclidean distance between two assets' sensitivity rows). Sensitivities are the window-averaged Jacobian of a multi-head network ` +
        `(hidden ${diagnostics.hidden.join('×') || 'none'}, ${diagnostics.epochs} epochs) from the z-scored drivers and ${diagnostics.lags} lag(s) to the z-scored returns of the last ${diagnostics.window} periods; ` +
        `${diagnostics.fits.length} fits in all.`,
    ),
    dataTable(
      [
        { header: 'Driver', width: 'auto' },
        { header: 'Source', width: '*' },
        { header: 'Transform', width: 'auto' },
        { header: 'Values', width: 'auto', align: 'right' },
        { header: 'Gaps', width: '*' },
      ],
      diagnostics.drivers.map((driver) => [
        driver.name,
        driver.source,
        `${driver.transform} (${driver.sourceFrequency})`,
        String(driver.observed),
        driver.gaps.length === 0 ? 'none' : driver.gaps.map((gap) => (gap.rows === 1 ? gap.from : `${gap.from} to ${gap.to}`)).join('; '),
      ]),
      { fontSize: 7.5 },
    ),
  ];
  if (!last) return [...content, paragraph('No rebalance was decided, so there is no window to show.')];
  content.push(
    paragraph(`Commonality selection at the last fit (${last.fitDate}), as shares of the ${last.assets.length} assets${last.fallback ? '; no driver reached the share, so the best one was used alone' : ''}:`),
    dataTable(
      [
        { header: 'Driver', width: '*' },
        { header: '|ρ| > 0.2', width: 'auto', align: 'right' },
        { header: 'Lag-1 significant', width: 'auto', align: 'right' },
        { header: 'Mean |ρ|', width: 'auto', align: 'right' },
        { header: 'Kept', width: 'auto' },
      ],
      last.drivers.map((driver) => [
        driver.name,
        share(driver.correlationShare),
        share(driver.predictabilityShare),
        driver.meanAbsCorrelation === null ? '—' : driver.meanAbsCorrelation.toFixed(2),
        driver.kept ? 'yes' : `no (${driver.reason ?? ''})`,
      ]),
      { fontSize: 7.5 },
    ),
  );
  const mapHeight = Math.min(MAX_MAP_HEIGHT, 150 + 12 * last.assets.length);
  content.push(
    figure(
      renderChartSvg(forPrint(sensitivityMapOption(last, LIGHT_THEME)), CHART_WIDTH, mapHeight),
      `Sensitivity map at ${last.date}: ∂asset/∂driver averaged over the window, in asset σ per driver σ (blue positive, red negative); rows in dendrogram order.`,
    ),
    figure(
      renderChartSvg(forPrint(sensitivityDendrogramOption(last, LIGHT_THEME)), CHART_WIDTH, 460),
      `Dendrogram of sensitivity distances at ${last.date}${last.assets.length > DENDROGRAM_MAX_LEAVES ? `, cut to its top ${DENDROGRAM_MAX_LEAVES} clusters of the ${last.assets.length} assets` : ''}; each merge is shaded and, at the top of the tree, labelled with the weight of the cluster under it. Bars: the weight of each leaf.`,
    ),
  );
  return content;
}

export function sensitivitySection(data: AuditReportData): Content[] {
  const runs = data.runs.filter((run): run is ReportRun & { sensitivity: SensitivityRunDiagnostics } => !!run.sensitivity);
  if (runs.length === 0) return [];
  return [heading('Sensitivity allocation', 1, { pageBreak: true }), ...runs.flatMap((run) => runSection(run, run.sensitivity))];
}
