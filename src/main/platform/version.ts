import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;

export const DEPENDENCY_VERSIONS: Record<string, string> = {
  ...packageJson.dependencies,
  electron: packageJson.devDependencies.electron,
  svelte: packageJson.devDependencies.svelte,
};
