#pragma once

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
    static QString kindName(Kind kind)
    {
        switch (kind) {
        case Kind::Table:
            return QStringLiteral("table");
        case Kind::PartitionedTable:
            return QStringLiteral("partitioned table");
        case Kind::View:
            return QStringLiteral("view");
        case Kind::MaterializedView:
            return QStringLiteral("materialized view");
        case Kind::ForeignTable:
            return QStringLiteral("foreign table");
        case Kind::Sequence:
            return QStringLiteral("sequence");
        case Kind::Function:
            return QStringLiteral("function");
        case Kind::Procedure:
            return QStringLiteral("procedure");
        }
        return {};
    }
    static QString sectionName(Section section)
    {
        switch (section) {
        case Section::Column:
            return QStringLiteral("column");
        case Section::Index:
            return QStringLiteral("index");
        case Section::Constraint:
            return QStringLiteral("constraint");
        case Section::Trigger:
            return QStringLiteral("trigger");
        case Section::Policy:
            return QStringLiteral("policy");
        case Section::Definition:
            return QStringLiteral("definition");
        }
        return {};
    }
};
