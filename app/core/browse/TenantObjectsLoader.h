#pragma once

#include "browse/TenantObject.h"
#include "browse/TenantScope.h"
#include "pg/PgConnection.h"

#include <QList>

// Lists a schema's objects (or, with an empty schema, those of every non-system schema of the
// database) from pg_catalog in two queries, however many objects there are: the objects, then
// all their parts at once. Runs inside a scoped read, or, for a template, in TemplateDrift's
// scratch schema.
class TenantObjectsLoader {
public:
    static QList<TenantObject> load(PgConnection& c, const QString& schema);
    // A tenant's objects, those whose rows its scope refuses to show marked with why (refusal).
    static QList<TenantObject> load(PgConnection& c, const TenantScope& scope);
};
