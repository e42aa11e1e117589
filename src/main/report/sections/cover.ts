/** The cover: what is audited, when, by which version, and the contents. */
import { formatTimestamp } from '../format';
import type { Content } from '../pdf-document';
import type { AuditReportData, RenderOptions } from '../report-data';
import { COLORS, dataTable, keyValueTable, mono, paragraph } from './blocks';

/** The pipeline names of the runs, each once, in run order. */
export function pipelineNames(data: AuditReportData): string[] {
  return [...new Set(data.runs.map((run) => run.name))];
}

/** The backends the training runs recorded (each once); else this installation's. */
function coverTfBackend(data: AuditReportData, options: RenderOptions): string {
  const training = data.runs.filter((run) => run.trains);
  const recorded = [...new Set(training.map((run) => run.tfBackend).filter((backend): backend is string => backend !== null))];
  if (recorded.length > 0) return recorded.join('; ');
  return options.tfBackend ?? (training.length > 0 ? 'not determined' : 'not used (no run trains a model)');
}

export function coverSection(data: AuditReportData, options: RenderOptions): Content[] {
  const names = pipelineNames(data);
  return [
    { text: 'Portfolio pipeline audit report', fontSize: 24, bold: true, color: COLORS.accent, margin: [0, 90, 0, 8] },
    { text: names.join(' · '), fontSize: 14, color: COLORS.ink, margin: [0, 0, 0, 4] },
    { text: `${data.runs.length} run${data.runs.length === 1 ? '' : 's'} · ${data.datasets.length} dataset${data.datasets.length === 1 ? '' : 's'}`, fontSize: 10, color: COLORS.muted, margin: [0, 0, 0, 24] },
    keyValueTable([
      ['Generated', formatTimestamp(options.generatedAt)],
      ['Application', `Portfolio Pipeline Auditor ${options.appVersion}`],
      ['tfjs backend', coverTfBackend(data, options)],
    ]),
    { text: 'Runs audited', style: 'h3' },
    dataTable(
      [
        { header: 'Run', width: 24 },
        { header: 'Pipeline', width: '*' },
        { header: 'Run id', width: 'auto' },
        { header: 'Finished', width: 'auto' },
      ],
      data.runs.map((run) => [{ text: run.label, bold: true }, run.name, mono(run.id), formatTimestamp(run.finishedAt)]),
    ),
    paragraph(
      {
        text: 'All figures are out of sample and net of transaction costs, from the walk-forward backtest stored with each run. Each run can be reproduced from its pipeline spec (Appendix A), its seed and the datasets identified by their SHA-256 hashes (section 2).',
        color: COLORS.muted,
        fontSize: 8.5,
      },
    ),
    { toc: { title: { text: 'Contents', style: 'h3' } }, margin: [0, 10, 0, 0] },
  ];
}
