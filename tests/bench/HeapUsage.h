#pragma once

#include <QtGlobal>

// Bytes the process has allocated with malloc and not freed, over every malloc arena and
// mmapped block (glibc's malloc_info()). mallinfo2() would see the main arena only, which
// misses what worker threads allocate, and forcing one arena (M_ARENA_MAX=1) would make the
// threads contend for its lock and slow down what the other benchmarks time.
class HeapUsage {
public:
    static qint64 inUseBytes();
};
