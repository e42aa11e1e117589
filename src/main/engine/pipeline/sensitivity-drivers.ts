/**
 * The sensitivity optimiser's drivers (METHODS.md §4): the spec's driver references → one request
 * per driver column (../sensitivity/driver-panel), built on the prepared returns' dates and handed to
 * the strategy as one feature block per driver (`driver:<name>`, T × 1, NaN where it has no value),
 * so the walk-forward's past-only view is what keeps the network from seeing the future.
 */
import type { Panel } from '../../../shared/domain/panel';
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { FeatureBlock } from '../backtest/types';
import { buildDriverPanel, defaultColumns, defaultTransform } from '../sensitivity/driver-panel';
import type { DriverColumn, DriverReport, DriverRequest } from '../sensitivity/driver-panel';
import type { PreparedData } from './prepare-data';

export type SensitivityOptimiser = Extract<PipelineSpec['optimiser'], { kind: 'sensitivity' }>;

/** Prefix of the feature blocks that hold drivers. */
export const DRIVER_FEATURE_PREFIX = 'driver:';

function panelOf(panels: Readonly<Record<string, Panel>>, dataset: string, path: string): Panel {
  const panel = Object.prototype.hasOwnProperty.call(panels, dataset) ? panels[dataset] : undefined;
  if (!panel) throw new Error(`${path}: the driver dataset "${dataset}" was not provided`);
  return panel;
}

/**
 * One request per driver column: a reference without a column expands to the dataset's default
 * columns (./driver-panel `defaultColumns`), each named by its column.
 *
 * @param panels - the driver datasets by the reference written in the spec.
 * @param labels - display names of those datasets for the reports (default: the reference).
 * @throws when a dataset is missing, a column is unknown, or two drivers get the same name.
 */
export function driverRequests(optimiser: SensitivityOptimiser, panels: Readonly<Record<string, Panel>>, labels: Readonly<Record<string, string>> = {}): DriverRequest[] {
  const label = (dataset: string): string => (Object.prototype.hasOwnProperty.call(labels, dataset) ? labels[dataset] : dataset);
  const requests: DriverRequest[] = [];
  optimiser.drivers.forEach((driver, index) => {
    const path = `optimiser.drivers[${index}]`;
    const panel = panelOf(panels, driver.dataset, path);
    const columns = driver.column !== undefined ? [driver.column] : defaultColumns(panel);
    for (const column of columns) {
      if (!panel.assets.includes(column)) throw new Error(`${path}.column: "${driver.dataset}" has no column "${column}" (has: ${panel.assets.join(', ')})`);
      const level: DriverColumn = { source: label(driver.dataset), panel, column };
      let minus: DriverColumn | undefined;
      if (driver.minus) {
        const other = panelOf(panels, driver.minus.dataset, `${path}.minus`);
        const otherColumn = driver.minus.column ?? defaultColumns(other)[0];
        if (!other.assets.includes(otherColumn)) throw new Error(`${path}.minus.column: "${driver.minus.dataset}" has no column "${otherColumn}"`);
        minus = { source: label(driver.minus.dataset), panel: other, column: otherColumn };
      }
      const name = (columns.length === 1 ? driver.name : undefined) ?? (minus ? `${column.trim()}−${minus.column.trim()}` : column.trim());
      const transform = driver.transform === 'auto' ? (minus ? 'difference' : defaultTransform(level)) : driver.transform;
      requests.push({ name, level, transform, ...(minus ? { minus } : {}) });
    }
  });
  const names = requests.map((request) => request.name);
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined) throw new Error(`optimiser.drivers: two drivers are named "${duplicate}"; give one a name`);
  return requests;
}

/**
 * The prepared data with one `driver:<name>` feature block per driver, and what was done to build them.
 *
 * @param drivers - the driver datasets by the reference written in the spec.
 * @param labels - their display names.
 */
export function attachDrivers(
  optimiser: SensitivityOptimiser,
  prepared: PreparedData,
  drivers: Readonly<Record<string, Panel>>,
  labels: Readonly<Record<string, string>> = {},
): { prepared: PreparedData; reports: DriverReport[] } {
  const grid = prepared.frequency === 'monthly' ? 'monthly' : 'daily';
  const panel = buildDriverPanel(prepared.data.dates, grid, driverRequests(optimiser, drivers, labels));
  const d = panel.names.length;
  const features: Record<string, FeatureBlock> = { ...(prepared.data.features ?? {}) };
  panel.names.forEach((name, j) => {
    features[`${DRIVER_FEATURE_PREFIX}${name}`] = { values: Float64Array.from({ length: panel.dates.length }, (_, t) => panel.values[t * d + j]), width: 1 };
  });
  return { prepared: { ...prepared, data: { ...prepared.data, features } }, reports: [...panel.reports] };
}
