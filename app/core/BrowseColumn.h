#pragma once

#include <QString>

// One column of a browsed relation, from pg_catalog.
struct BrowseColumn {
    QString name;
    int attnum = 0;
    QString displayType;  // format_type with the type modifier: numeric(10,2)
    // format_type without it: filter values and keys are cast to this ($1::numeric), never to the
    // declared type, which would truncate or round the value before it is compared.
    QString castType;
    bool notNull = false;
    char category = 'U';  // pg_type.typcategory of the base type: N numeric, B boolean, S string...
    bool orderable = true;  // has a default btree operator class (json, xml, point have none)

    bool isNumeric() const { return category == 'N'; }
    bool isBoolean() const { return category == 'B'; }
    bool isJson() const { return castType == QLatin1String("json") || castType == QLatin1String("jsonb"); }
    bool isBytea() const { return castType == QLatin1String("bytea"); }
};
