/**
 * Per run whose risk node is `learned-cleaner` (METHODS.md §3): the cleaner's lag weights against an
 * EWMA of the same half-life, its eigenvalue map beside QIS and RIE, and its volatility map, all on
 * the window of the run's last rebalance. Runs with other risk models add nothing.
 */
import type { EChartsOption } from 'echarts';
import { cleanerEigenvalueMapOption } from '../../../shared/charts/cleaner-eigenvalue-map';
import { cleanerLagWeightsOption } from '../../../shared/charts/cleaner-lag-weights';
import { cleanerVolatilityMapOption } from '../../../shared/charts/cleaner-volatility-map';
import { LIGHT_THEME } from '../../../shared/charts/normalised-prices';
import type { CleanerRunViews } from '../../../shared/domain/cleaner-views';
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { renderChartSvg } from '../svg-chart';
import { figure, heading, paragraph } from './blocks';
import { CHART_WIDTH } from './performance';

function forPrint(option: EChartsOption): EChartsOption {
  return { ...option, tooltip: undefined };
}

function runSection(run: ReportRun, views: CleanerRunViews): Content[] {
  return [
    heading(`Run ${run.label}: learned covariance cleaner`, 2),
    paragraph(
      `Risk model: the learned cleaner (lag transform, bidirectional recurrent cleaner over the sorted correlation spectrum, marginal-volatility head; ` +
        `Bongiorno, Manolakis & Mantegna, arXiv 2507.01918), applied to the ${views.lookback} daily returns from ${views.windowStart} to ${views.date} ` +
        `of the ${views.n} assets of the last rebalance. QIS and RIE are computed on the same window for comparison.`,
    ),
    figure(
      renderChartSvg(forPrint(cleanerLagWeightsOption(views.lagWeights, LIGHT_THEME)), CHART_WIDTH, 320),
      `Share of the window's covariance weight per lag (α_t², lag 1 = ${views.date}) against an EWMA that accumulates half of its weight within the same ${views.lagWeights.halfLife.toFixed(1)} days.`,
    ),
    figure(
      renderChartSvg(forPrint(cleanerEigenvalueMapOption(views.eigenvalues, LIGHT_THEME)), CHART_WIDTH, 380),
      'Sample correlation eigenvalue against cleaned eigenvalue (log–log); below the dotted diagonal an eigenvalue is shrunk. The cleaner sees the lag-transformed window, so its sample eigenvalues differ slightly from those of QIS and RIE.',
    ),
    figure(
      renderChartSvg(forPrint(cleanerVolatilityMapOption(views.volatility, LIGHT_THEME)), CHART_WIDTH, 340),
      'Annualised sample volatility of each asset against the marginal volatility the cleaner assigns it; the dotted line is no change.',
    ),
  ];
}

export function cleanerSection(data: AuditReportData): Content[] {
  const runs = data.runs.filter((run): run is ReportRun & { cleaner: CleanerRunViews } => !!run.cleaner);
  if (runs.length === 0) return [];
  return [heading('Learned covariance cleaner', 1, { pageBreak: true }), ...runs.flatMap((run) => runSection(run, run.cleaner))];
}
