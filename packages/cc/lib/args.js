// Command-line helpers shared by wasi-cc and wasm-component-ld: response files and quoting.
import { readFileSync } from 'node:fs';

/**
 * Splits the text of a response file the way clang and lld do on Unix (GNU style):
 * whitespace separates arguments, quotes group, a backslash escapes the next character.
 * @param {string} text
 * @returns {string[]}
 */
export function splitResponseFile(text) {
  /** @type {string[]} */
  const out = [];
  let cur = '';
  let inArg = false;
  /** @type {string | undefined} */
  let quote;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inArg = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
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

/**
 * Replaces every `@file` argument by the arguments it holds (recursively).
 * @param {string[]} argv
 * @param {number} [depth]
 * @returns {{ args: string[], usedResponseFile: boolean }}
 */
export function expandResponseFiles(argv, depth = 0) {
  /** @type {string[]} */
  const args = [];
  let usedResponseFile = false;
  for (const a of argv) {
    if (a.startsWith('@') && a.length > 1 && depth < 20) {
      let text;
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

/**
 * Quotes one argument for a GNU-style response file.
 * @param {string} arg
 */
export function quoteForResponseFile(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, '\\$1')}"`;
}
