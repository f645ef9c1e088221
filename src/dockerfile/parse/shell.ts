import { createRequire } from 'node:module';
import { Language, type Node, Parser, type TreeCursor } from 'web-tree-sitter';
import type { Span } from '../../core/location.js';

/**
 * RUN bodies are parsed with tree-sitter-bash (a real, error-tolerant shell grammar), once per
 * instruction, into a flat list of simple commands that every rule shares (hadolint's model).
 */

/** A shell word. `value` is the word after quote removal when it is fully literal. */
export interface ShellWord {
  readonly raw: string;
  readonly value: string;
  /** False when the word contains expansions ($x, $(cmd), globs are still literal). */
  readonly literal: boolean;
  /** Span within the script text (convert with the script's `toFileSpan`). */
  readonly span: Span;
}

export interface ShellCommand {
  /** Effective command name after wrappers (`sudo -u x apt-get` → `apt-get`), path stripped. */
  readonly name: string;
  /** The word naming the effective command. */
  readonly nameWord: ShellWord;
  /** Arguments after the effective command name. */
  readonly args: readonly ShellWord[];
  /** Wrapper commands that were peeled off, outermost first: `sudo`, `env`, `nice`… */
  readonly wrappers: readonly string[];
  /** Span of the whole simple command (wrappers and assignments included). */
  readonly span: Span;
  /** Pipeline this command belongs to (same number = same pipeline), or -1. */
  readonly pipeline: number;
  /** Position in the pipeline, 0-based; -1 outside pipelines. */
  readonly pipelineIndex: number;
  /** Index among all commands of the script, in source order. */
  readonly index: number;
}

export interface ShellScript {
  readonly text: string;
  readonly commands: readonly ShellCommand[];
  /** The text has a syntax error (unterminated quote…); commands found before it are kept. */
  readonly hasError: boolean;
}

let parser: Parser | undefined;

