/** `qp` job: reads a problem JSON file and solves it in the worker. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { problemFromJson, solutionToJson } from '../../engine/qp/problem-json';
import { solveMeanVarianceQp } from '../../engine/qp/solve-mean-variance-qp';
import type { JobContext } from '../protocol';

export async function qpJob(raw: unknown, context: JobContext): Promise<ReturnType<typeof solutionToJson>> {
  const { path } = raw as { path: string };
  const name = basename(path);
  context.progress(0, 'reading the problem');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  let problem;
  try {
    problem = problemFromJson(parsed);
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message.replace(/\n/g, '; ') : String(error)}`, { cause: error });
  }
  context.progress(0.1, `solving (n = ${problem.mu.length})`);
  return solutionToJson(solveMeanVarianceQp(problem));
}
