// Where a page's files come from: a dropped or picked `.zip`, `.html` or folder; pasted HTML; or a URL to
// capture. The drop zone is a real file input (and a folder input) underneath, so the keyboard works too.
import { useId, useState } from 'preact/hooks';
import { filesOfDrop, filesOfPickedFolder, folderName, type FolderFile } from '../folder-zip.ts';
import { formatBytes, plural } from '../format.ts';
import type { Content } from '../publishing.ts';
import { Field } from './form.tsx';

/** The three ways offered; a folder is one kind of upload. */
type Way = Exclude<Content['kind'], 'folder'>;

const WAYS: { value: Way; label: string }[] = [
  { value: 'file', label: 'Upload files' },
  { value: 'html', label: 'Paste HTML' },
  { value: 'url', label: 'Capture a URL' },
];

export function ContentSource({
  value,
  onChange,
  errors,
}: {
  value: Content | undefined;
  onChange: (next: Content | undefined) => void;
  errors: Record<string, string>;
}) {
  const id = useId();
  const [way, setWay] = useState<Way>(value?.kind === 'html' || value?.kind === 'url' ? value.kind : 'file');
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<string | undefined>();

  const choose = (next: Way) => {
    setWay(next);
    onChange(next === 'html' ? { kind: 'html', html: '' } : next === 'url' ? { kind: 'url', url: '' } : undefined);
  };
  const takeFile = (file: File | undefined) => {
    setDropError(undefined);
    if (!file) return;
    if (!/\.(zip|html?)$/i.test(file.name)) {
      setDropError(`${file.name} is not a .zip or .html file. Drop a .zip of your site, an .html file or a folder.`);
      return;
    }
    onChange({ kind: 'file', file });
  };
  const takeFolder = (files: FolderFile[], name: string) => {
    setDropError(undefined);
    if (!files.length) setDropError('That folder is empty.');
    else onChange({ kind: 'folder', files, name });
  };
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const transfer = event.dataTransfer;
    if (!transfer) return;
    const folder = transfer.items?.length ? await filesOfDrop(transfer.items) : undefined;
    if (folder) takeFolder(folder, transfer.items[0]?.webkitGetAsEntry?.()?.name ?? 'site');
    else takeFile(transfer.files[0]);
  };

  return (
    <div class="content-source">
      <fieldset class="ways">
        <legend>Content</legend>
        <div class="segmented">
          {WAYS.map((w) => (
            <label key={w.value} class={way === w.value ? 'selected' : undefined}>
              <input type="radio" name={`${id}-way`} value={w.value} checked={way === w.value} onChange={() => choose(w.value)} />
              {w.label}
            </label>
          ))}
        </div>
      </fieldset>

      {way === 'file' && (
        <div
          class={`drop-zone${dragging ? ' dragging' : ''}${errors.file || dropError ? ' has-error' : ''}`}
          onDragEnter={(e) => (e.preventDefault(), setDragging(true))}
          onDragOver={(e) => e.preventDefault()}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => void onDrop(e)}
          data-testid="drop-zone"
        >
          <p class="drop-title">Drop a .zip, an .html file or a folder here</p>
          <div class="actions">
            <label class="button" for={`${id}-file`}>
              Choose a file
            </label>
            <input
              id={`${id}-file`}
              class="visually-hidden"
              type="file"
              accept=".zip,.html,.htm,application/zip,text/html"
              onChange={(e) => takeFile(e.currentTarget.files?.[0])}
            />
            <label class="button" for={`${id}-folder`}>
              Choose a folder
            </label>
            <input
              id={`${id}-folder`}
              class="visually-hidden"
              type="file"
              {...{ webkitdirectory: true }}
              onChange={(e) => {
                const files = filesOfPickedFolder(e.currentTarget.files as FileList);
                takeFolder(files, folderName(files, 'site'));
              }}
            />
          </div>
          <p class="selected-content" aria-live="polite">
            {value?.kind === 'file' && (
              <>
                Selected: <strong>{value.file.name}</strong> ({formatBytes(value.file.size)})
              </>
            )}
            {value?.kind === 'folder' && (
              <>
                Selected: folder <strong>{value.name}</strong> ({plural(value.files.length, 'file')},{' '}
                {formatBytes(value.files.reduce((n, f) => n + f.file.size, 0))}), zipped in your browser when you publish
              </>
            )}
          </p>
          {(dropError || errors.file) && <p class="field-error">{dropError ?? errors.file}</p>}
        </div>
      )}

      {way === 'html' && (
        <Field
          label="HTML"
          multiline
          rows={10}
          hint="A whole document or a fragment; it becomes the page's index.html."
          value={value?.kind === 'html' ? value.html : ''}
          onInput={(e) => onChange({ kind: 'html', html: (e.currentTarget as unknown as HTMLTextAreaElement).value })}
          error={errors.html}
        />
      )}

      {way === 'url' && (
        <Field
          label="Page to capture"
          type="url"
          inputMode="url"
          placeholder="https://example.com/"
          hint="Outpost fetches the page with the images, styles and scripts it loads from the same site."
          value={value?.kind === 'url' ? value.url : ''}
          onInput={(e) => onChange({ kind: 'url', url: e.currentTarget.value.trim() })}
          error={errors.source_url}
        />
      )}
    </div>
  );
}
