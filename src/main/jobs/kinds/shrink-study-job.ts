/** `shrink-study` job: the decision-aware shrinkage study (METHODS §1) on seeded synthetic universes. */
import { runShrinkageStudy, type ShrinkageStudyOptions, type ShrinkageStudyResult } from '../../engine/learn/shrinkage-study';
import type { JobContext } from '../protocol';

export function shrinkStudyJob(raw: unknown, context: JobContext): ShrinkageStudyResult {
  const options = raw as ShrinkageStudyOptions;
  return runShrinkageStudy(options, ({ done, total, seed }) => context.progress(done / total, `universe ${done} of ${total} (seed ${seed})`));
}
