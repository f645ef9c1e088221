// Runs the CLI from source (tests use this so they need no build step).
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
