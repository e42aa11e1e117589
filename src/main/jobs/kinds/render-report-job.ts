/** `render-report` job: the PDF audit report rendered off the main thread (pdfmake + ECharts SSR). */
import { renderAuditReport, type AuditReportData } from '../../report';

export interface RenderReportParams {
  data: AuditReportData;
  appVersion: string;
  tfBackend: string;
  generatedAt: string;
}

export async function renderReportJob(raw: unknown): Promise<Uint8Array> {
  const { data, appVersion, tfBackend, generatedAt } = raw as RenderReportParams;
  const pdf = await renderAuditReport(data, { appVersion, tfBackend, generatedAt: new Date(generatedAt) });
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
