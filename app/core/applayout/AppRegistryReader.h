#pragma once

#include "applayout/AppLayout.h"
#include "applayout/AppTenantRow.h"

#include <QList>

class PgConnection;

// Reads the application's own tenant and domain tables, as a layout names them. Blocking, on a
// connection to the layout's database.
class AppRegistryReader {
public:
    // Throws PgError(Usage) naming the table or column and the option that names it when the
    // layout's tables or required columns are not there. Optional columns (a name, an active or
    // primary column) that are not there are left out of the layout it returns.
    static AppLayout checked(PgConnection& appDb, const AppLayout& layout);
    // Whether the layout's tenant table and required columns exist: what `auto` tries.
    static bool fits(PgConnection& appDb, const AppLayout& layout);
    // Every row of the tenant table, with its domains. layout must have passed checked().
    static QList<AppTenantRow> read(PgConnection& appDb, const AppLayout& layout);
};
