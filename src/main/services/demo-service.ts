/**
 * Seeds the demo datasets that ship in `resources/demo` into a store the first time it opens, so a
 * first launch has real data to show. Runs once per store (remembered in settings); a user who
 * deletes the demo datasets does not get them back.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IngestOptions } from '../../shared/domain/ingest-report';
import type { Store } from '../store/store';
import type { DatasetsService } from './datasets-service';

export interface DemoManifest {
  citation: string;
  datasets: { file: string; name: string; options?: IngestOptions }[];
}

const SEEDED_KEY = 'demo.seeded';

export async function readDemoManifest(resourcesDir: string): Promise<DemoManifest> {
  return JSON.parse(await readFile(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
}

export async function seedDemoDatasets(store: Store, datasets: DatasetsService, resourcesDir: string): Promise<number> {
  if (store.settings.get<boolean>(SEEDED_KEY)) return 0;
  const manifest = await readDemoManifest(resourcesDir);
  let seeded = 0;
  for (const entry of manifest.datasets) {
    const started = datasets.startImport({ path: join(resourcesDir, 'demo', entry.file), name: entry.name, options: entry.options });
    await started.done;
    seeded++;
  }
  store.settings.set(SEEDED_KEY, true);
  return seeded;
}
