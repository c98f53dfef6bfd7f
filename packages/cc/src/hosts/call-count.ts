// Counts the host calls a component makes, for the benchmarks: with WASI_CC_HOST_CALLS=<file> set,
// `wasi-cc run` of a Preview 2 component writes the number of calls into its imports (functions and
// resource methods) to <file> when the process ends.

type AnyFunction = (...args: unknown[]) => unknown;

const CABI_LOWER = Symbol.for('cabiLower');

/** Wraps every function and resource method of `imports` so that each call counts. */
export function countHostCalls<T extends object>(imports: T, file: string, write: (file: string, text: string) => void): T {
  let calls = 0;
  const wrapped = new WeakSet<object>();
  const count = (f: AnyFunction): AnyFunction =>
    function (this: unknown, ...args: unknown[]) {
      calls++;
      return f.apply(this, args);
    };
  // A function with a lowering of its own (p2-lowered.ts), which the bindings call in its place,
  // keeps it, counted too.
  const counting = (f: AnyFunction): AnyFunction => {
    const wrapper = count(f);
    const lower = (f as { [CABI_LOWER]?: (ctx: unknown) => AnyFunction })[CABI_LOWER];
    if (lower) Object.defineProperty(wrapper, CABI_LOWER, { value: (ctx: unknown) => count(lower(ctx)) });
    return wrapper;
  };
  for (const iface of Object.values(imports) as Array<Record<string, unknown>>) {
    if (!iface || typeof iface !== 'object') continue;
    for (const [name, value] of Object.entries(iface)) {
      if (typeof value !== 'function') continue;
      const proto = (value as { prototype?: object }).prototype;
      const methods = proto ? Object.getOwnPropertyNames(proto).filter((m) => m !== 'constructor') : [];
      if (methods.length > 0 && proto) {
        // A resource class (shared by every instance): wrap its methods once.
        if (wrapped.has(proto)) continue;
        wrapped.add(proto);
        for (const m of methods) {
          const d = Object.getOwnPropertyDescriptor(proto, m);
          if (d && typeof d.value === 'function') Object.defineProperty(proto, m, { ...d, value: counting(d.value as AnyFunction) });
        }
      } else {
        iface[name] = counting(value as AnyFunction);
      }
    }
  }
  process.on('exit', () => write(file, `${calls}\n`));
  return imports;
}
