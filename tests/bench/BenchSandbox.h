#pragma once

#include "pg/ConnectionParams.h"

#include <QString>

// The sandbox the benchmarks run against: 100,000 catalog tenants over 16 shards, in a directory
// of its own. Stopped when this object goes, also when a benchmark throws; removed too unless
// the caller asked to keep it for the next run (which then starts in seconds).
class BenchSandbox {
public:
    static constexpr int Tenants = 100000;
    static constexpr int Shards = 16;
    // With store data (the sandbox's usual 40, which browse benchmarks use); the rest are catalog rows only.
    static constexpr int SeededTenants = 40;

    // dir empty: a new temporary directory, removed at the end.
    explicit BenchSandbox(const QString& keepDir = {});
    ~BenchSandbox();
    BenchSandbox(const BenchSandbox&) = delete;
    BenchSandbox& operator=(const BenchSandbox&) = delete;

    const ConnectionParams& catalog() const { return m_catalog; }

private:
    QString m_dir;
    bool m_purge;
    ConnectionParams m_catalog;
};
