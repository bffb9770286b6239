#pragma once

#include "catalog/FleetRoles.h"

#include <QList>
#include <QString>

// One check of a shard and, when it failed, its exact fix.
struct ShardCheckItem {
    QString endpoint; // "primary 10.0.0.5:5432"; the primary's for the shard's roles and rights
    QString what;     // what was checked: "tenantdesk_support may connect to database tenants"
    bool ok = false;
    QString detail; // what was found ("15.4"), or what is wrong
    QString fix;    // failed: the SQL, passfile line or command that fixes it
    // The statement of fix that `shards prepare` runs on the shard's primary as the admin role, in
    // fixDatabase; empty when the fix is the admin's to make by hand (a password, pg_hba.conf,
    // the catalog's endpoint rows).
    QString fixSql;
    QString fixDatabase;
    // Who may run fixSql when the admin role may not ("shop_app (the owner of database shop) or a
    // superuser"); empty when the admin may, or nobody but a superuser may.
    QString runBy;
};

// Every check of one shard, in the order they ran (and their fixes must run).
struct ShardCheckReport {
    QString shard;
    FleetRoles roles;
    QList<ShardCheckItem> items;

    bool ok() const
    {
        for (const ShardCheckItem& item : items) {
            if (!item.ok)
                return false;
        }
        return true;
    }
    int failures() const
    {
        int n = 0;
        for (const ShardCheckItem& item : items)
            n += item.ok ? 0 : 1;
        return n;
    }
};
