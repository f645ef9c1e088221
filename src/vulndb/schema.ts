/**
 * The local vulnerability database's tables. Bump SCHEMA_VERSION on any change: a database written by
 * another version is refused at open (rebuilt by `drydock db import`), never read half-understood.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE advisories (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  namespace TEXT NOT NULL,
  package TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT,
  fixed_version TEXT,
  severity TEXT,
  severity_source TEXT,
  title TEXT,
  published TEXT,
  modified TEXT,
  withdrawn TEXT,
  -- JSON arrays: they are only ever read whole, together with the row.
  ranges TEXT NOT NULL,
  versions TEXT NOT NULL,
  cvss TEXT NOT NULL,
  UNIQUE (source, namespace, package, id)
);
-- The scan's only query: every advisory for one (namespace, package).
CREATE INDEX advisories_by_package ON advisories (namespace, package);
-- Ignore files, VEX documents and "db show" name an advisory by id (or by an alias, below).
CREATE INDEX advisories_by_id ON advisories (id);

CREATE TABLE aliases (
  advisory INTEGER NOT NULL REFERENCES advisories (rowid) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY (advisory, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_by_alias ON aliases (alias);

-- schema_version, built_at.
CREATE TABLE metadata (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per feed (advisories.source): when it was last imported, from which paths, how many rows.
CREATE TABLE sources (
  name TEXT PRIMARY KEY,
  updated TEXT NOT NULL,
  origin TEXT NOT NULL,
  advisories INTEGER NOT NULL
) WITHOUT ROWID;
`;
