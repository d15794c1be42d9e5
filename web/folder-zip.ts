// A whole folder published as Netlify Drop does: its files are zipped in the browser (stored, not compressed:
// the server unpacks it at once) with their paths relative to the folder, so index.html sits at the root.
import { downloadZip } from 'client-zip';

export interface FolderFile {
  /** The path inside the folder, e.g. `css/site.css`. */
  path: string;
  file: File;
}

/** Files picked with <input webkitdirectory>: their relative paths start with the folder's own name. */
export function filesOfPickedFolder(list: FileList): FolderFile[] {
  return withoutTopFolder([...list].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
}

/** Everything under a dropped folder (or the dropped files themselves), walking folders as it goes. */
export async function filesOfDrop(items: DataTransferItemList): Promise<FolderFile[] | undefined> {
  const entries = [...items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (!entries.some((entry) => entry.isDirectory)) return undefined;
  const files: FolderFile[] = [];
  for (const entry of entries) await walk(entry, '', files);
  return withoutTopFolder(files);
}

export async function zipFolder(files: FolderFile[]): Promise<Blob> {
  return downloadZip(files.map(({ path, file }) => ({ name: path, input: file, lastModified: file.lastModified }))).blob();
}

/** The folder's name, for the page's default name. */
export function folderName(files: FolderFile[], fallback: string): string {
  return files.find((f) => f.file.webkitRelativePath)?.file.webkitRelativePath.split('/')[0] ?? fallback;
}

async function walk(entry: FileSystemEntry, prefix: string, into: FolderFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walk(child, path, into);
  }
}

function withoutTopFolder(files: FolderFile[]): FolderFile[] {
  const tops = new Set(files.map((f) => f.path.split('/')[0]));
  const [top] = tops;
  if (tops.size !== 1 || files.some((f) => !f.path.includes('/'))) return files;
  return files.map((f) => ({ ...f, path: f.path.slice(top.length + 1) }));
}
