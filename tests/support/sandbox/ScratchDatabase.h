#pragma once

#include "pg/ConnectionParams.h"

#include <QString>

// A database of its own on the sandbox's catalog server, for a test that creates, damages or
// races over a catalog without disturbing the shared one: created by tenantdesk_admin (who has
// CREATEDB) and dropped, with any sessions still on it, when the object goes.
class ScratchDatabase {
public:
    // purpose: lower-case letters, becomes part of the name (tdtest_<purpose>_<random>).
    explicit ScratchDatabase(const QString& purpose);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const QString& name() const { return m_name; }
    // The catalog connection's parameters aimed at this database.
    ConnectionParams params() const;

private:
    QString m_name;
};
