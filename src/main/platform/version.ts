/** The app's version and the versions of the libraries actually installed (not the ranges asked for). */
import { createRequire } from 'node:module';
import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;

const requireHere = createRequire(import.meta.url);

function installedVersion(name: string, declared: string): string {
  try {
    return (requireHere(`${name}/package.json`) as { version: string }).version;
  } catch {
    return `${declared} (declared)`;
  }
}

export function dependencyVersions(): Record<string, string> {
  const declared: Record<string, string> = { ...packageJson.dependencies, electron: packageJson.devDependencies.electron, svelte: packageJson.devDependencies.svelte };
  return Object.fromEntries(Object.entries(declared).map(([name, range]) => [name, installedVersion(name, range)]));
}
