/**
 * Files the user chose, by opaque reference. The renderer never names a path: the desktop open
 * dialog or a web upload registers the file here and hands back a reference.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../shared/contract/dispatch';

export interface ChosenFile {
  path: string;
  name: string;
  /** Uploaded copies are deleted once used. */
  temporary: boolean;
}

export class FilesService {
  private readonly files = new Map<string, ChosenFile>();

  register(path: string, options: { name?: string; temporary?: boolean } = {}): { fileRef: string; name: string } {
    const fileRef = randomUUID();
    const name = options.name ?? basename(path);
    this.files.set(fileRef, { path, name, temporary: options.temporary ?? false });
    return { fileRef, name };
  }

  resolve(fileRef: string): ChosenFile {
    const file = this.files.get(fileRef);
    if (!file) throw new AppError('unknown-file', 'That file reference is unknown or expired: choose the file again.');
    return file;
  }

  release(fileRef: string): ChosenFile | undefined {
    const file = this.files.get(fileRef);
    this.files.delete(fileRef);
    return file;
  }
}
