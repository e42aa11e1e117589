/** File → typed panel: CSV dialect detection, parsing, validation report, provenance. */
export { ingestFile, previewFile } from './ingest-file';
export type { IngestResult } from './ingest-file';
export { IngestError } from './ingest-error';
export type { IngestErrorCode } from './ingest-error';
export type { IngestOptions, IngestPreview, IngestReport, Provenance } from '../../shared/domain/ingest-report';
