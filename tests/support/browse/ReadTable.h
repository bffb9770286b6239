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

// One tenant's connection and reader, connected as the grid connects (route chosen, support role
// checked): what a browse test reads through.
struct TenantBrowser {
    explicit TenantBrowser(const TenantAccess& access)
        : reader(access)
    {
        reader.connect(c);
    }

    BrowseTable table(const QString& name) { return readTable(c, reader, name); }

    PgConnection c;
    TenantReader reader;
};
