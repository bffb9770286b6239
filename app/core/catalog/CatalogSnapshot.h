#pragma once

#include "pg/PgConnection.h"

// A read-only REPEATABLE READ transaction on a catalog connection, with search_path pinned to
// pg_catalog: every read made while it is open sees the same committed state, and the server
// refuses any write. Ended (rolled back: it wrote nothing) when it goes out of scope.
//
// A snapshot that begins the transaction first passes CatalogGate (Access::Read): a database
// that is no catalog is refused with a message that says so, before any read fails on a missing
// relation. Every CatalogClient read opens one. When the connection is already inside a
// transaction (a caller's snapshot, or a write that passed the gate), the snapshot joins it
// instead, so a caller can make several reads consistent with each other:
//
//   // On a PgSession worker: the first screen at once, the rest from the same snapshot.
//   CatalogSnapshot snapshot(c);
//   TenantTable first = CatalogClient::loadTenants(c, 200);
//   QMetaObject::invokeMethod(model, [model, first] { model->setTenants(first); });
//   return CatalogClient::loadTenants(c, -1, 200);  // the rows after the first 200
//
// Keep a snapshot within one job: a connection left inside a transaction between jobs would
// pull the next, unrelated job into it.
class CatalogSnapshot {
public:
    // Throws InputError, with no transaction left open, when the database holds no catalog.
    explicit CatalogSnapshot(PgConnection& connection);
    ~CatalogSnapshot();
    CatalogSnapshot(const CatalogSnapshot&) = delete;
    CatalogSnapshot& operator=(const CatalogSnapshot&) = delete;

    // Whether this snapshot began the transaction (false: it joined the caller's).
    bool ownsTransaction() const { return m_owner; }

private:
    void end();

    PgConnection& m_connection;
    bool m_owner;
};
