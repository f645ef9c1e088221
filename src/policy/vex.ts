import { readFileSync } from 'node:fs';
import { DrydockError, errorMessage } from '../core/errors.js';
import type { VulnerabilityFinding } from '../match/finding.js';
import type { Suppressor } from './budget.js';
import { purlMatches } from './vex-purl.js';

/** OpenVEX statuses (spec v0.2.0 §Status Labels). */
export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** One OpenVEX statement, flattened: every product and subcomponent purl it names. */
export interface VexStatement {
  readonly vulnerability: string;
  readonly aliases: readonly string[];
  readonly products: readonly string[];
  readonly status: VexStatus;
  readonly justification?: string;
  readonly impactStatement?: string;
  /** Statement timestamp, else the document's: later statements override earlier ones. */
  readonly timestamp?: string;
  /** `file#statements[i]`. */
  readonly where: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function readVexFile(path: string): VexStatement[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DrydockError('io', `cannot read VEX document: ${errorMessage(err)}`, { where: path, cause: err });
  }
  return parseOpenVex(text, path);
}

/**
 * OpenVEX JSON (v0.2.0, and v0.0.x where `vulnerability` and `products` were plain strings). Products are
 * purls; a product's `subcomponents` narrow it to packages inside (an image and its openssl), so both
 * the product and its subcomponents are matched against the package purl.
 */
export function parseOpenVex(text: string, path: string): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DrydockError('config', `VEX document is not JSON: ${errorMessage(err)}`, { where: path });
  }
  if (!isObject(doc) || !Array.isArray(doc.statements)) {
    throw new DrydockError('config', 'not an OpenVEX document: no "statements" list', { where: path });
  }
  const docTime = str(doc.timestamp);
  return doc.statements.map((raw, i) => {
    const where = `${path}#statements[${i}]`;
    if (!isObject(raw)) throw new DrydockError('config', 'a statement must be an object', { where });
    const vuln = raw.vulnerability;
    const name = isObject(vuln) ? (str(vuln.name) ?? str(vuln['@id'])) : str(vuln);
    if (!name) throw new DrydockError('config', 'statement has no vulnerability name', { where });
    const aliases = isObject(vuln) && Array.isArray(vuln.aliases) ? vuln.aliases.flatMap((a) => str(a) ?? []) : [];
    const status = str(raw.status);
    if (!status || !(VEX_STATUSES as readonly string[]).includes(status)) {
      throw new DrydockError('config', `status "${status ?? ''}" is not one of ${VEX_STATUSES.join(', ')}`, {
        where,
      });
    }
    const justification = str(raw.justification);
    const impactStatement = str(raw.impact_statement);
    // The spec requires one of them for not_affected; without it a "not affected" is an unexplained claim.
    if (status === 'not_affected' && !justification && !impactStatement) {
      throw new DrydockError('config', `not_affected for ${name} needs a justification or impact_statement`, {
        where,
      });
    }
    const products = Array.isArray(raw.products) ? raw.products.flatMap(productPurls) : [];
    if (products.length === 0) throw new DrydockError('config', `statement for ${name} names no product`, { where });
    const timestamp = str(raw.timestamp) ?? docTime;
    return {
      vulnerability: name,
      aliases,
      products,
      status: status as VexStatus,
      ...(justification ? { justification } : {}),
      ...(impactStatement ? { impactStatement } : {}),
      ...(timestamp ? { timestamp } : {}),
      where,
    };
  });
}

function productPurls(product: unknown): string[] {
  if (typeof product === 'string') return [product];
  if (!isObject(product)) return [];
  const own = [str(product['@id']), isObject(product.identifiers) ? str(product.identifiers.purl) : undefined];
  const subs = Array.isArray(product.subcomponents) ? product.subcomponents.flatMap(productPurls) : [];
  return [...own.flatMap((p) => (p?.startsWith('pkg:') ? [p] : [])), ...subs];
}

function statementMatches(s: VexStatement, f: VulnerabilityFinding): boolean {
  const ids = new Set([f.id, ...f.aliases]);
  if (!ids.has(s.vulnerability) && !s.aliases.some((a) => ids.has(a))) return false;
  return s.products.some((p) => purlMatches(p, f.package.purl));
}

/**
 * The latest matching statement decides (by timestamp, then document order): `not_affected` and `fixed`
 * suppress, `affected` and `under_investigation` let the finding count.
 */
export function vexSuppressor(statements: readonly VexStatement[]): Suppressor {
  const ordered = statements
    .map((s, i) => ({ s, i, t: s.timestamp ? Date.parse(s.timestamp) : Number.NEGATIVE_INFINITY }))
    .sort((a, b) => (a.t === b.t ? a.i - b.i : a.t < b.t ? -1 : 1))
    .map((x) => x.s);
  return (f) => {
    const latest = ordered.filter((s) => statementMatches(s, f)).at(-1);
    if (!latest) return undefined;
    if (latest.status === 'not_affected') {
      const why = [latest.justification, latest.impactStatement].filter(Boolean).join(': ');
      return { by: 'vex', reason: `not_affected (${why})`, where: latest.where };
    }
    if (latest.status === 'fixed') return { by: 'vex', reason: 'fixed', where: latest.where };
    return undefined;
  };
}
