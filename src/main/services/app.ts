/**
 * The application as every transport sees it: the store, the job pool, the services, and the
 * contract's handlers. Electron, the web host and the CLI each build one of these.
 */
import type { Handlers } from '../../shared/contract/dispatch';
import { AppError } from '../../shared/contract/dispatch';
import type { AppInfo } from '../../shared/contract/schemas';
import { JobPool, type JobPoolOptions } from '../jobs/job-pool';
import type { TfBackendInfo } from '../platform/tf-backend';
import { APP_VERSION, dependencyVersions } from '../platform/version';
import { Store } from '../store/store';
import { CleanerService } from './cleaner-service';
import { DatasetsService } from './datasets-service';
import { readDemoManifest, seedDemoDatasets } from './demo-service';
import { EventBus } from './event-bus';
import { ExplainService } from './explain-service';
import { FilesService } from './files-service';
import { JobsService } from './jobs-service';
import { PipelinesService } from './pipelines-service';
import { RunsService } from './runs-service';
import { ReportsService } from './reports-service';

export interface AppOptions {
  mode: AppInfo['mode'];
  storePath: string;
  resourcesDir: string;
  /** The example pipelines offered as presets. */
  presetsDir: string;
  pool: JobPoolOptions;
  nativeBinding?: string;
  /** Desktop only: shows the native open dialog. */
  openFileDialog?: (title: string | undefined) => Promise<string | null>;
  /** Desktop only: shows the native save dialog. */
  saveFileDialog?: (defaultName: string) => Promise<string | null>;
}

export class App {
  readonly bus = new EventBus();
  readonly files = new FilesService();
  readonly store: Store;
  readonly pool: JobPool;
  readonly jobs: JobsService;
  readonly datasets: DatasetsService;
  readonly runs: RunsService;
  readonly reports: ReportsService;
  readonly explain: ExplainService;
  readonly cleaner: CleanerService;
  readonly pipelines: PipelinesService;
  /** Jobs left running by a previous process that this start marked interrupted. */
  readonly interruptedAtStart: number;
  private tfInfo?: Promise<TfBackendInfo>;

  constructor(private readonly options: AppOptions) {
    this.store = Store.open(options.storePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.interruptedAtStart = this.store.jobs.markInterrupted();
    this.store.runs.markInterrupted();
    this.pool = new JobPool(options.pool);
    this.jobs = new JobsService(this.store, this.pool, this.bus);
    this.datasets = new DatasetsService(this.store, this.jobs, this.files);
    this.runs = new RunsService(this.store, this.jobs, this.datasets);
    this.explain = new ExplainService(this.store, this.jobs);
    this.cleaner = new CleanerService(this.store, this.jobs, this.datasets, options.resourcesDir);
    this.pipelines = new PipelinesService(this.store);
    this.reports = new ReportsService(this.store, this.jobs, async () => {
      const tf = await this.tfBackend();
      return `${tf.backend} (${tf.detail}), tfjs ${tf.version}`;
    });
  }

  /** Seeds the demo datasets into a new store. */
  seedDemo(): Promise<number> {
    return seedDemoDatasets(this.store, this.datasets, this.options.resourcesDir);
  }

  /** The tfjs backend a worker selects (tfjs-node, else wasm, else cpu), asked once. */
  tfBackend(): Promise<TfBackendInfo> {
    this.tfInfo ??= this.jobs.start('tf-backend', 'Select the tfjs backend', {}, (raw) => raw as TfBackendInfo).done;
    return this.tfInfo;
  }

  async info(): Promise<AppInfo> {
    const [tf, manifest] = await Promise.all([this.tfBackend(), readDemoManifest(this.options.resourcesDir)]);
    return {
      appVersion: APP_VERSION,
      mode: this.options.mode,
      storePath: this.store.path,
      tf,
      versions: { node: process.versions.node, ...(process.versions.electron ? { electronRuntime: process.versions.electron } : {}), ...dependencyVersions() },
      jobWorkers: this.pool.size,
      demoCitation: manifest.citation,
    };
  }

  handlers(): Handlers {
    return {
      'app.info': () => this.info(),
      'datasets.list': async () => this.datasets.list(),
      'datasets.get': async ({ id }) => this.datasets.detail(id),
      'datasets.series': async ({ id, assets, maxPoints }) => this.datasets.series(id, assets, maxPoints),
      'datasets.delete': async ({ id }) => ({ deleted: this.datasets.delete(id) }),
      'datasets.preview': ({ fileRef, options }) => this.datasets.preview(fileRef, options),
      'datasets.import': async ({ fileRef, name, options, force }) => this.datasets.importChosen(fileRef, name, options, force),
      'files.open': async ({ title }) => {
        if (!this.options.openFileDialog) {
          throw new AppError('unsupported', 'There is no native file dialog in web mode: use the upload button.');
        }
        const path = await this.options.openFileDialog(title);
        return path ? this.files.register(path) : null;
      },
      'files.dropped': async ({ path }) => {
        if (this.options.mode !== 'desktop') throw new AppError('unsupported', 'Dropped files are uploaded in web mode.');
        return this.files.register(path);
      },
      'pipelines.presets': () => this.runs.presets(this.options.presetsDir),
      'pipelines.list': async () => this.pipelines.list(),
      'pipelines.get': async ({ id, version }) => this.pipelines.get(id, version),
      'pipelines.save': async ({ id, spec }) => this.pipelines.save(spec, id),
      'pipelines.duplicate': async ({ id, version }) => this.pipelines.duplicate(id, version),
      'pipelines.delete': async ({ id }) => ({ deleted: this.pipelines.delete(id) }),
      'pipelines.versions': async ({ id }) => this.pipelines.versions(id),
      'runs.list': async () => this.runs.list(),
      'runs.get': async ({ id }) => this.runs.detail(id),
      'runs.series': async ({ id, maxPoints, maxAssets }) => this.runs.series(id, maxPoints, maxAssets),
      'runs.compare': ({ ids }) => this.runs.compare(ids),
      'runs.start': async ({ spec, dataset, macro }) => ({ jobId: this.runs.start({ spec, ...(dataset ? { dataset } : {}), ...(macro ? { macro } : {}) }).jobId }),
      'reports.export': async ({ runIds }) => {
        const fileName = this.reports.defaultFileName(runIds);
        if (this.options.saveFileDialog) {
          const path = await this.options.saveFileDialog(fileName);
          if (!path) return { cancelled: true as const };
          await this.reports.save(runIds, path);
          return { savedTo: path };
        }
        const pdf = await this.reports.render(runIds);
        this.reports.recordExport(runIds, fileName, pdf.byteLength, null);
        return { fileName, base64: pdf.toString('base64') };
      },
      'reports.list': async () => this.reports.exports(),
      'explain.attribute': async (request) => ({ jobId: this.explain.attribute(request).jobId }),
      'explain.start': async (request) => ({ jobId: this.explain.start(request).jobId }),
      'explain.list': async ({ runId }) => this.explain.list(runId),
      'explain.get': async ({ id }) => this.explain.get(id),
      'explain.presets': async () => this.explain.presets(),
      'cleaner.views': (request) => this.cleaner.views(request),
      'jobs.list': async () => this.jobs.list(),
      'jobs.get': async ({ id }) => this.jobs.get(id),
      'jobs.cancel': async ({ id }) => ({ cancelled: this.jobs.cancel(id) }),
    };
  }

  async close(): Promise<void> {
    await this.pool.close();
    this.store.close();
  }
}
