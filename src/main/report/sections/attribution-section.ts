/**
 * Gradient attributions stored with the reported runs (issue 7): per record, the method and anchor,
 * and per target (μ̂, a weight through the QP, the portfolio return) the attribution by feature
 * group, two runs side by side when the record compares them, with the completeness check of
 * integrated gradients and SHAP.
 */
import { attributionBarsOption, groupBarValues, heatmapHeight } from '../../../shared/charts/explain-attribution';
import type { AttributionResult } from '../../../shared/domain/explain';
import { formatTimestamp } from '../format';
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { renderChartSvg } from '../svg-chart';
import { dataTable, figure, heading, paragraph } from './blocks';
import { printableContent } from './explain-section';
import { CHART_WIDTH } from './performance';

const METHOD = { ig: 'integrated gradients', saliency: 'gradient saliency', shap: 'gradient SHAP (expected gradients)' } as const;

const signed = (value: number): string => (value === 0 ? '0' : Math.abs(value) >= 0.001 ? value.toFixed(4) : value.toExponential(2));

function attributionBlock(run: ReportRun, title: string, createdAt: string, result: AttributionResult): Content[] {
  const groups = result.groups.map((group) => group.name);
  const runNames = result.runs.map((r) => `${r.run.name} (${r.run.training})`);
  const targets = result.runs[0].targets.map((first) => {
    const perRun = result.runs.map((r) => r.targets.find((t) => t.target === first.target));
    const magnitude = perRun.some((t) => groupBarValues(groups, t?.bars ?? []).measure === 'magnitude');
    const values = perRun.map((t) => (magnitude ? groups.map((g) => t?.bars.find((bar) => bar.group === g)?.magnitude ?? 0) : groupBarValues(groups, t?.bars ?? []).values));
    const label = perRun.map((t, i) => (perRun.every((other) => other?.label === first.label) ? first.label : `${t?.label ?? '—'} (${result.runs[i].run.training})`)).filter((item, i, all) => all.indexOf(item) === i).join(' vs ');
    const option = attributionBarsOption(groups, values.map((v, i) => ({ name: runNames[i], values: v })));
    const table = dataTable(
      [{ header: 'Group', width: '*' }, { header: 'Kind', width: 70 }, ...runNames.map((name) => ({ header: name, width: 110, align: 'right' as const }))],
      groups.map((group, g) => [group, result.groups[g].kind, ...values.map((v) => signed(v[g]))]),
      { fontSize: 8 },
    );
    const checks = perRun
      .map((t, i) => (t && result.method !== 'saliency' ? `${result.runs.length > 1 ? `${result.runs[i].run.name}: ` : ''}f(x) − f(baseline) = ${signed(t.delta)}, completeness gap ${signed(t.completenessGap)} after ${t.steps} steps${t.converged ? '' : ' (NOT converged)'}` : null))
      .filter((line): line is string => line !== null);
    return [
      figure(renderChartSvg({ ...option, tooltip: undefined }, CHART_WIDTH, Math.min(heatmapHeight(groups.length * result.runs.length, 20), 420)), `${label}: ${magnitude ? 'mean |attribution| per asset (the signed sums cancel across assets)' : 'signed attribution'} by feature group.`, [{ text: label, style: 'h3' }]),
      table,
      ...checks.map((line) => paragraph(line, 'small')),
    ];
  });
  return [
    heading(`Run ${run.label}: ${title}`, 2),
    paragraph(`${METHOD[result.method]} at ${result.anchor}, ${runNames.join(' beside ')}; stored ${formatTimestamp(createdAt)}. A characteristic's group is its own column; a macro variable's group sums its interactions with every characteristic.`),
    ...targets.flat(),
  ];
}

/** The section, or nothing when no reported run has a stored attribution. */
export function attributionSection(data: AuditReportData): Content[] {
  const blocks = data.runs.flatMap((run) => (run.explain ?? []).flatMap((record) => (record.kind === 'attribution' ? attributionBlock(run, record.title, record.createdAt, record.result) : [])));
  if (blocks.length === 0) return [];
  return printableContent([heading('Attributions', 1, { pageBreak: true }), ...blocks]) as Content[];
}