/** Loads the WASM grammar once per process. Must be awaited before any parse. */
export async function initShellParser(): Promise<void> {
  if (parser) return;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/**
 * Parsed scripts by text. Fleets of Dockerfiles generated from templates repeat the same RUN
 * bodies (the 576-file corpus has 2,148 RUNs but 406 distinct ones); results are immutable and
 * position-independent, so each distinct body is parsed once per process. Bounded by text size.
 */
const parseCache = new Map<string, ShellScript>();
let parseCacheChars = 0;
const PARSE_CACHE_MAX_CHARS = 16 * 1024 * 1024;

export function parseShell(text: string): ShellScript {
  const cached = parseCache.get(text);
  if (cached) return cached;
  const script = parseShellAt(text, 0);
  if (process.env.DRYDOCK_NO_PARSE_CACHE === undefined) {
    if (parseCacheChars + text.length > PARSE_CACHE_MAX_CHARS) {
      parseCache.clear();
      parseCacheChars = 0;
    }
    parseCache.set(text, script);
    parseCacheChars += text.length;
  }
  return script;
}

function parseShellAt(text: string, depth: number): ShellScript {
  if (!parser) throw new Error('initShellParser() was not awaited');
  const tree = parser.parse(text);
  if (!tree) return { text, commands: [], hasError: true };
  let script: ShellScript;
  try {
    const collector = new CommandCollector(text);
    collector.visit(tree.rootNode);
    script = { text, commands: collector.commands, hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
  return withNestedScripts(script, depth);
}

/** Builds a script from exec-form words (`RUN ["apt-get", "install", "x"]`): one command. */
export function scriptFromWords(words: readonly ShellWord[]): ShellScript {
  const commands: ShellCommand[] = [];
  const built = buildCommand(words, { start: words[0]?.span.start ?? 0, end: words.at(-1)?.span.end ?? 0 }, -1, -1, 0);
  if (built) commands.push(built);
  return withNestedScripts({ text: words.map((w) => w.value).join(' '), commands, hasError: false }, 0);
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const MAX_NESTING = 3;

/**
 * `sh -c "…"`, `bash -ec '…'` and `su user -c "…"` run a script given as a string: parse it too,
 * so `su nobody -c "cd /x && curl … | sh"` is seen (Trivy reads such strings as text). Nested
 * commands follow their parent in the list, with spans inside the string.
 */
function withNestedScripts(script: ShellScript, depth: number): ShellScript {
  if (depth >= MAX_NESTING) return script;
  const out: ShellCommand[] = [];
  let pipelineBase = Math.max(-1, ...script.commands.map((c) => c.pipeline)) + 1;
  for (const cmd of script.commands) {
    out.push(cmd);
    const word = nestedScriptWord(cmd);
    if (!word) continue;
    const inner = unquoteWithOffsets(word);
    if (!inner) continue;
    const nested = parseShellAt(inner.text, depth + 1);
    let maxPipeline = -1;
    for (const n of nested.commands) {
      const map = (sp: Span): Span => ({ start: inner.offsetOf(sp.start), end: inner.offsetOf(sp.end) });
      const mapWord = (w: ShellWord): ShellWord => ({ ...w, span: map(w.span) });
      maxPipeline = Math.max(maxPipeline, n.pipeline);
      out.push({
        ...n,
        nameWord: mapWord(n.nameWord),
        args: n.args.map(mapWord),
        span: map(n.span),
        pipeline: n.pipeline === -1 ? -1 : n.pipeline + pipelineBase,
      });
    }
    pipelineBase += maxPipeline + 1;
  }
  if (out.length === script.commands.length) return script;
  return { ...script, commands: out.map((c, index) => (c.index === index ? c : { ...c, index })) };
}

/** The script argument of `sh -c SCRIPT` / `su … -c SCRIPT`, when it is one word. */
function nestedScriptWord(cmd: ShellCommand): ShellWord | undefined {
  const args = cmd.args;
  if (SHELLS.has(cmd.name)) {
    const shellArgs = cmd.name === 'busybox' && SHELLS.has(args[0]?.value ?? '') ? args.slice(1) : args;
    // -c may be clustered with other flags (`-ec`, `-xc`); the script is the next word.
    const c = shellArgs.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value) && !a.value.startsWith('--'));
    return c === -1 ? undefined : shellArgs[c + 1];
  }
  if (cmd.name === 'su' || cmd.name === 'runuser') {
    const c = args.findIndex((a) => a.value === '-c' || a.value === '--command');
    if (c !== -1) return args[c + 1];
    return args.map((a) => /^--command=/.exec(a.value) && a).find(Boolean) || undefined;
  }
  return undefined;
}

/**
 * The text the inner shell receives, with a map from its offsets to the outer script's: quotes
 * removed, `\"`-style escapes of double quotes resolved.
 */
function unquoteWithOffsets(word: ShellWord): { text: string; offsetOf(i: number): number } | undefined {
  const raw = word.raw;
  const base = word.span.start;
  let body = raw;
  let start = 0;
  let escapes = /\\(.)/gs;
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
    body = raw.slice(1, -1);
    start = 1;
    escapes = /(?!)/g;
  } else if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    body = raw.slice(1, -1);
    start = 1;
    escapes = /\\([$`"\\\n])/g;
  } else if (raw.startsWith('--command=')) {
    return unquoteWithOffsets({
      ...word,
      raw: raw.slice('--command='.length),
      span: { start: base + 10, end: word.span.end },
    });
  } else if (!word.literal && !raw.includes('"')) {
    return undefined;
  }
  const offsets: number[] = [];
  let text = '';
  let last = 0;
  for (const m of body.matchAll(escapes)) {
    const at = m.index ?? 0;
    for (let k = last; k < at; k++) offsets.push(base + start + k);
    text += body.slice(last, at) + (m[1] ?? '');
    offsets.push(base + start + at + 1);
    last = at + m[0].length;
  }
  for (let k = last; k < body.length; k++) offsets.push(base + start + k);
  text += body.slice(last);
  offsets.push(base + start + body.length);
  return { text, offsetOf: (i) => offsets[Math.min(Math.max(i, 0), offsets.length - 1)] ?? base };
}

class CommandCollector {
  readonly commands: ShellCommand[] = [];
  private readonly text: string;
  private readonly pipelineOf = new Map<number, { id: number; index: number }>();

  constructor(text: string) {
    this.text = text;
  }

  visit(root: Node): void {
    const [commands, pipelines] = [root.descendantsOfType('command'), root.descendantsOfType('pipeline')];
    pipelines.forEach((p, id) => {
      if (p) this.notePipeline(p, id);
    });
    for (const node of commands) if (node) this.addCommand(node);
    // Document order: nested commands ($(…)) come after the command that contains them.
    this.commands.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    for (let index = 0; index < this.commands.length; index++) {
      const c = this.commands[index];
      if (c && c.index !== index) this.commands[index] = { ...c, index };
    }
  }

  private addCommand(node: Node): void {
    const member = this.pipelineOf.get(node.startIndex);
    const built = buildCommand(
      commandWords(node, this.text),
      { start: node.startIndex, end: node.endIndex },
      member?.id ?? -1,
      member?.index ?? -1,
      this.commands.length,
    );
    if (built) this.commands.push(built);
  }

  /** Records which commands form a pipeline, keyed by their start offset. */
  private notePipeline(node: Node, id: number): void {
    const members: Node[] = [];
    // `cat <<EOF | sh`: tree-sitter puts `| sh` inside the heredoc redirect; the first member is
    // the command being redirected.
    if (node.parent?.type === 'heredoc_redirect') {
      const stmt = node.parent.parent;
      const first = stmt?.namedChildren.find((c) => c?.type === 'command');
      if (first) members.push(first);
    }
    for (const child of node.namedChildren) {
      const cmd = child && firstCommand(child);
      if (cmd) members.push(cmd);
    }
    members.forEach((m, index) => {
      if (!this.pipelineOf.has(m.startIndex)) this.pipelineOf.set(m.startIndex, { id, index });
    });
  }
}

function firstCommand(node: Node): Node | null {
  if (node.type === 'command') return node;
  if (node.type === 'redirected_statement' || node.type === 'negated_command') {
    for (const child of node.namedChildren) {
      const found = child && firstCommand(child);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The command name and arguments of a `command` node; assignments and redirects left out.
 * Reads children through a cursor: plain words (the vast majority) never become Node objects.
 */
function commandWords(node: Node, text: string): ShellWord[] {
  const words: ShellWord[] = [];
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return words;
    do {
      if (!cursor.nodeIsNamed) continue;
      let type = cursor.nodeType;
      if (type === 'variable_assignment' || type === 'comment' || type.endsWith('redirect')) continue;
      if (type === 'command_name') {
        if (!cursor.gotoFirstChild()) continue;
        type = cursor.nodeType;
        words.push(cursorWord(cursor, type, text));
        cursor.gotoParent();
        continue;
      }
      words.push(cursorWord(cursor, type, text));
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return words;
}

function cursorWord(cursor: TreeCursor, type: string, text: string): ShellWord {
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  const raw = text.slice(start, end);
  let value: string | null;
  if (type === 'word' || type === 'number') value = raw.includes('\\') ? unescapeWord(raw) : raw;
  else if (type === 'raw_string') value = raw.slice(1, -1);
  else value = literalValue(cursor.currentNode);
  return { raw, value: value ?? raw, literal: value !== null, span: { start, end } };
}

/** The value of a word after quote removal, or null when it has expansions. */
function literalValue(node: Node): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeWord(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return null;
    case 'string': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
        out += child.text.replace(/\\([$`"\\\n])/g, '$1');
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        const part = child ? literalValue(child) : null;
        if (part === null) return null;
        out += part;
      }
      return out;
    }
    default:
      return null;
  }
}

