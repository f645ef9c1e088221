/**
 * PEP 508 dependency specifiers (`name[extra]>=1.0,<2; python_version < "3.11"`, `name @ URL ; marker`),
 * parsed the way pypa/packaging's `Requirement` does (its tokenizer rules and recursive descent), but
 * keeping where every part is, so findings can point at a clause and fixes can replace a version.
 * Offsets are indices into the string given.
 */

export interface VersionClause {
  /** `==`, `>=`, `~=`, `===`… */
  readonly operator: string;
  /** The version text after the operator (whitespace skipped), as written. */
  readonly version: string;
  readonly start: number;
  readonly end: number;
  readonly versionStart: number;
  readonly versionEnd: number;
}

export interface Pep508Requirement {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly extras: readonly string[];
  /** The direct reference after `@`, if any. */
  readonly url?: string;
  readonly urlStart?: number;
  readonly urlEnd?: number;
  readonly clauses: readonly VersionClause[];
  /** The clauses joined with `,` and no spaces (the form PEP 440 specifier sets take). */
  readonly specifier: string;
  /** The marker expression after `;`, trimmed. */
  readonly marker?: string;
  /** End of the requirement text without trailing whitespace. */
  readonly end: number;
}

export class Pep508Error extends Error {
  constructor(
    message: string,
    /** Index in the string where the problem starts. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'Pep508Error';
  }
}

// Version patterns of packaging's `Specifier._version_regex_str`, one per operator family.
const PRE = `(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = `(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = `(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;
/**
 * Python's IGNORECASE also matches the dotless and dotted capital i with `i` (and `ſ` with `s`, which the
 * `u` flag's case folding covers), so `1.0prevıew1` is a version to packaging; the same here.
 */
const pythonCase = (pattern: string) => new RegExp(pattern.replace(/i/g, '[iİı]'), 'iuy');
const VERSION_BY_OPERATOR: Readonly<Record<string, RegExp>> = {
  '===': /[^\s;)]*/y,
  '==': pythonCase(String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:\.\*|${PRE}${POST}${DEV}${LOCAL})?`),
  '~=': pythonCase(String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${PRE}${POST}${DEV}`),
  other: pythonCase(String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*${PRE}${POST}${DEV}`),
};

/** packaging's tokenizer rules (`_tokenizer.DEFAULT_RULES`), sticky so they match at a position. */
const RULES = {
  LEFT_PARENTHESIS: /\(/y,
  RIGHT_PARENTHESIS: /\)/y,
  LEFT_BRACKET: /\[/y,
  RIGHT_BRACKET: /\]/y,
  SEMICOLON: /;/y,
  COMMA: /,/y,
  QUOTED_STRING: /('[^']*'|"[^"]*")/y,
  OP: /(===|==|~=|!=|<=|>=|<|>)/y,
  BOOLOP: /\b(or|and)\b/y,
  IN: /\bin\b/y,
  NOT: /\bnot\b/y,
  VARIABLE:
    /\b(python_version|python_full_version|os[._]name|sys[._]platform|platform_(release|system)|platform[._](version|machine|python_implementation)|python_implementation|implementation_(name|version)|extras?|dependency_groups)\b/y,
  SPECIFIER_OP: /(~=|===|==|!=|<=|>=|<|>)/y,
  AT: /@/y,
  URL: /[^ \t]+/y,
  IDENTIFIER: /\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b/y,
  VERSION_PREFIX_TRAIL: /\.\*/y,
  VERSION_LOCAL_LABEL_TRAIL: /\+[a-z0-9]+(?:[-_.][a-z0-9]+)*/y,
  WS: /[ \t]+/y,
} as const;
type RuleName = keyof typeof RULES | 'END' | 'SPECIFIER';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

class Tokenizer {
  position = 0;
  private pending: Token | undefined;

  constructor(readonly source: string) {}

  /** Does `rule` match here? Unless `peek`, the match is kept for `read()`. */
  check(rule: RuleName, peek = false): boolean {
    const token = this.match(rule);
    if (!token) return false;
    if (!peek) this.pending = token;
    return true;
  }

  read(): Token {
    const token = this.pending;
    if (!token) throw new Error('read() without a successful check()');
    this.position = token.end;
    this.pending = undefined;
    return token;
  }

  consume(rule: RuleName): void {
    if (this.check(rule)) this.read();
  }

  expect(rule: RuleName, expected: string): Token {
    if (!this.check(rule)) throw this.error(`Expected ${expected}`);
    return this.read();
  }

  error(message: string, index = this.position): Pep508Error {
    return new Pep508Error(message, index);
  }

  private match(rule: RuleName): Token | undefined {
    const at = this.position;
    if (rule === 'END') return at >= this.source.length ? { text: '', start: at, end: at } : undefined;
    if (rule === 'SPECIFIER') return this.matchSpecifier(at);
    const re = RULES[rule];
    re.lastIndex = at;
    const m = re.exec(this.source);
    return m ? { text: m[0], start: at, end: at + m[0].length } : undefined;
  }

  /** packaging's SPECIFIER: an operator, optional whitespace, and a version of the operator's shape. */
  private matchSpecifier(at: number): Token | undefined {
    const op = RULES.SPECIFIER_OP;
    op.lastIndex = at;
    const m = op.exec(this.source);
    if (!m) return undefined;
    let i = at + m[0].length;
    while (this.source[i] === ' ' || this.source[i] === '\t') i++;
    const versionRe =
      VERSION_BY_OPERATOR[m[0] === '===' || m[0] === '~=' ? m[0] : m[0] === '==' || m[0] === '!=' ? '==' : 'other'];
    if (!versionRe) return undefined;
    versionRe.lastIndex = i;
    const v = versionRe.exec(this.source);
    if (!v || (v[0] === '' && m[0] !== '===')) return undefined;
    return { text: this.source.slice(at, i + v[0].length), start: at, end: i + v[0].length };
  }
}

/** Parses one PEP 508 requirement; throws Pep508Error with the index of the problem. */
export function parsePep508(source: string): Pep508Requirement {
  const t = new Tokenizer(source);
  t.consume('WS');
  const name = t.expect('IDENTIFIER', 'package name at the start of dependency specifier');
  t.consume('WS');
  const extras = parseExtras(t);
  t.consume('WS');
  let url: Token | undefined;
  let clauses: VersionClause[] = [];
  let marker: string | undefined;
  if (t.check('AT')) {
    t.read();
    t.consume('WS');
    url = t.expect('URL', 'URL after @');
    if (!t.check('END', true)) {
      t.expect('WS', 'whitespace after URL');
      if (!t.check('END', true)) marker = parseRequirementMarker(t, url.start, 'URL and whitespace');
    }
  } else {
    const specifierStart = t.position;
    clauses = parseSpecifier(t);
    t.consume('WS');
    if (!t.check('END', true)) {
      marker = parseRequirementMarker(
        t,
        specifierStart,
        clauses.length > 0 ? 'version specifier' : 'name and no valid version specifier',
      );
    }
  }
  t.expect('END', 'end of dependency specifier');
  return {
    name: name.text,
    nameStart: name.start,
    nameEnd: name.end,
    extras,
    ...(url ? { url: url.text, urlStart: url.start, urlEnd: url.end } : {}),
    clauses,
    specifier: clauses.map((c) => `${c.operator}${c.version}`).join(','),
    ...(marker !== undefined ? { marker } : {}),
    end: source.trimEnd().length,
  };
}

function parseExtras(t: Tokenizer): string[] {
  if (!t.check('LEFT_BRACKET', true)) return [];
  const open = t.position;
  t.check('LEFT_BRACKET');
  t.read();
  t.consume('WS');
  const extras: string[] = [];
  if (t.check('IDENTIFIER')) {
    extras.push(t.read().text);
    for (;;) {
      t.consume('WS');
      if (t.check('IDENTIFIER', true)) throw t.error('Expected comma between extra names');
      if (!t.check('COMMA')) break;
      t.read();
      t.consume('WS');
      extras.push(t.expect('IDENTIFIER', 'extra name after comma').text);
    }
  }
  t.consume('WS');
  if (!t.check('RIGHT_BRACKET')) throw t.error('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open);
  t.read();
  return extras;
}

function parseSpecifier(t: Tokenizer): VersionClause[] {
  const open = t.check('LEFT_PARENTHESIS') ? t.read().start : undefined;
  t.consume('WS');
  const clauses: VersionClause[] = [];
  while (t.check('SPECIFIER')) {
    const token = t.read();
    const operator = /^(~=|===|==|!=|<=|>=|<|>)/.exec(token.text)?.[1] ?? '';
    let versionStart = token.start + operator.length;
    while (t.source[versionStart] === ' ' || t.source[versionStart] === '\t') versionStart++;
    clauses.push({
      operator,
      version: t.source.slice(versionStart, token.end),
      start: token.start,
      end: token.end,
      versionStart,
      versionEnd: token.end,
    });
    if (t.check('VERSION_PREFIX_TRAIL', true)) {
      throw t.error('.* suffix can only be used with `==` or `!=` operators', token.start);
    }
    if (t.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      throw t.error('Local version label can only be used with `==` or `!=` operators', token.start);
    }
    t.consume('WS');
    if (!t.check('COMMA')) break;
    t.read();
    t.consume('WS');
  }
  t.consume('WS');
  if (open !== undefined) {
    if (!t.check('RIGHT_PARENTHESIS')) {
      throw t.error('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', open);
    }
    t.read();
  }
  return clauses;
}

function parseRequirementMarker(t: Tokenizer, spanStart: number, after: string): string {
  if (!t.check('SEMICOLON')) throw t.error(`Expected end or semicolon (after ${after})`, spanStart);
  t.read();
  const start = t.position;
  parseMarker(t);
  t.consume('WS');
  return t.source.slice(start, t.position).trim();
}

/** Validates a marker expression (`marker_or` of packaging's grammar); the text is kept as written. */
export function parseMarkerText(source: string): void {
  const t = new Tokenizer(source);
  parseMarker(t);
  t.consume('WS');
  t.expect('END', 'end of marker expression');
}

function parseMarker(t: Tokenizer): void {
  parseMarkerAtom(t);
  while (t.check('BOOLOP')) {
    t.read();
    parseMarkerAtom(t);
  }
}

function parseMarkerAtom(t: Tokenizer): void {
  t.consume('WS');
  if (t.check('LEFT_PARENTHESIS', true)) {
    const open = t.position;
    t.check('LEFT_PARENTHESIS');
    t.read();
    t.consume('WS');
    parseMarker(t);
    t.consume('WS');
    if (!t.check('RIGHT_PARENTHESIS')) {
      throw t.error('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open);
    }
    t.read();
  } else {
    t.consume('WS');
    parseMarkerVar(t);
    t.consume('WS');
    parseMarkerOp(t);
    t.consume('WS');
    parseMarkerVar(t);
  }
  t.consume('WS');
}

function parseMarkerVar(t: Tokenizer): void {
  if (t.check('VARIABLE') || t.check('QUOTED_STRING')) {
    t.read();
    return;
  }
  throw t.error('Expected a marker variable or quoted string');
}

function parseMarkerOp(t: Tokenizer): void {
  if (t.check('IN')) {
    t.read();
    return;
  }
  if (t.check('NOT')) {
    t.read();
    t.expect('WS', "whitespace after 'not'");
    t.expect('IN', "'in' after 'not'");
    return;
  }
  if (t.check('OP')) {
    t.read();
    return;
  }
  throw t.error('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}
