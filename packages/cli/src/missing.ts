/**
 * Commander stops at the first missing argument or mandatory option; a user typing `finhooks send`
 * should learn everything the command needs at once. Installed on every command by `createProgram`.
 */
import { type Command, Help, type Option } from 'commander';

/** The command's required arguments not given and its mandatory options without a value, as listed in the help. */
export function missingInputs(command: Command): { name: string; description: string }[] {
  const operands = command.args.filter((arg) => !arg.startsWith('-'));
  const args = command.registeredArguments
    .slice(operands.length)
    .filter((argument) => argument.required)
    .map((argument) => ({ name: `<${argument.name()}>`, description: argument.description }));
  const options = command.options
    .filter((option) => option.mandatory && command.getOptionValue(option.attributeName()) === undefined)
    .map((option) => ({ name: option.flags, description: option.description }));
  return [...args, ...options];
}

/** Replaces commander's one-at-a-time errors with one that names every missing input. */
export function reportAllMissing(command: Command): void {
  const report = (code: string) => (): never => {
    const missing = missingInputs(command);
    const width = Math.max(...missing.map((item) => item.name.length));
    const list = missing.map((item) => `  ${item.name.padEnd(width)}  ${item.description}`).join('\n');
    const what = missing.length === 1 ? 'this' : `these ${missing.length}`;
    command.error(`error: \`${fullName(command)}\` needs ${what}:\n${list}`, { code });
  };
  // Commander's own hooks for these two errors (internal, not in its typings; test/program.test.ts
  // fails if a commander upgrade stops calling them).
  const hooks = command as unknown as Record<'missingArgument' | 'missingMandatoryOptionValue', () => never>;
  hooks.missingArgument = report('commander.missingArgument');
  hooks.missingMandatoryOptionValue = report('commander.missingMandatoryOptionValue');
}

/** Marks mandatory options "(required)" in `--help`. */
export function markRequired(command: Command): void {
  command.configureHelp({
    optionDescription(option: Option): string {
      const description = Help.prototype.optionDescription.call(this, option);
      return option.mandatory ? `(required) ${description}` : description;
    },
  });
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}