function unescapeWord(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

/** Wrappers that run their arguments as a command, with the options that take a value. */
const WRAPPERS: Record<string, { valued: ReadonlySet<string> }> = {
  sudo: { valued: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']) },
  doas: { valued: new Set(['-u', '-C']) },
  env: { valued: new Set(['-u', '-C', '-S', '--unset', '--chdir']) },
  nice: { valued: new Set(['-n', '--adjustment']) },
  nohup: { valued: new Set() },
  time: { valued: new Set(['-f', '-o']) },
  exec: { valued: new Set(['-a']) },
  command: { valued: new Set() },
  ionice: { valued: new Set(['-c', '-n', '-p']) },
  chroot: { valued: new Set() },
  gosu: { valued: new Set() },
  'su-exec': { valued: new Set() },
};

function buildCommand(
  words: readonly ShellWord[],
  span: Span,
  pipeline: number,
  pipelineIndex: number,
  index: number,
): ShellCommand | null {
  const wrappers: string[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    if (!word) break;
    const name = baseName(word.value);
    const wrapper = WRAPPERS[name];
    if (!wrapper || i === words.length - 1) break;
    wrappers.push(name);
    i++;
    // gosu/su-exec/chroot take one positional (user or root dir) before the command.
    if (name === 'gosu' || name === 'su-exec' || name === 'chroot') i++;
    while (i < words.length) {
      const w = words[i]?.value ?? '';
      if (w === '--') {
        i++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
        i++;
        continue;
      }
      if (!w.startsWith('-') || w === '-') break;
      i += wrapper.valued.has(w) ? 2 : 1;
    }
  }
  const nameWord = words[i];
  if (!nameWord) return null;
  return {
    name: baseName(nameWord.value),
    nameWord,
    args: words.slice(i + 1),
    wrappers,
    span,
    pipeline,
    pipelineIndex,
    index,
  };
}

function baseName(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash === -1 ? value : value.slice(slash + 1);
}
