#pragma once

#include "fleetadmin/FleetShard.h"

#include <QString>

class PgConnection;
class PgError;
struct FleetRoles;

// Changes to the fleet's shape in the catalog: shards, their endpoints, the fleet's role names.
// Every change is checked before anything is sent (FleetInput), then made in one transaction
// with its audit_log row (action 'shard.add', 'endpoint.edit', ...; details as JSON), so a change
// is never without its record. The catalog's own rules (one primary per shard, unique names and
// addresses) come back as messages that say what to do. Every write bumps the catalog's fleet
// generation (its triggers), which every open console follows. A change whose COMMIT went
// unanswered is read back (OutcomeReadBack): done when it committed, PgError(Connection) when it
// did not, PgError(UnknownOutcome) when that cannot be read; never reported as a plain failure.
class FleetEditor {
public:
    explicit FleetEditor(PgConnection& catalog)
        : m_catalog(catalog)
    {
    }

    // Returns the new shard's id.
    int addShard(const ShardSpec& shard, const QString& reason = {});
    // The shard named name becomes shard. Its tenant database stays while tenants live there.
    void editShard(const QString& name, const ShardSpec& shard, const QString& reason = {});
    // Draining: no new tenants are placed there. Active again: undoes a drain.
    void setDraining(const QString& name, bool draining, const QString& reason = {});
    // Refused while the shard holds live tenants (any state but archived), saying how many.
    void retire(const QString& name, const QString& reason = {});

    // Returns the new endpoint's id.
    int addEndpoint(const QString& shard, const EndpointSpec& endpoint, const QString& reason = {});
    void editEndpoint(const QString& shard, int endpointId, const EndpointSpec& endpoint, const QString& reason = {});
    // A primary is not removed while the shard holds live tenants: they would be unreachable.
    void removeEndpoint(const QString& shard, int endpointId, const QString& reason = {});

    void setRoles(const FleetRoles& roles, const QString& reason = {});

private:
    struct LockedShard {
        int id;
        ShardState state;
        qint64 liveTenants;
        qint64 tenantsInDatabase; // schema and shared tenants: they live in its tenant database
        QString tenantDatabase;
    };
    // The catalog must be one this build may write and hold the v5 columns.
    void requireWritable();
    LockedShard lock(const QString& name);
    // Runs fn in a transaction, turning the catalog's unique and check violations into messages.
    template <typename Fn>
    auto change(Fn&& fn);
    // Returns when error is a lost COMMIT answer and the change committed; else throws.
    void readBackOrRethrow(const PgError& error);

    PgConnection& m_catalog;
};
