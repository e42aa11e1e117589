/**
 * Counterfactual explanations stored with the reported runs (issue 7, METHODS §5): per explanation,
 * the question and prior, the sampler's gates, plausibility, the shift of each macro variable in
 * prior standard deviations (table and bars), the outcome before and after, the marginals against
 * the prior and the analog months with their NFCI level.
 */
import type { EChartsOption } from 'echarts';
import { histogramPairOption, shiftBarsOption } from '../../../shared/charts/explain-distributions';
import type { ExplanationResult } from '../../../shared/domain/explain';
import { formatCount, formatPercent, formatRatio, formatTimestamp } from '../format';
import type { Content } from '../pdf-document';
import type { AuditReportData, ReportRun } from '../report-data';
import { renderChartSvg } from '../svg-chart';
import { COLORS, dataTable, figure, heading, keepTogether, keyValueTable, paragraph, TEXT_WIDTH } from './blocks';
import { CHART_WIDTH } from './performance';

/** Outcomes shown as percentages (weights, returns); the rest as plain numbers. */
const PERCENT_OUTCOMES = new Set(['hhi', 'maxWeight', 'top10Weight', 'portfolioReturn', 'returnGap', 'targetWeight']);

/**
 * The report font has no combining hat, superscript T or ∝: spell those out in stored labels
 * (e.g. "μ̂", "wᵀr") and in our own sentences.
 */
export function printable(text: string): string {
  return text.replace(/([A-Za-zμ])\u0302/g, '$1-hat').replace(/ᵀ/g, "'").replace(/∝/g, 'proportional to');
}

/** {@link printable} applied to every string of a content tree except the SVG sources. */
export function printableContent(content: Content): Content {
  if (typeof content === 'string') return printable(content);
  if (Array.isArray(content)) return content.map(printableContent);
  if (content === null || typeof content !== 'object') return content;
  return Object.fromEntries(Object.entries(content).map(([key, value]) => [key, key === 'svg' ? value : printableContent(value as Content)]));
}

/** Paper has no hover: the options print without their tooltip. */
function svg(option: EChartsOption, width: number, height: number): string {
  return renderChartSvg({ ...option, tooltip: undefined }, width, height);
}

function outcomeValue(key: string, value: number): string {
  return PERCENT_OUTCOMES.has(key) ? formatPercent(value, 1) : formatRatio(value, Math.abs(value) >= 10 ? 1 : 3);
}

const verdict = (ok: boolean, yes: string, no: string): Content => ({ text: ok ? yes : no, bold: true, color: ok ? COLORS.ink : COLORS.warning });

