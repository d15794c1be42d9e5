// Refusals of the page store when content does not fit: the page size limit, the owner's storage quota,
// and the free space of the embedded engine's disk.
/** More than one page may hold (UPLOAD_LIMIT_MB); answered with 413. */
export class ContentTooLarge extends Error {}

/** The owner's stored page files would pass USER_QUOTA_MB; answered with 413 like any too-large content. */
export class QuotaExceeded extends ContentTooLarge {
  readonly usedBytes: number;
  readonly limitBytes: number;
  readonly neededBytes: number;

  constructor(usage: { usedBytes: number; limitBytes: number; neededBytes: number; replacedBytes: number; atLeast: boolean }) {
    const more = usage.replacedBytes > 0 ? `, ${megabytes(Math.max(0, usage.neededBytes - usage.replacedBytes))} more than the files it replaces` : '';
    super(
      `Storage quota exceeded: ${megabytes(usage.usedBytes)} used of ${megabytes(usage.limitBytes)}; ` +
        `this upload needs ${usage.atLeast ? 'at least ' : ''}${megabytes(usage.neededBytes)}${more}. ` +
        'Delete or shrink pages, or ask the administrator to raise USER_QUOTA_MB.',
    );
    this.name = 'QuotaExceeded';
    this.usedBytes = usage.usedBytes;
    this.limitBytes = usage.limitBytes;
    this.neededBytes = usage.neededBytes;
  }
}

/** The data directory's disk is below DISK_FREE_FLOOR_MB; answered with 507 Insufficient Storage. */
export class DiskSpaceLow extends Error {
  readonly freeBytes: number;
  readonly floorBytes: number;

  constructor(freeBytes: number, floorBytes: number) {
    super(
      `The server is low on disk space (${megabytes(freeBytes)} free, the floor is DISK_FREE_FLOOR_MB = ${megabytes(floorBytes)}), ` +
        'so it stores no page content for now. Try again later, or ask the administrator to free disk space.',
    );
    this.name = 'DiskSpaceLow';
    this.freeBytes = freeBytes;
    this.floorBytes = floorBytes;
  }
}

/** Bytes as MB (MiB), e.g. "1,003 MB", "0.6 MB". */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('en-US', { maximumFractionDigits: mb < 100 ? 1 : 0 })} MB`;
}
