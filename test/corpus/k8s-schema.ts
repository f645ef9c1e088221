import { parseAllDocuments } from 'yaml';

/**
 * Validates Kubernetes objects against the official OpenAPI schemas, as packaged by
 * `kubernetes-models` (one class per apiVersion/kind, each with the generated JSON schema).
 * Kinds the package does not know (CRDs such as Istio's) come back as `unknown`.
 */
export type SchemaVerdict =
  | { readonly kind: 'valid' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'invalid'; readonly error: string };

type ModelClass = new (data: unknown) => { validate(): void };
const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

function loadGroup(apiVersion: string): Promise<Record<string, unknown> | undefined> {
  let loading = modules.get(apiVersion);
  if (!loading) {
    loading = /^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion)
      ? (import(`kubernetes-models/${apiVersion}`) as Promise<Record<string, unknown>>).catch(() => undefined)
      : Promise.resolve(undefined);
    modules.set(apiVersion, loading);
  }
  return loading;
}

export async function validateObject(object: unknown): Promise<SchemaVerdict> {
  if (!object || typeof object !== 'object') return { kind: 'unknown' };
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { kind: 'unknown' };
  const group = await loadGroup(apiVersion);
  const Model = group?.[kind] as ModelClass | undefined;
  if (typeof Model !== 'function') return { kind: 'unknown' };
  try {
    new Model(object).validate();
    return { kind: 'valid' };
  } catch (err) {
    return { kind: 'invalid', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Every object of a YAML/JSON text, `List` items included (as plain data). */
export function objectsOf(text: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as unknown;
    if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
      const kind = (value as { kind?: unknown }).kind;
      if (typeof kind === 'string' && kind.endsWith('List')) {
        out.push(...((value as { items: unknown[] }).items ?? []));
        continue;
      }
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
