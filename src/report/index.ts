import { checkstyleReporter } from './checkstyle.js';
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { Reporter, ReportFormat } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

/** Every output format, by id. */
export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  checkstyle: checkstyleReporter,
  github: githubReporter,
  json: jsonReporter,
  junit: junitReporter,
  sarif: sarifReporter,
  text: textReporter,
};
