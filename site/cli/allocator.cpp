// jemalloc's settings, in `pratiques` and `pratiques-serve` (site/CMakeLists.txt links it): as few
// arenas as the server's searches need; thread caches for small sizes only (the indexer's gain
// comes from them, and the server's many threads would each keep 32 KB-class blocks: 40 MB more
// resident); freed pages returned within a second, so that a server idle after a burst shrinks back.
extern "C" {
const char* malloc_conf = "narenas:4,tcache_max:1024,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
