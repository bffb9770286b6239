#pragma once

#include "rows/BrowseColumn.h"
#include "rows/FilterCondition.h"

#include <QList>
#include <QString>

// A relation opened for browsing: its columns and the key that orders its rows for keyset
// paging. Loaded by BrowseTableLoader, checked against the tenant's scope.
struct BrowseTable {
    enum class KeyKind {
        Primary, // the primary key
        Unique,  // a unique index whose columns are all NOT NULL
        // Neither: rows in physical order (ctid). Keyset paging on ctid is fast (TID range scans)
        // but a row updated while you page moves to a new ctid, so it may show twice or not at
        // all; the grid says so. Sorting by a column is still possible (ctid breaks ties).
        RowLocation,
        // Views have neither a key nor a ctid: rows in the order of all their orderable columns,
        // paged by position (OFFSET), which slows down far from the start; the grid says so.
        Position
    };

    quint32 oid = 0;
    QString schema;
    QString name;
    char relkind = 'r'; // r table, p partitioned, v view, m materialized view, f foreign table
    QList<BrowseColumn> columns;
    QList<int> keyColumns; // indexes into columns, in key order; empty for RowLocation
    KeyKind keyKind = KeyKind::Primary;
    QString keyName;           // the constraint or index
    double estimatedRows = -1; // pg_class.reltuples; -1: never analyzed
    // Conditions the tenant's scope puts on every statement, whatever the user filters
    // (TenantScope::rowFilters: a shared table's tenant_id = the tenant key).
    QList<FilterCondition> scopeFilters;

    QString displayName() const { return schema + u'.' + name; }
    bool isView() const { return relkind == 'v'; }
    int columnIndex(const QString& column) const
    {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i].name == column)
                return i;
        }
        return -1;
    }
    // How rows are ordered, for the status line.
    QString keyDescription() const
    {
        QStringList names;
        for (int i : keyColumns)
            names << columns[i].name;
        switch (keyKind) {
        case KeyKind::Primary:
            return QStringLiteral("primary key (%1)").arg(names.join(QStringLiteral(", ")));
        case KeyKind::Unique:
            return QStringLiteral("unique key %1 (%2)").arg(keyName, names.join(QStringLiteral(", ")));
        case KeyKind::Position:
            return QStringLiteral("no key: rows by position (OFFSET), slower far from the start");
        case KeyKind::RowLocation:
            break;
        }
        return QStringLiteral("no key: physical order (ctid); rows changed while you page may show twice or be missed");
    }
};
