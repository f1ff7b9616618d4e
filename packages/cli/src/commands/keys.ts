import { Command } from 'commander';
import type { CliIo } from '../io.js';
import { generateMoneyhubKey, writeMoneyhubKey } from '../moneyhub-keys.js';

export function keysCommand(io: CliIo): Command {
  const moneyhubKeys = new Command('moneyhub')
    .description('Create an RS256 private key (JWK) to sign Moneyhub events with; print its public JWKS')
    .argument('<file>', 'where to write the private JWK (mode 600)')
    .option('--kid <kid>', 'key id (default: the key thumbprint)')
    .option('--force', 'replace the file if it exists')
    .addHelpText(
      'after',
      `
The public JWKS goes to stdout (pipe it to a file); the private key stays in <file>.

Examples:
  $ finhooks keys moneyhub moneyhub-key.json > moneyhub-jwks.json
  $ finhooks send moneyhub newTransactions --url http://localhost:3000/webhooks/moneyhub --key moneyhub-key.json
  # receiver: moneyhub({ jwks: JSON.parse(readFileSync('moneyhub-jwks.json', 'utf8')), audience: '<your client id>' })`,
    )
    .action(async (file: string, flags: { kid?: string; force?: boolean }) => {
      const key = await generateMoneyhubKey(flags.kid);
      await writeMoneyhubKey(file, key.privateJwk, flags.force);
      io.out(`${JSON.stringify(key.jwks, null, 2)}\n`);
      io.err(
        `Wrote the private key "${key.kid}" to ${file}: keep it out of version control.\n` +
          `Trust it with moneyhub({ jwks, audience }) using the JWKS above, then: finhooks send moneyhub <event> --url <url> --key ${file}\n`,
      );
    });

  return new Command('keys').description('Create signing keys (Moneyhub JWT format)').addCommand(moneyhubKeys);
}
