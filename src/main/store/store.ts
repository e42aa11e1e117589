/** The experiment store: one database, its repositories. Only services use it. */
import { openDatabase, type Db, type OpenStoreOptions } from './database';
import { DatasetsRepo } from './datasets-repo';
import { JobsRepo } from './jobs-repo';
import { RunsRepo } from './runs-repo';
import { SettingsRepo } from './settings-repo';

export class Store {
  readonly datasets: DatasetsRepo;
  readonly jobs: JobsRepo;
  readonly settings: SettingsRepo;
  readonly runs: RunsRepo;

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.datasets = new DatasetsRepo(db);
    this.jobs = new JobsRepo(db);
    this.settings = new SettingsRepo(db);
    this.runs = new RunsRepo(db);
  }

  static open(path: string, options: OpenStoreOptions = {}): Store {
    return new Store(openDatabase(path, options), path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
