import { parseOrExit, processOut, type CliOut, type CommandSpec } from './args.js';
import { COMMANDS, COMPLETION } from './specs.js';

/** `keysmith completion bash|zsh`: prints a completion script built from the command specs. */
export function run(argv: string[], io: CliOut = processOut): number {
  const parsed = parseOrExit(COMPLETION, argv, io);
  if (typeof parsed === 'number') return parsed;
  const shell = parsed.positionals[0]!;
  if (shell === 'bash') io.stdout(bashScript(COMMANDS));
  else if (shell === 'zsh') io.stdout(zshScript(COMMANDS));
  else {
    io.stderr(`keysmith completion: unknown shell '${shell}' (accepted: bash, zsh)\n`);
    return 2;
  }
  return 0;
}

const TOP_FLAGS = ['--help', '--version'];

function flagsOf(spec: CommandSpec): string[] {
  return [...spec.options.map((o) => `--${o.name}`), '--help'];
}

/** Top-level words: commands and command groups (account, keys, …). */
function topWords(commands: readonly CommandSpec[]): string[] {
  return [...new Set(commands.map((c) => c.name.split(' ')[0]!)), 'help'];
}

function subWords(commands: readonly CommandSpec[], group: string): string[] {
  return commands.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.split(' ')[1]!);
}

function choicesOf(spec: CommandSpec): [string, readonly string[]][] {
  return spec.options.filter((o) => o.choices).map((o) => [`--${o.name}`, o.choices!]);
}

export function bashScript(commands: readonly CommandSpec[]): string {
  const groups = [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))];
  const cases = commands
    .map((c) => {
      const choice = choicesOf(c)
        .map(
          ([flag, values]) =>
            `        if [[ "$prev" == ${flag} ]]; then COMPREPLY=($(compgen -W "${values.join(' ')}" -- "$cur")); return; fi\n`,
        )
        .join('');
      const words = c.name === 'completion' ? 'bash zsh ' : '';
      const files = c.name.startsWith('policy ') ? '\n        [[ "$cur" != -* ]] && COMPREPLY+=($(compgen -f -- "$cur"))' : '';
      return `      "${c.name}")\n${choice}        COMPREPLY=($(compgen -W "${words}${flagsOf(c).join(' ')}" -- "$cur"))${files}\n        ;;`;
    })
    .join('\n');
  return `# bash completion for keysmith: eval "$(keysmith completion bash)"
_keysmith() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${topWords(commands).join(' ')} ${TOP_FLAGS.join(' ')}" -- "$cur"))
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$cmd" in
${groups.map((g) => `    ${g})\n      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "${subWords(commands, g).join(' ')} --help" -- "$cur")); return; fi\n      cmd="$cmd \${COMP_WORDS[2]}"\n      ;;`).join('\n')}
  esac
  case "$cmd" in
${cases}
  esac
}
complete -o default -F _keysmith keysmith
`;
}

export function zshScript(commands: readonly CommandSpec[]): string {
  const quote = (s: string) => s.replace(/'/g, `'\\''`).replace(/[[\]:]/g, '\\$&');
  const groups = [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))];
  const top = topWords(commands).map((w) => {
    const spec = commands.find((c) => c.name === w || c.name.startsWith(`${w} `));
    const doc = spec && spec.name === w ? spec.summary : `${subWords(commands, w).join(', ')}`;
    return `'${w}:${quote(doc.split('\n')[0]!.replace(/\.$/, ''))}'`;
  });
  const argSpecs = (c: CommandSpec) =>
    [
      ...c.options.map((o) => {
        const action =
          o.type === 'boolean'
            ? ''
            : o.choices
              ? `:${o.value ?? 'value'}:(${o.choices.join(' ')})`
              : `:${o.value ?? 'value'}:${o.value === 'DIR' ? '_files -/' : ''}`;
        return `'--${o.name}[${quote(o.doc.split(';')[0]!)}]${action.replace(/'/g, '')}'`;
      }),
      `'(-h --help)'{-h,--help}'[show help]'`,
      ...(c.name === 'completion' ? [`'1:shell:(bash zsh)'`] : c.name.startsWith('policy ') ? [`'*:file:_files'`] : []),
    ].join(' \\\n        ');
  const cases = commands.map((c) => `    "${c.name}")\n      _arguments -s \\\n        ${argSpecs(c)}\n      ;;`).join('\n');
  return `#compdef keysmith
# zsh completion for keysmith: eval "$(keysmith completion zsh)", or save as _keysmith in $fpath
_keysmith() {
  local -a commands
  commands=(
    ${top.join('\n    ')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'keysmith command' commands
    compadd -- ${TOP_FLAGS.join(' ')}
    return
  fi
  local cmd="\${words[2]}"
  case "$cmd" in
${groups.map((g) => `    ${g})\n      if (( CURRENT == 3 )); then compadd -- ${subWords(commands, g).join(' ')} --help; return; fi\n      cmd="$cmd \${words[3]}"; shift 2 words; (( CURRENT -= 2 ))\n      ;;`).join('\n')}
    *) shift words; (( CURRENT -= 1 )) ;;
  esac
  case "$cmd" in
${cases}
  esac
}
if [[ "\${funcstack[1]}" == _keysmith ]]; then _keysmith "$@"; else compdef _keysmith keysmith; fi
`;
}
