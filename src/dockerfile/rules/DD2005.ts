import type { Span } from '../../core/location.js';
import { parseOptions } from '../parse/command-options.js';
import type { ShellCommand } from '../parse/shell.js';
import type { Rule } from '../rule.js';

/**
 * True when a chmod mode lets "other" write: octal with the other-write bit (777, 0666, 2777)
 * or symbolic `o+w`, `a+rwx`, `ugo=rwx`. Sticky-bit modes (1777, `+t`) are the /tmp pattern and pass.
 */
function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const special = Number(digits[0]);
    const other = Number(digits[3]);
    return (other & 2) !== 0 && (special & 1) === 0;
  }
  const clauses = mode.split(',');
  if (clauses.some((c) => /^[ugoa]*[+=][rwxXst]*t/.test(c))) return false;
  return clauses.some((c) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(c);
    if (!m) return false;
    const who = m[1] ?? '';
    // A bare `+w` honours the umask, which normally keeps other-write off.
    return (who.includes('o') || who.includes('a')) && (m[3] ?? '').includes('w');
  });
}

/** chmod (and `mkdir -m`/`install -m`) modes that make files writable by every user. */
export const DD2005: Rule = {
  meta: {
    id: 'DD2005',
    title: 'World-writable permissions (chmod 777)',
    severity: 'medium',
    category: 'user',
    why: 'World-writable files let any process in the container, whatever its user, replace code or config the application trusts, which defeats running as non-root.',
    fix: 'Give ownership to the app user (chown or COPY --chown) and use 755/644, or 1777 for a shared scratch directory.',
    aliases: [],
    example: {
      bad: 'FROM python:3.12-slim\nCOPY . /app\nRUN chmod -R 777 /app',
      good: 'FROM python:3.12-slim\nCOPY --chown=appuser:appuser . /app\nRUN chmod -R 755 /app',
    },
  },
  check({ file, report }) {
    const flag = (how: string, mode: string, targets: string, span: Span) => {
      report({ message: `${how} ${mode} makes ${targets || 'the files'} world-writable`, span });
    };
    for (const instr of [...file.instructions, ...file.onbuildTriggers]) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const chmod = instr.flags.find((f) => f.name === 'chmod');
      if (chmod?.value && worldWritable(chmod.value)) {
        const dest = (instr.json ?? instr.args).at(-1)?.value ?? 'the files';
        report({ message: `${instr.keyword} --chmod=${chmod.value} makes ${dest} world-writable`, span: chmod.span });
      }
    }
    for (const run of file.runs) {
      const commands = file.shell(run).commands;
      // A scratch dir made writable and deleted in the same RUN (`chmod 777 "$tempDir"; …; rm -rf "$tempDir"`) never ships.
      const removedLater = (cmd: ShellCommand, raw: string) =>
        commands.some((c) => c.index > cmd.index && c.name === 'rm' && c.args.some((a) => a.raw === raw));
      for (const cmd of commands) {
        if (cmd.name === 'chmod') {
          const opts = parseOptions(cmd, { valuedLong: ['reference'] });
          const [mode, ...targets] = opts.positionals;
          // `chmod -R o+w dir`: the mode can look like an option (`-w`) only when it removes bits.
          if (!mode?.literal || !worldWritable(mode.value)) continue;
          if (targets.length > 0 && targets.every((t) => removedLater(cmd, t.raw))) continue;
          flag('chmod', mode.value, targets.map((t) => t.value).join(' '), mode.span);
        } else if (cmd.name === 'mkdir' || cmd.name === 'install') {
          const opts = parseOptions(cmd, { valuedShort: cmd.name === 'install' ? 'mogtS' : 'm', valuedLong: ['mode'] });
          const value = opts.values.get('m') ?? opts.values.get('mode');
          if (value === undefined || !worldWritable(value)) continue;
          const word = cmd.args.find(
            (a) => a.value === value || a.value.endsWith(`=${value}`) || a.value === `-m${value}`,
          );
          const targets = opts.positionals.map((t) => t.value).join(' ');
          flag(`${cmd.name} -m`, value, targets, word?.span ?? cmd.span);
        }
      }
    }
  },
};
