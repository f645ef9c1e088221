#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm run build).
import { setFlagsFromString } from 'node:v8';

// The shell grammar is a 1.3 MB WebAssembly module. V8's optimising tier would recompile it in
// full before the process may exit (~0.4 s); the baseline compiler alone parses RUN bodies just as
// fast for our inputs. Set before anything compiles WebAssembly.
setFlagsFromString('--liftoff-only');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
