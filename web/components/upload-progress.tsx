// An upload's progress bar and its words (zipping a folder first, then the share sent).
export interface UploadState {
  step: 'zipping' | 'uploading';
  /** Fraction sent, 0 to 1. */
  sent: number;
}

export function UploadProgress({ state }: { state: UploadState }) {
  const percent = Math.round(state.sent * 100);
  const words = state.step === 'zipping' ? 'Zipping the folder…' : percent >= 100 ? 'Uploaded; storing the files…' : `Uploading… ${percent} %`;
  return (
    <div class="upload-progress">
      <progress max={100} value={state.step === 'zipping' ? undefined : percent} aria-label="Upload progress" />
      <p role="status">{words}</p>
    </div>
  );
}
