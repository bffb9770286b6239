#pragma once

#include "adopt/AdoptRequest.h"
#include "adopt/AdoptScan.h"
#include "pg/CancelToken.h"
#include "provision/ShardConnections.h"

#include <QSet>

// Lists what lives on a shard that no catalog tenant owns: the schemas of its tenant database
// (not PostgreSQL's, not the shared public of a schema-per-tenant app, not TenantDesk's own),
// the databases of its server (not postgres, templates, any shard's tenant database or an
// application's registry database), and the keys of its shared tables that no tenant has; each
// with a proposed slug, model, display name and domains, from the application's own tenant
// table when its layout has one. Reads only. Blocking, on one thread.
class AdoptScanner {
public:
    // cancel: checked between the scan's steps (what is on the wire is the connections' to cancel).
    AdoptScanner(PgConnection& catalog, ShardConnections& shards, CancelToken cancel = {});

    // Throws PgError(Usage) when the shard, the layout's tables or columns, or the catalog's
    // version are not what the request needs; PgError when a server cannot be reached.
    AdoptScan scan(const AdoptRequest& request);

private:
    struct Owned {
        QSet<QString> schemas; // in the shard's tenant database
        QSet<QString> databases;
        QSet<QString> keys;
    };
    ShardTarget shardNamed(const QString& name);
    Owned owned(const ShardTarget& shard);
    AppLayout layoutFor(const AdoptRequest& request, const ShardTarget& shard, QStringList& notes);
    QList<std::pair<QString, QString>> sharedKeys(PgConnection& tenantsDb, QStringList& notes);
    // A note for each domain of a candidate that routes to a catalog tenant already.
    void noteTakenDomains(AdoptScan& scan);

    // Throws PgError(Cancelled) once cancel was asked for.
    void checkCancelled() const;

    PgConnection& m_catalog;
    ShardConnections& m_shards;
    CancelToken m_cancel;
};
