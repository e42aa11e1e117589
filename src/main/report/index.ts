/** The PDF audit report: load runs from the store, render with pdfmake and ECharts SSR, write atomically. */
export { auditFindings, DEFAULT_THRESHOLDS, sharpeStandardError } from './findings';
export type { Finding, FindingThresholds } from './findings';
export { formatPercent, formatRatio } from './format';
export { loadReportData } from './load-report-data';
export { auditReportDocument, renderAuditReport } from './render-audit-report';
export type { AuditReportData, ImportFacts, RenderOptions, ReportDataset, ReportRun, ReportStamp } from './report-data';
export { writeAuditReport, writeFileAtomic } from './write-audit-report';
export type { WrittenReport } from './write-audit-report';
