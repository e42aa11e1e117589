/** Section 1: the automatic findings, warnings first, and the thresholds that produced them. */
import type { Finding, FindingThresholds } from '../findings';
import { formatPercent } from '../format';
import type { Content } from '../pdf-document';
import { COLORS, dataTable, heading, paragraph } from './blocks';

export function findingsSection(findings: readonly Finding[], limits: FindingThresholds): Content[] {
  const ordered = [...findings.filter((finding) => finding.severity === 'warning'), ...findings.filter((finding) => finding.severity === 'note')];
  const warnings = ordered.filter((finding) => finding.severity === 'warning').length;
  const summary =
    ordered.length === 0
      ? 'No automatic check was triggered at the thresholds below.'
      : `${warnings} warning${warnings === 1 ? '' : 's'} and ${ordered.length - warnings} note${ordered.length - warnings === 1 ? '' : 's'}. Warnings are points a reviewer should ask about; notes give context for reading the figures.`;
  return [
    heading('1  Findings', 1, { pageBreak: true }),
    paragraph(summary),
    ...(ordered.length > 0
      ? [
          dataTable(
            [
              { header: '', width: 46 },
              { header: 'Run', width: 24, align: 'center' },
              { header: 'Topic', width: 62 },
              { header: 'Finding', width: '*' },
            ],
            ordered.map((finding) => [
              { text: finding.severity === 'warning' ? 'Warning' : 'Note', bold: true, color: finding.severity === 'warning' ? COLORS.warning : COLORS.note },
              { text: finding.runLabel ?? '—', alignment: 'center' },
              finding.topic,
              finding.sentence,
            ]),
          ),
        ]
      : []),
    { text: 'Thresholds of the automatic checks', style: 'h3' },
    dataTable(
      [
        { header: 'Check', width: '*' },
        { header: 'Threshold', width: 70, align: 'right' },
      ],
      [
        ['Concentration: mean effective number of holdings below', String(limits.minEffectiveN)],
        ['Concentration: any single position above', formatPercent(limits.maxPosition, 0)],
        ['Turnover: one-way turnover per year above', formatPercent(limits.maxAnnualTurnover, 0)],
        ['Costs: transaction costs per year above', formatPercent(limits.maxAnnualCost)],
        ['Universe: assets left out for low coverage above (share of columns)', formatPercent(limits.maxExcludedShare, 0)],
        ['Data: missing cells after import above', formatPercent(limits.maxMissingShare, 0)],
        ['Sample: out-of-sample years below', String(limits.minYears)],
        ['Significance: |Sharpe| within 1.96 standard errors of zero (Lo 2002, i.i.d.)', '5 %'],
        ['Solver: any failed or inaccurate solve', '> 0'],
        ['Comparison: Sharpe difference with a bootstrap p-value at or above', formatPercent(limits.significanceLevel, 0)],
      ],
    ),
  ];
}
