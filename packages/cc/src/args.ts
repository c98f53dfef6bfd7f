// Command-line helpers shared by wasi-cc and wasm-component-ld: response files and quoting.
import { readFileSync } from 'node:fs';

/**
 * Splits the text of a response file the way clang and lld do on Unix (GNU style):
 * whitespace separates arguments, quotes group, a backslash escapes the next character.
 */
export function splitResponseFile(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inArg = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text.charAt(++i);
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inArg = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text.charAt(++i);
      inArg = true;
    } else if (/\s/.test(c)) {
      if (inArg) out.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) out.push(cur);
  return out;
}

/** Replaces every `@file` argument by the arguments it holds (recursively). */
export function expandResponseFiles(argv: readonly string[], depth = 0): { args: string[]; usedResponseFile: boolean } {
  const args: string[] = [];
  let usedResponseFile = false;
  for (const a of argv) {
    if (a.startsWith('@') && a.length > 1 && depth < 20) {
      let text: string;
      try {
        text = readFileSync(a.slice(1), 'utf8');
      } catch {
        args.push(a); // not a file: let the tool itself complain
        continue;
      }
      usedResponseFile = true;
      args.push(...expandResponseFiles(splitResponseFile(text), depth + 1).args);
    } else args.push(a);
  }
  return { args, usedResponseFile };
}

/** Quotes one argument for a GNU-style response file. */
export function quoteForResponseFile(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, '\\$1')}"`;
}
