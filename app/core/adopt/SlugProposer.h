#pragma once

#include "catalog/TenantEnums.h"

#include <QSet>
#include <QString>

// Proposes slugs for adopted tenants: derived from a name (the application's, else the schema or
// database), valid per the catalog's CHECK (^[a-z][a-z0-9_-]*$, at most 63 bytes, not reserved),
// and unique among the catalog's slugs and the ones proposed before, also with '-' read as '_'
// (tenant-a and tenant_a are the same tenant to TenantDesk).
class SlugProposer {
public:
    // taken: the catalog's slugs.
    explicit SlugProposer(const QStringList& taken);

    QString propose(const QString& name, IsolationModel model);
    // Marks a slug chosen by hand as taken.
    void take(const QString& slug);

    // name reduced to a valid slug, before making it unique ("t" when nothing of it remains).
    static QString slugOf(const QString& name);

private:
    QSet<QString> m_identifiers;
};
