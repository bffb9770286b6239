#pragma once

#include "browse/BrowseTableLoader.h"
#include "browse/TenantReader.h"
#include "pg/PgConnection.h"

#include <QString>

// The table or view name of the reader's tenant, found and described inside one of the reader's
// read-only transactions, as the grid opens it.
inline BrowseTable readTable(PgConnection& c, TenantReader& reader, const QString& name)
{
    return reader.read(c, [&] {
        return BrowseTableLoader::load(c, reader.scope(), BrowseTableLoader::find(c, reader.scope(), name));
    });
}
