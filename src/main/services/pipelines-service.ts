/**
 * Saved pipelines: every save validates the spec with the shared schema and stores the parsed
 * (defaults filled in) spec, so a saved version always runs and two saves of the same spec are one version.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/dispatch';
import type { PipelineDetail, PipelineSummary, PipelineVersion } from '../../shared/contract/schemas';
import { describeProblems, parsePipelineSpec, type PipelineSpec } from '../../shared/pipeline/spec';
import { PipelinesRepo, type PipelineRow } from '../store/pipelines-repo';
import type { Store } from '../store/store';

function summary(row: PipelineRow): PipelineSummary {
  return { id: row.id, name: row.name, latestVersion: row.latestVersion, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export class PipelinesService {
  private readonly repo: PipelinesRepo;

  constructor(store: Store) {
    this.repo = new PipelinesRepo(store.db);
  }

  list(): PipelineSummary[] {
    return this.repo.list().map(summary);
  }

  get(id: string, version?: number): PipelineDetail {
    const found = this.repo.get(id, version);
    if (!found) throw new AppError('not-found', version === undefined ? `No pipeline with id ${id}` : `Pipeline ${id} has no version ${version}`);
    return { ...summary(found), version: found.version, spec: found.spec, savedAt: found.savedAt };
  }

  versions(id: string): PipelineVersion[] {
    if (!this.repo.find(id)) throw new AppError('not-found', `No pipeline with id ${id}`);
    return this.repo.versions(id);
  }

  /** Throws `invalid-spec` with `details.problems` (each a path and a message) when the spec is invalid. */
  validate(spec: unknown): PipelineSpec {
    const parsed = parsePipelineSpec(spec);
    if (!parsed.ok) throw new AppError('invalid-spec', `The pipeline spec is invalid:\n${describeProblems(parsed.problems)}`, { problems: parsed.problems });
    return parsed.spec;
  }

  /** A new pipeline without `id`; otherwise a new version of `id` when the spec differs from its latest. */
  save(spec: unknown, id?: string): { id: string; version: number; created: boolean } {
    const valid = this.validate(spec);
    if (id === undefined) {
      const newId = randomUUID();
      this.repo.create(newId, valid.name, valid);
      return { id: newId, version: 1, created: true };
    }
    if (!this.repo.find(id)) throw new AppError('not-found', `No pipeline with id ${id}`);
    return { id, ...this.repo.append(id, valid.name, valid) };
  }

  duplicate(id: string, version?: number): { id: string; version: number } {
    const source = this.get(id, version).spec as PipelineSpec;
    const spec = { ...source, name: `${source.name} (copy)`.slice(0, 200) };
    const { id: copy, version: copyVersion } = this.save(spec);
    return { id: copy, version: copyVersion };
  }

  delete(id: string): boolean {
    return this.repo.delete(id);
  }
}
