/** The image checks behind `drydock verify`: run them with `verifyImage`, render with `VERIFY_REPORTERS`. */
export type {
  CheckContext,
  CheckMeta,
  CheckOutcome,
  CheckSection,
  VerifyCheck,
  VerifyFinding,
  VerifyOptions,
} from './check.js';
export { CHECKS } from './checks/index.js';
export { VERIFY_FORMATS, VERIFY_REPORTERS, type VerifyFormat, type VerifyReporter } from './report/index.js';
export type { CheckResult, ResultStatus, VerifyReport, VerifyVerdict } from './report.js';
export { type VerifyImageOptions, verifyImage } from './verify-image.js';
