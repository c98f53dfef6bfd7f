# wasm32-wasip1-threads: filled in by the threads work.
