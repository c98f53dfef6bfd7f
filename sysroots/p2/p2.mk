# wasm32-wasip2: filled in by the Preview 2 work.
