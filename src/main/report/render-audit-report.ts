/**
 * The audit report as a PDF: a pure function of {@link AuditReportData} (plus the version, backend
 * and time it is stamped with). Sections: cover and contents, findings, provenance, performance,
 * comparison (two or more runs), and the specs as an appendix.
 */
import { auditFindings, DEFAULT_THRESHOLDS, type FindingThresholds } from './findings';
import { formatTimestamp } from './format';
import { renderPdf, type Content, type DocDefinition } from './pdf-document';
import type { AuditReportData, RenderOptions } from './report-data';
import { sharpeTests } from './sharpe-tests';
import { appendixSection } from './sections/appendix';
import { attributionSection } from './sections/attribution-section';
import { COLORS, STYLES } from './sections/blocks';
import { comparisonSection } from './sections/comparison';
import { explainSection } from './sections/explain-section';
import { coverSection, pipelineNames } from './sections/cover';
import { findingsSection } from './sections/findings-section';
import { performanceSection } from './sections/performance';
import { provenanceSection } from './sections/provenance';
import { sensitivitySection } from './sections/sensitivity-section';
import { cleanerSection } from './sections/cleaner-section';

/** The complete pdfmake document; exposed so tests can inspect the structure without parsing a PDF. */
export function auditReportDocument(data: AuditReportData, options: RenderOptions, thresholds: FindingThresholds = DEFAULT_THRESHOLDS): DocDefinition {
  if (data.runs.length === 0) throw new Error('data.runs is empty: a report needs at least one run');
  if (Number.isNaN(options.generatedAt.getTime())) throw new Error('options.generatedAt is an invalid Date');
  const title = `Audit report: ${pipelineNames(data).join(', ')}`;
  const tests = data.runs.length > 1 ? sharpeTests(data.runs) : null;
  const findings = auditFindings(data, thresholds, tests);
  const content: Content[] = [
    ...coverSection(data, options),
    ...findingsSection(findings, thresholds),
    ...provenanceSection(data, options),
    ...performanceSection(data),
    ...attributionSection(data),
    ...explainSection(data),
    ...sensitivitySection(data),
    ...cleanerSection(data),
    ...(tests ? comparisonSection(data, tests) : []),
    ...appendixSection(data),
  ];
  const stamp = `Generated ${formatTimestamp(options.generatedAt)} · Portfolio Pipeline Auditor ${options.appVersion}`;
  return {
    info: { title, subject: 'Portfolio pipeline audit', creator: `Portfolio Pipeline Auditor ${options.appVersion}`, producer: 'pdfmake', creationDate: options.generatedAt },
    pageSize: 'A4',
    pageMargins: [50, 56, 50, 48],
    header: (page) =>
      page === 1
        ? ''
        : {
            columns: [
              { text: 'Portfolio pipeline audit report', bold: true },
              { text: pipelineNames(data).join(' · '), alignment: 'right' },
            ],
            fontSize: 7.5,
            color: COLORS.muted,
            margin: [50, 24, 50, 0],
          },
    footer: (page, pages) => ({
      columns: [
        { text: stamp, alignment: 'left' },
        { text: `Page ${page} of ${pages}`, alignment: 'right' },
      ],
      fontSize: 7.5,
      color: COLORS.muted,
      margin: [50, 16, 50, 0],
    }),
    // A heading must not be the last thing on a page (its section starts overleaf).
    pageBreakBefore: (node, context) => node.headlineLevel !== undefined && context.getFollowingNodesOnPage().length === 0,
    content,
    styles: STYLES,
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2, color: COLORS.ink },
  };
}

/**
 * Renders the report to a complete PDF in memory.
 *
 * @throws when `data` has no run or `generatedAt` is invalid; nothing is written anywhere.
 */
export function renderAuditReport(data: AuditReportData, options: RenderOptions): Promise<Buffer> {
  return renderPdf(auditReportDocument(data, options));
}
