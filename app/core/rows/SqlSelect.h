#pragma once

#include "pg/PgConnection.h"

#include <QString>
#include <QStringList>

// One SELECT (or EXPLAIN of one) assembled from parts that are SQL already: identifiers quoted
// with PgConnection::quoteIdentifier, fixed keywords and operators, and $n placeholders for
// every value (bind). The parts are joined in one pass, never filled into a template: no name
// can reach another part, a comment or a placeholder, whatever it contains (a newline, "--",
// "{where}", "$1", "%1"). The statement carries no comments.
class SqlSelect {
public:
    SqlSelect& explain(const QString& options);
    SqlSelect& select(const QStringList& columns);
    SqlSelect& from(const QString& relation);
    // Conditions are ANDed; none selects every row.
    SqlSelect& where(const QString& condition);
    SqlSelect& where(const QStringList& conditions);
    SqlSelect& orderBy(const QStringList& terms);
    SqlSelect& limit(const QString& placeholder);
    SqlSelect& offset(const QString& placeholder);

    QString sql() const;

    // Appends value to params and returns its placeholder, cast to castType when one is given
    // ($3::pg_catalog.bpchar). castType is SQL too: a quoted type name.
    static QString bind(PgParams& params, const QVariant& value, const QString& castType = {});

private:
    QString m_explain;
    QStringList m_columns;
    QString m_relation;
    QStringList m_conditions;
    QStringList m_order;
    QString m_limit;
    QString m_offset;
};
