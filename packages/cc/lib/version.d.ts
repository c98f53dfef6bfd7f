/** This package's version. */
export declare function packageVersion(): string;
/** The version of a dependency as this package resolves it, or undefined. */
export declare function dependencyVersion(name: string): string | undefined;
