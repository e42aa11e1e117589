/** `pipeline-run` job: runs a validated spec on the panels the service loaded from the store. */
import type { Panel } from '../../../shared/domain/panel';
import { parsePipelineSpec, describeProblems } from '../../../shared/pipeline/spec';
import { runPipeline, type PipelineRunResult } from '../../engine/pipeline/run-pipeline';
import type { CleanerModel } from '../../engine/cleaner/cleaner-model';
import { loadShippedCleaner } from '../../cleaner/shipped-cleaner';
import { runtimeLayout } from '../../platform/layout';
import type { JobContext } from '../protocol';

/** The shipped cleaner (risk node `learned-cleaner`, model 'shipped'); a run never falls back to untrained weights. */
function shippedCleaner(): CleanerModel {
  return loadShippedCleaner(runtimeLayout(import.meta.url).resourcesDir);
}

export interface PipelineRunParams {
  spec: unknown;
  primary?: Panel;
  macro?: Panel;
  drivers?: Record<string, Panel>;
  driverLabels?: Record<string, string>;
}

export function pipelineRunJob(raw: unknown, context: JobContext): PipelineRunResult {
  const { spec, primary, macro, drivers, driverLabels } = raw as PipelineRunParams;
  const parsed = parsePipelineSpec(spec);
  if (!parsed.ok) throw new Error(`the pipeline spec is invalid:\n${describeProblems(parsed.problems)}`);
  const cleaner = parsed.spec.risk.kind === 'learned-cleaner' ? shippedCleaner() : undefined;
  return runPipeline(parsed.spec, { ...(primary ? { primary } : {}), ...(macro ? { macro } : {}), ...(drivers ? { drivers, driverLabels } : {}), ...(cleaner ? { cleaner } : {}) }, (fraction, stage) => context.progress(fraction, stage), (stage, epoch) => context.epoch({ stage, epoch: epoch.epoch, trainLoss: epoch.trainLoss, valLoss: epoch.valLoss, gradNorm: epoch.gradNorm }));
}
