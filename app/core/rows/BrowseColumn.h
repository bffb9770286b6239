#pragma once

#include <QString>

// One column of a browsed relation, from pg_catalog.
struct BrowseColumn {
    QString name;
    int attnum = 0;
    QString displayType; // format_type with the type modifier: numeric(10,2)
    // The type filter values and keys are cast to: the column's type (with its domains taken off,
    // whose checks are the tenant owner's code) by schema and name, which carry no modifier
    // ($1::pg_catalog.bpchar), so that the value is compared whole, never cut or rounded to the
    // declared char(6) or numeric(10,2) first.
    QString typeSchema;
    QString typeName;
    bool notNull = false;
    char category = 'U'; // pg_type.typcategory of the base type: N numeric, B boolean, S string...
    // Has a default btree operator class (json, xml, point have none), and reading a value of its
    // type runs no code of the tenant's owner.
    bool orderable = true;
    bool isDomain = false; // of a domain over typeName: the column is compared cast to that type too

    bool isNumeric() const { return category == 'N'; }
    bool isBoolean() const { return category == 'B'; }
    bool isJson() const { return isBuiltIn("json") || isBuiltIn("jsonb"); }
    bool isBytea() const { return isBuiltIn("bytea"); }
    bool isBuiltIn(const char* name) const
    {
        return typeSchema == QLatin1String("pg_catalog") && typeName == QLatin1String(name);
    }
};