function explanationBlock(run: ReportRun, title: string, createdAt: string, result: ExplanationResult): Content[] {
  const d = result.diagnostics;
  const p = result.plausibility;
  const facts: [string, Content][] = [
    ['Question', `${result.probe} (${result.request.question}${result.request.preset ? `, preset ${result.request.preset}` : ''}); τ = ${result.request.tau}`],
    ['Runs', result.runs.map((r) => `${r.name} (${r.training}, predictor fitted ${r.fitMonth ?? '—'}, ${r.assets} assets)`).join(' versus ')],
    ['Prior', `VAR(1) on ${result.prior.variables.join(', ')}, ${result.prior.firstMonth} to ${result.prior.lastMonth} (${formatCount(result.prior.months)} months); spectral radius of Φ ${formatRatio(result.prior.spectralRadius, 3)}`],
    ['Sampler', `${d.sampler === 'mala' ? 'preconditioned MALA' : 'stretch-move ensemble'}, ${d.chains} chains × ${formatCount(d.steps)} steps (${formatCount(d.burnIn)} burn-in); acceptance ${d.acceptance.map((a) => formatPercent(a, 0)).join(', ')} (band ${formatPercent(d.acceptanceBand[0], 0)}–${formatPercent(d.acceptanceBand[1], 0)})`],
    ['Convergence gates', { text: [verdict(d.passed, 'passed', 'FAILED'), `: worst R̂ ${formatRatio(d.worstRhat, 3)} (≤ ${d.gates.maxRhat}), worst ESS ${formatCount(Math.round(d.worstEss))} (≥ ${d.gates.minEss})`] }],
    ['Plausibility', { text: [verdict(!p.implausible, 'plausible', 'IMPLAUSIBLE'), `: median scenario at Mahalanobis distance ${formatRatio(p.medianDistance)}, farther than ${formatPercent(p.percentile, 1)} of historical months (threshold ${formatRatio(p.threshold)})`] }],
    ['Stored', formatTimestamp(createdAt)],
  ];
  const shiftTable = dataTable(
    [
      { header: 'Variable', width: '*' },
      { header: 'Anchor', width: 52, align: 'right' },
      { header: 'Prior mean', width: 52, align: 'right' },
      { header: 'Prior sd', width: 48, align: 'right' },
      { header: 'Tilted mean', width: 56, align: 'right' },
      { header: 'Shift (sd)', width: 50, align: 'right' },
      { header: 'R̂', width: 40, align: 'right' },
      { header: 'ESS', width: 40, align: 'right' },
    ],
    result.variables.map((v) => [v.name, formatRatio(v.anchor, 3), formatRatio(v.prior.mean, 3), formatRatio(v.prior.sd, 3), formatRatio(v.posterior.mean, 3), `${v.shift >= 0 ? '+' : ''}${formatRatio(v.shift)}`, formatRatio(v.rhat, 3), formatCount(Math.round(v.essBulk))]),
  );
  const outcomes = dataTable(
    [
      { header: 'Outcome', width: '*' },
      { header: 'At anchor', width: 56, align: 'right' },
      { header: 'Before (median)', width: 66, align: 'right' },
      { header: 'After (median)', width: 66, align: 'right' },
      { header: 'After 5–95 %', width: 100, align: 'right' },
    ],
    result.outcomes.map((o) => [o.label, outcomeValue(o.key, o.atAnchor), outcomeValue(o.key, o.before.q50), outcomeValue(o.key, o.after.q50), `${outcomeValue(o.key, o.after.q05)} – ${outcomeValue(o.key, o.after.q95)}`]),
  );
  const half = (TEXT_WIDTH - 10) / 2;
  const marginals = result.variables.map((v) => ({ svg: svg(histogramPairOption({ title: v.name, histogram: v.histogram, marker: { value: v.anchor, label: 'anchor' } }), 360, 210), width: half }));
  const marginalRows: Content[] = [];
  for (let i = 0; i < marginals.length; i += 2) marginalRows.push({ columns: marginals.slice(i, i + 2), columnGap: 10, margin: [0, 0, 0, 6] });
  const probe = result.outcomes[0];
  const analogs =
    result.analogs.length > 0
      ? dataTable(
          [
            { header: 'Analog month', width: '*' },
            { header: 'Distance', width: 60, align: 'right' },
            { header: 'NFCI', width: 60, align: 'right' },
            { header: 'Regime', width: 80 },
          ],
          result.analogs.map((a) => [a.month, formatRatio(a.distance), a.nfci === null ? '—' : formatRatio(a.nfci), a.regime ?? 'no NFCI']),
        )
      : paragraph('No analog months were found.');
  return [
    heading(`Run ${run.label}: ${title}`, 2),
    keyValueTable(facts, 110),
    ...result.findings.map((finding) => paragraph({ text: finding.message, color: finding.severity === 'warning' ? COLORS.warning : COLORS.note })),
    keepTogether([{ text: 'Macro state: prior p₀ versus tilted p_τ', style: 'h3' }, shiftTable]),
    figure(svg(shiftBarsOption(result.variables.map((v) => ({ name: v.name, shift: v.shift }))), CHART_WIDTH, 60 + 34 * result.variables.length), 'Shift of each macro variable: (tilted mean − prior mean) / prior sd; dashed lines at ±1 sd.'),
    keepTogether([...marginalRows.slice(0, 1), ...(marginalRows.length === 1 ? [{ text: 'Marginal distributions: prior (grey) and tilted (orange) draws on shared bins; dashed line at the anchor month’s value.', style: 'caption' }] : [])]),
    ...(marginalRows.length > 1 ? [keepTogether([...marginalRows.slice(1), { text: 'Marginal distributions: prior (grey) and tilted (orange) draws on shared bins; dashed line at the anchor month’s value.', style: 'caption' }])] : []),
    keepTogether([{ text: 'Outcome before and after', style: 'h3' }, outcomes]),
    ...(probe ? [figure(svg(histogramPairOption({ title: printable(probe.label), histogram: probe.histogram, marker: { value: probe.atAnchor, label: 'anchor' }, format: (v) => outcomeValue(probe.key, v) }), CHART_WIDTH, 260), `${probe.label} under prior draws (before) and tilted draws (after).`)] : []),
    keepTogether([{ text: `Historical analogs of the median scenario${result.nfciSource ? ` (NFCI from ${result.nfciSource.name})` : ''}`, style: 'h3' }, analogs]),
  ];
}

/** The section, or nothing when no reported run has a stored explanation. */
export function explainSection(data: AuditReportData): Content[] {
  const blocks = data.runs.flatMap((run) => (run.explain ?? []).flatMap((record) => (record.kind === 'explanation' ? explanationBlock(run, record.title, record.createdAt, record.result) : [])));
  if (blocks.length === 0) return [];
  return printableContent([
    heading('Counterfactual explanations', 1, { pageBreak: true }),
    paragraph(
      'Each explanation freezes the pipeline at its anchor month and asks which macro economies would push its decision as stated: the prior p₀ is a VAR(1) on the macro variables (its stationary law tilted toward the anchor) and the explanation is p_τ ∝ exp(−G/τ)·p₀ for the probe G, sampled with gates R-hat ≤ 1.05 and ESS ≥ 100 (Ataş, Aydın, Kıral and Birbil). A scenario farther from the prior mean than nearly all history is flagged as implausible.',
    ),
    ...blocks,
  ]) as Content[];
}
