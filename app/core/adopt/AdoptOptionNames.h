#pragma once

#include <QList>
#include <QString>

// The table and column options an admin can give a scan, as the keys of AppLayout's options
// (tenant_table, ...) and what each names: tenantctl makes them --tenant-table ..., the wizard
// makes them fields. One list, so that both offer the same.
struct AdoptOptionName {
    QString key;
    QString help;

    // "--tenant-table" for "tenant_table".
    QString commandLine() const;

    static const QList<AdoptOptionName>& all();
};
