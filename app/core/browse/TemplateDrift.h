#pragma once

#include "browse/TenantObject.h"
#include "catalog/TenantTarget.h"
#include "pg/PgConnection.h"

#include <QList>
#include <QStringList>

// What differs between a tenant's schema and the template it was made from. The catalog's
// tenantdesk.templates.ddl is the reference: no shard keeps an untouched copy of every template
// version (the sandbox's tenant_template database holds only the current one, and a schema
// tenant has no template schema at all), and comparing with other tenants only finds where one
// differs from the majority. The DDL is run in a scratch schema on the catalog connection inside
// a transaction that is always rolled back, so it never writes anything, and never touches a
// tenant's shard; both sides are then described by the same pg_catalog queries
// (TenantObjectsLoader) and compared as sets of lines.
class TemplateDrift {
public:
    // One line per object and part: "table customers", "index customers.customers_email_key:
    // CREATE UNIQUE INDEX ...". Functions by name and signature. Sorted.
    static QStringList signature(const QList<TenantObject>& objects);

    // The template's objects, from the catalog connection (a user that may CREATE a schema in the
    // catalog database). Throws InputError when the tenant has no template or the catalog no
    // DDL for it; PgError when the DDL does not run.
    static QList<TenantObject> templateObjects(PgConnection& catalog, const TenantTarget& target);

    // "- line" for what only the template has, "+ line" for what only the tenant has.
    static QStringList differences(const QStringList& templateSignature, const QStringList& tenantSignature);
};
