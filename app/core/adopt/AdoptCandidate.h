#pragma once

#include "catalog/TenantEnums.h"

#include <QString>
#include <QStringList>

// Something on a shard that no catalog tenant owns and that adoption may register: a schema, a
// database, or a key of the shared tables, with what the scan proposes for it. slug and
// displayName may be edited before it is applied. A plain value: it crosses threads.
struct AdoptCandidate {
    IsolationModel model = IsolationModel::Schema;
    QString objectName;  // the schema, the database, or the tenant key
    QString owner;       // the role that owns the schema or database (empty for a key)
    QString appTenantId; // its id in the application's tenant table (empty: not listed there)
    bool listed = false; // the application lists it (or, for the plain layout, it was found): selected by default
    QString slug;
    QString displayName;
    QStringList domains; // in the catalog's form: host, host:port, host/path

    QString schemaName() const { return model == IsolationModel::Schema ? objectName : QString(); }
    QString databaseName() const { return model == IsolationModel::Database ? objectName : QString(); }
    QString tenantKey() const { return model == IsolationModel::Shared ? objectName : QString(); }
};
