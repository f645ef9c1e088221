import cliProgress from 'cli-progress';

export interface ProgressEvent {
  readonly digest: string;
  readonly received: number;
  readonly total: number;
}

/**
 * Download bars for blobs, on a terminal only (stderr, so piped stdout stays clean); nothing at all
 * on a non-TTY or with --quiet. Returns undefined when no bars should be drawn.
 */
export function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
): ((e: ProgressEvent) => void) | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  const multi = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: true,
      hideCursor: true,
      format: ' {digest} [{bar}] {percentage}% {value}/{total} bytes',
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let open = 0;
  return (e) => {
    let bar = bars.get(e.digest);
    if (!bar) {
      bar = multi.create(e.total, 0, { digest: e.digest.slice(7, 19) });
      bars.set(e.digest, bar);
      open++;
    }
    bar.update(e.received);
    if (e.received >= e.total) {
      bar.stop();
      if (--open === 0) multi.stop();
    }
  };
}
