import { buildStep, formatBytes, shortDigest, type VerifyCheck } from '../check.js';

/**
 * Size and the largest layers: the number to watch between builds. Informational — it never fails
 * — because a budget in bytes depends on the application; the largest layers name the build steps
 * to look at first.
 */
export const DV3003: VerifyCheck = {
  meta: {
    id: 'DV3003',
    title: 'Image size and largest layers',
    severity: 'info',
    section: 'minimal',
    why: 'Size follows what was left in the image (caches, build tools, copied build context); the largest layer is where to look first.',
    fix: 'Clean up in the same RUN that installs, use a .dockerignore, and copy only build outputs from a build stage.',
    aliases: [],
  },
  check(context) {
    let unpacked = 0;
    for (const e of context.entries.values()) if (e.type === 'file') unpacked += e.size;
    const stored = context.layers.reduce((n, l) => n + l.size, 0);
    const largest = [...context.layers].sort((a, b) => b.size - a.size).slice(0, 3);
    const data = {
      unpackedBytes: unpacked,
      storedBytes: stored,
      files: [...context.entries.values()].filter((e) => e.type === 'file').length,
      largestLayers: largest.map((l) => ({
        digest: l.digest,
        size: l.size,
        steps: l.steps,
      })),
    };
    const count = context.layers.length;
    if (count === 0)
      return { status: 'pass', evidence: `${formatBytes(unpacked)} unpacked (a directory, no layers)`, data };
    const steps = largest.map((l) => {
      const step = context.stepOf(l.digest);
      return `${formatBytes(l.size)} ${shortDigest(l.digest)}${step ? ` (${buildStep(step)})` : ''}`;
    });
    return {
      status: 'pass',
      evidence: `${formatBytes(unpacked)} unpacked, ${formatBytes(stored)} stored in ${count} layer${count === 1 ? '' : 's'}; largest: ${steps.join(', ')}`,
      data,
    };
  },
};
