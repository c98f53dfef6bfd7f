/** Splits a response file's text (GNU style: whitespace, quotes, backslash escapes). */
export declare function splitResponseFile(text: string): string[];
/** Replaces every `@file` argument by the arguments it holds. */
export declare function expandResponseFiles(argv: string[]): { args: string[]; usedResponseFile: boolean };
/** Quotes one argument for a response file. */
export declare function quoteForResponseFile(arg: string): string;
