import { displayImage, rootStage, slimSuggestion } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** The final image ships everything its base carries: compilers and tools in a full image are attack surface. */
export const DD1004: Rule = {
  meta: {
    id: 'DD1004',
    title: 'Base image is not a slim/minimal variant',
    severity: 'low',
    category: 'base-image',
    why: 'Full official images carry compilers, headers and tools the app never runs, which multiply CVEs and image size in production.',
    fix: 'Build the final stage on the slim variant (python:3.11-slim-bookworm) and keep full images for build stages.',
    aliases: [],
    example: {
      bad: 'FROM python:3.11-bookworm\nCOPY app /app',
      good: 'FROM python:3.11-slim-bookworm\nCOPY app /app',
    },
  },
  check({ file, report }) {
    // Build stages may be fat; only what ships counts. `FROM build` ships build's base image.
    const final = file.finalStage;
    if (!final) return;
    const ref = rootStage(final).ref;
    if (!ref) return;
    const slim = slimSuggestion(ref);
    if (!slim) return;
    const image = displayImage(ref);
    const via = final.baseStage ? ` (through stage ${final.baseStage.name ?? final.baseStage.index})` : '';
    report({
      message: `the final stage runs on ${image}${via}: use the slim variant ${ref.familiar}:${slim}`,
      span: final.imageSpan,
    });
  },
};
