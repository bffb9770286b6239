#pragma once

#include "catalog/TenantEnums.h"

#include <QString>
#include <QStringList>

// What an admin asks for when creating a tenant, as typed (the wizard's fields, a CSV row, the
// command line). TenantSpecValidator says what is wrong with it; TenantProvisioner plans and
// creates it. A plain value: it crosses threads.
struct TenantSpec {
    QString slug; // becomes the schema name (slug with '-' as '_') or database tenant_<that>
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    QString shard; // a shard name; empty: automatic (the active shard with the most headroom)
    QString templateName;
    int templateVersion = 0; // 0: the template's latest version for the model
    QStringList domains;     // "host", "host:port", "host/path" or "host:port/path"

    bool automaticShard() const { return shard.isEmpty(); }
};
