/** Entry point of the `portfolio-audit` command (bundled to out/main/cli.js; runs from source via tsx). */
import { runCli } from './cli/main';

const code = await runCli(process.argv.slice(2), import.meta.url);
process.exit(code);
