#pragma once

#include "base/EnumNames.h"

#include <QList>
#include <QString>

// One object of a tenant, as the tenant view lists it: a relation, a sequence or a function,
// with its parts (columns, indexes, constraints, triggers, RLS policies, view definition).
struct TenantObject {
    enum class Kind { Table, PartitionedTable, View, MaterializedView, ForeignTable, Sequence, Function, Procedure };
    enum class Section { Column = 1, Index, Constraint, Trigger, Policy, Definition };

    struct Part {
        Section section;
        QString name;
        QString definition; // unqualified by the object's own schema
    };

    quint32 oid = 0;
    Kind kind = Kind::Table;
    QString schema;
    QString name;
    QString signature;         // functions: (arguments) → result
    double estimatedRows = -1; // -1: never analyzed, or no rows of its own
    qint64 totalBytes = -1;    // -1: no storage of its own
    bool rowSecurity = false;
    bool forceRowSecurity = false;
    // Why a support session is not shown its rows (TenantScope::refusals); empty: it is.
    QString refusal;
    QList<Part> parts;

    bool isBrowsable() const
    {
        return kind == Kind::Table || kind == Kind::PartitionedTable || kind == Kind::View
               || kind == Kind::MaterializedView || kind == Kind::ForeignTable;
    }
    QString displayName() const { return schema + u'.' + name + signature; }
    static QString kindName(Kind kind) { return KindNames(kind); }
    static QString sectionName(Section section) { return SectionNames(section); }

    static constexpr EnumNames<Kind, Kind::Procedure> KindNames{
        "table",         "partitioned table", "view",     "materialized view",
        "foreign table", "sequence",          "function", "procedure"};
    static constexpr EnumNames<Section, Section::Definition, Section::Column> SectionNames{
        "column", "index", "constraint", "trigger", "policy", "definition"};
};
