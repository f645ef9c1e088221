import type { VerifyFormat, VerifyReporter } from './formats.js';
import { verifyJsonReporter } from './json.js';
import { verifyJunitReporter } from './junit.js';
import { verifySarifReporter } from './sarif.js';
import { verifyTextReporter } from './text.js';

export { VERIFY_FORMATS, type VerifyFormat, type VerifyRenderOptions, type VerifyReporter } from './formats.js';

/** Every `drydock verify --format`, by id. */
export const VERIFY_REPORTERS: Readonly<Record<VerifyFormat, VerifyReporter>> = {
  json: verifyJsonReporter,
  junit: verifyJunitReporter,
  sarif: verifySarifReporter,
  text: verifyTextReporter,
};
