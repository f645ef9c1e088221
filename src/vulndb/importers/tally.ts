import type { AdvisoryWriter } from '../db.js';
import type { Advisory } from '../types.js';

/** A record the importer could not use, and why; the import goes on without it. */
export interface ImportWarning {
  readonly file: string;
  readonly reason: string;
}

/** What one importer run counted. A "record" is the feed's unit: an OSV file, a tracker (package, CVE) entry, a secdb package. */
export interface ImportCounts {
  readonly read: number;
  readonly imported: number;
  readonly skipped: number;
  /** Database rows written (a record may give several: one per namespace and package). */
  readonly advisories: number;
  /** Rows dropped because the same (source, namespace, package, id) was already written. */
  readonly duplicates: number;
  readonly warnings: readonly ImportWarning[];
}

/** Counts records and collects warnings while an importer feeds an AdvisoryWriter. */
export class ImportTally implements ImportCounts {
  read = 0;
  imported = 0;
  skipped = 0;
  advisories = 0;
  duplicates = 0;
  readonly warnings: ImportWarning[] = [];

  /** `origin`: the path given to the import, recorded per source in the database. */
  constructor(
    private readonly writer: AdvisoryWriter,
    private readonly origin: string,
  ) {}

  /** A record was skipped on purpose (withdrawn, nothing to match on); `reason` set makes it a warning. */
  skip(file: string, reason?: string): void {
    this.skipped++;
    if (reason !== undefined) this.warnings.push({ file, reason });
  }

  warn(file: string, reason: string): void {
    this.warnings.push({ file, reason });
  }

  /** Writes one record's advisories; the record counts as imported when any row was written. */
  record(advisories: readonly Advisory[]): void {
    this.count(this.write(advisories) > 0);
  }

  /** Writes rows without counting a record; returns how many were new. */
  write(advisories: readonly Advisory[]): number {
    let written = 0;
    for (const a of advisories) {
      if (this.writer.add(a, this.origin)) written++;
      else this.duplicates++;
    }
    this.advisories += written;
    return written;
  }

  /** Counts one record as imported (it gave or completed some row) or skipped. */
  count(imported: boolean): void {
    if (imported) this.imported++;
    else this.skipped++;
  }

  counts(): ImportCounts {
    return {
      read: this.read,
      imported: this.imported,
      skipped: this.skipped,
      advisories: this.advisories,
      duplicates: this.duplicates,
      warnings: [...this.warnings],
    };
  }
}
